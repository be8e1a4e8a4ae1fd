import { joinMeeting, listPeople } from '@ronde/domain';
import { cleanup, renderHook } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { mayJoin, useJoinMeeting } from './useJoinMeeting.ts';

afterEach(cleanup);

describe('joining a meeting', () => {
  it('waits for the server copy, or the local one while offline', () => {
    expect(mayJoin('loading', 'offline')).toBe(false);
    expect(mayJoin('local', 'connecting')).toBe(false);
    expect(mayJoin('local', 'synced')).toBe(false);
    expect(mayJoin('local', 'offline')).toBe(true);
    expect(mayJoin('local', 'error')).toBe(true);
    expect(mayJoin('synced', 'connecting')).toBe(true);
  });

  it('writes nothing before it is ready, then joins as participant', () => {
    const doc = new Y.Doc();
    const me = { id: 'user0002', name: 'Bea' };
    const { rerender } = renderHook(({ ready }) => useJoinMeeting(doc, ready, me), {
      initialProps: { ready: false },
    });
    expect(listPeople(doc)).toEqual([]);
    rerender({ ready: true });
    expect(listPeople(doc).map((p) => [p.id, p.role])).toEqual([['user0002', 'participant']]);
  });

  it('keeps the role of someone already present and follows their name', () => {
    const doc = new Y.Doc();
    joinMeeting(doc, { id: 'user0001', name: 'Awa', role: 'facilitator', now: 1 });
    const { rerender } = renderHook(
      ({ name }) => useJoinMeeting(doc, true, { id: 'user0001', name }),
      {
        initialProps: { name: 'Awa' },
      },
    );
    rerender({ name: 'Awa D.' });
    expect(listPeople(doc)).toEqual([
      { id: 'user0001', name: 'Awa D.', role: 'facilitator', joinedAt: 1 },
    ]);
  });
});
