import { describe, expect, it } from 'vitest';
import { createOutbox } from './eventOutbox.ts';

const entry = (id: string, mine = true) => ({ event: { id, kid: 'k', sig: 's' }, mine });

describe('event outbox', () => {
  it('sends each entry once per socket, in submission order, until the log holds it', () => {
    const outbox = createOutbox();
    const first = {};
    outbox.add(entry('a'));
    outbox.add(entry('b'));
    outbox.add(entry('a')); // the same id again is one entry
    expect(outbox.due(first).map((e) => e.event.id)).toEqual(['a', 'b']);
    outbox.sent('a', first);
    expect(outbox.due(first).map((e) => e.event.id)).toEqual(['b']);
    // A reconnect is a new socket: everything not yet in the log goes again.
    const second = {};
    expect(outbox.due(second).map((e) => e.event.id)).toEqual(['a', 'b']);
    outbox.seen(new Set(['a']));
    expect(outbox.ids()).toEqual(['b']);
  });

  it('drops a refused entry and answers it; a retry sends it again on the same socket', () => {
    const outbox = createOutbox();
    const ws = {};
    outbox.add(entry('a', false));
    outbox.sent('a', ws);
    outbox.retry('a');
    expect(outbox.due(ws)).toHaveLength(1);
    expect(outbox.remove('a')?.mine).toBe(false);
    expect(outbox.remove('a')).toBeNull();
    expect(outbox.size()).toBe(0);
  });

  it('puts a copy’s log ahead of the events waiting, keeping log order', () => {
    const outbox = createOutbox();
    outbox.add(entry('later'));
    outbox.prepend([entry('old1', false), entry('old2', false), entry('later', false)]);
    expect(outbox.ids()).toEqual(['old1', 'old2', 'later']);
  });
});
