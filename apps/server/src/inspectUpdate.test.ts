import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { checkProcessEvents, inspectLogAppends, processEventAuthors } from './inspectUpdate.ts';

const ME = 'u1me';
const OTHER = 'u1other';

function event(by: unknown, n = 0): Record<string, unknown> {
  return { id: `ev${n}`, type: 'step.next', by, at: 1_700_000_000_000 + n, expects: {} };
}

/** A server doc and a client that has synced it; `edit` returns the client's update. */
function setup(existing: unknown[] = []): {
  server: Y.Doc;
  client: Y.Doc;
  edit: (change: (doc: Y.Doc) => void) => Uint8Array;
} {
  const server = new Y.Doc();
  if (existing.length > 0) {
    const author = new Y.Doc();
    author.getArray('log').push(existing);
    Y.applyUpdate(server, Y.encodeStateAsUpdate(author));
  }
  const client = new Y.Doc();
  Y.applyUpdate(client, Y.encodeStateAsUpdate(server));
  return {
    server,
    client,
    edit(change) {
      const before = Y.encodeStateVector(client);
      change(client);
      return Y.encodeStateAsUpdate(client, before);
    },
  };
}

const log = (doc: Y.Doc): Y.Array<unknown> => doc.getArray('log');

describe('checkProcessEvents', () => {
  it('accepts a member appending their own events to an empty log', () => {
    const { server, edit } = setup();
    const update = edit((doc) => log(doc).push([event(ME, 1), event(ME, 2)]));
    expect(checkProcessEvents(update, ME, { doc: server })).toEqual({ ok: true });
    expect(processEventAuthors(update, { doc: server })).toEqual([ME, ME]);
  });

  it('refuses an event by someone else', () => {
    const { server, edit } = setup();
    const update = edit((doc) => log(doc).push([event(OTHER)]));
    expect(checkProcessEvents(update, ME, { doc: server })).toMatchObject({
      ok: false,
      reason: 'a process event by someone else',
    });
  });

  it('refuses a mixed update: one own event, one by someone else', () => {
    const { server, edit } = setup();
    const update = edit((doc) =>
      doc.transact(() => {
        log(doc).push([event(ME, 1)]);
        log(doc).push([event(OTHER, 2)]);
      }),
    );
    expect(processEventAuthors(update, { doc: server })).toEqual([ME, OTHER]);
    expect(checkProcessEvents(update, ME, { doc: server }).ok).toBe(false);
  });

  describe('appends after existing items (the parent is implicit, given by origin)', () => {
    it('has no parent in the decoded update: the premise of the ID resolution', () => {
      const { edit } = setup([event(OTHER, 1)]);
      const update = edit((doc) => log(doc).push([event(ME, 2)]));
      const [item] = Y.decodeUpdate(update).structs as Y.Item[];
      expect(item?.parent).toBeNull();
      expect(item?.origin).not.toBeNull();
    });

    it('accepts an own event appended after others’ events', () => {
      const { server, edit } = setup([event(OTHER, 1), event(OTHER, 2)]);
      const update = edit((doc) => log(doc).push([event(ME, 3)]));
      expect(checkProcessEvents(update, ME, { doc: server })).toEqual({ ok: true });
    });

    it('refuses someone else’s event appended after existing ones', () => {
      const { server, edit } = setup([event(ME, 1)]);
      const update = edit((doc) => log(doc).push([event(OTHER, 2)]));
      expect(processEventAuthors(update, { doc: server })).toEqual([OTHER]);
      expect(checkProcessEvents(update, ME, { doc: server }).ok).toBe(false);
    });

    it('refuses an event inserted at the start (rightOrigin only) or in the middle', () => {
      const { server, edit } = setup([event(ME, 1), event(ME, 2)]);
      const first = edit((doc) => log(doc).insert(0, [event(OTHER, 0)]));
      expect(checkProcessEvents(first, ME, { doc: server }).ok).toBe(false);
      const { server: s2, edit: edit2 } = setup([event(ME, 1), event(ME, 2)]);
      const middle = edit2((doc) => log(doc).insert(1, [event(OTHER, 0)]));
      expect(checkProcessEvents(middle, ME, { doc: s2 }).ok).toBe(false);
    });

    it('follows chains inside the update: a second client appending after the first', () => {
      const { server, client, edit } = setup([event(ME, 1)]);
      const second = new Y.Doc();
      Y.applyUpdate(second, Y.encodeStateAsUpdate(client));
      log(second).push([event(OTHER, 2)]);
      const update = edit((doc) => {
        Y.applyUpdate(doc, Y.encodeStateAsUpdate(second));
        log(doc).push([event(ME, 3)]);
      });
      expect(processEventAuthors(update, { doc: server })).toEqual(
        expect.arrayContaining([OTHER, ME]),
      );
      expect(checkProcessEvents(update, ME, { doc: server }).ok).toBe(false);
    });

    it('refuses, without the server doc, what it cannot place', () => {
      const { edit } = setup([event(OTHER, 1)]);
      const update = edit((doc) => log(doc).push([event(ME, 2)]));
      expect(checkProcessEvents(update, ME)).toMatchObject({
        ok: false,
        reason: 'depends on items the server does not have',
      });
    });

    it('places items on this connection’s updates still in flight (stored, not yet applied)', () => {
      const { server, edit } = setup([event(OTHER, 1)]);
      const first = edit((doc) => log(doc).push([event(ME, 2)]));
      const second = edit((doc) => log(doc).push([event(ME, 3)]));
      expect(checkProcessEvents(second, ME, { doc: server }).ok).toBe(false);
      expect(checkProcessEvents(second, ME, { doc: server, inFlight: [first] })).toEqual({
        ok: true,
      });
      const forged = edit((doc) => log(doc).push([event(OTHER, 4)]));
      expect(checkProcessEvents(forged, ME, { doc: server, inFlight: [first, second] }).ok).toBe(
        false,
      );
    });
  });

  it('refuses values that are not objects, and objects with no author', () => {
    for (const value of ['text', 42, null, true, [event(ME)], { type: 'x' }, { by: 7 }]) {
      const { server, edit } = setup([event(ME, 1)]);
      const update = edit((doc) => log(doc).push([value]));
      expect(checkProcessEvents(update, ME, { doc: server }).ok, JSON.stringify(value)).toBe(false);
    }
  });

  it('accepts an update that does not touch the log', () => {
    const { server, edit } = setup([event(OTHER, 1)]);
    const update = edit((doc) => {
      doc.getText('notes').insert(0, 'hello');
      doc.getMap('meta').set('title', 'Weekly');
      doc.getText('notes').delete(0, 2);
    });
    expect(checkProcessEvents(update, ME, { doc: server })).toEqual({ ok: true });
    expect(processEventAuthors(update, { doc: server })).toEqual([]);
  });

  it('ignores what the server already has (a full-state step 2 re-sending others’ events)', () => {
    const { server, client, edit } = setup([event(OTHER, 1)]);
    edit((doc) => log(doc).push([event(ME, 2)]));
    const full = Y.encodeStateAsUpdate(client);
    Y.applyUpdate(server, full);
    expect(checkProcessEvents(full, ME, { doc: server })).toEqual({ ok: true });
  });

  it('refuses nested types, keyed entries and edits inside a log entry', () => {
    const { server, edit } = setup([event(ME, 1)]);
    const nested = edit((doc) => log(doc).push([new Y.Map()]));
    expect(checkProcessEvents(nested, ME, { doc: server }).ok).toBe(false);

    const keyedDoc = new Y.Doc();
    keyedDoc.getMap('log').set('x', event(ME));
    expect(checkProcessEvents(Y.encodeStateAsUpdate(keyedDoc), ME, { doc: new Y.Doc() })).toEqual({
      ok: false,
      reason: 'a keyed entry on the log',
    });

    // A log that already holds a Y.Map (written before enforcement): editing it is refused.
    const legacy = setup();
    const withMap = legacy.edit((doc) => log(doc).push([new Y.Map()]));
    Y.applyUpdate(legacy.server, withMap);
    const inner = legacy.edit((doc) => (log(doc).get(0) as Y.Map<unknown>).set('by', ME));
    expect(checkProcessEvents(inner, ME, { doc: legacy.server })).toEqual({
      ok: false,
      reason: 'an edit inside a log entry',
    });
  });

  it('refuses deleting process events, and deleting IDs the server does not have', () => {
    const { server, edit } = setup([event(OTHER, 1), event(OTHER, 2)]);
    const deletion = edit((doc) => log(doc).delete(0, 1));
    expect(checkProcessEvents(deletion, ME, { doc: server })).toEqual({
      ok: false,
      reason: 'deletes process events',
    });

    // A pre-deletion: the next 10 clocks of another client, which Yjs would keep pending.
    const victim = new Y.Doc();
    const forged = predeleteUpdate(victim.clientID, 0, 10);
    expect(checkProcessEvents(forged, ME, { doc: server })).toEqual({
      ok: false,
      reason: 'deletes items the server does not have',
    });
  });

  it('never applies the update to the server doc', () => {
    const { server, edit } = setup([event(ME, 1)]);
    const update = edit((doc) => log(doc).push([event(ME, 2)]));
    const before = Y.encodeStateAsUpdate(server);
    checkProcessEvents(update, ME, { doc: server });
    expect(Y.encodeStateAsUpdate(server)).toEqual(before);
    expect(log(server).length).toBe(1);
  });

  it('answers "unreadable" for bytes that are not an update', () => {
    expect(processEventAuthors(new Uint8Array([1, 200, 200, 200, 200, 200]))).toBe('unreadable');
    expect(inspectLogAppends(new Uint8Array([0, 0]))).toEqual({ ok: true, appended: [] });
  });

  it('costs little on a meeting with 5,000 events (figures printed)', () => {
    const existing = Array.from({ length: 5000 }, (_, i) => event(i % 2 ? ME : OTHER, i));
    // Ten authors taking turns, kept in sync, so the log is 5,000 separate items.
    const server = new Y.Doc();
    const authors = Array.from({ length: 10 }, () => new Y.Doc());
    for (const author of [server, ...authors]) {
      author.on('update', (update: Uint8Array, origin: unknown) => {
        if (origin === 'relay') return;
        for (const other of [server, ...authors]) {
          if (other !== author) Y.applyUpdate(other, update, 'relay');
        }
      });
    }
    existing.forEach((value, i) => log(authors[i % authors.length] as Y.Doc).push([value]));
    expect(log(server).length).toBe(5000);
    const client = new Y.Doc();
    Y.applyUpdate(client, Y.encodeStateAsUpdate(server));
    const before = Y.encodeStateVector(client);
    log(client).push([event(ME, 9999)]);
    const update = Y.encodeStateAsUpdate(client, before);
    const fullStep2 = Y.encodeStateAsUpdate(client);

    const time = (runs: number, fn: () => void): number => {
      const start = performance.now();
      for (let i = 0; i < runs; i++) fn();
      return (performance.now() - start) / runs;
    };
    const append = time(2000, () => checkProcessEvents(update, ME, { doc: server }));
    const step2 = time(20, () => checkProcessEvents(fullStep2, ME, { doc: server }));
    const scratch = time(20, () => {
      const copy = new Y.Doc();
      Y.applyUpdate(copy, Y.encodeStateAsUpdate(server));
      Y.applyUpdate(copy, update);
      copy.destroy();
    });
    console.log(
      `inspectUpdate on 5,000 events: append ${(append * 1000).toFixed(1)} µs, ` +
        `full step 2 (${fullStep2.length} B) ${step2.toFixed(2)} ms; ` +
        `scratch-doc alternative ${scratch.toFixed(2)} ms per update`,
    );
    expect(checkProcessEvents(update, ME, { doc: server })).toEqual({ ok: true });
    expect(checkProcessEvents(fullStep2, ME, { doc: server })).toEqual({ ok: true });
  });
});

/** An update with no structs and one delete range `[client, clock, len]`. */
function predeleteUpdate(client: number, clock: number, len: number): Uint8Array {
  const bytes: number[] = [0, 1]; // no structs; one client in the delete set
  const varUint = (n: number): void => {
    while (n > 0x7f) {
      bytes.push((n & 0x7f) | 0x80);
      n = Math.floor(n / 128);
    }
    bytes.push(n);
  };
  varUint(client);
  varUint(1);
  varUint(clock);
  varUint(len);
  return new Uint8Array(bytes);
}
