import { joinMeeting, listPeople, type MeetingRole } from '@ronde/domain';
import { cleanup, renderHook } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { joinRole, mayJoin, useJoinMeeting } from './useJoinMeeting.ts';

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
    const { rerender } = renderHook(({ role }) => useJoinMeeting(doc, role, me), {
      initialProps: { role: null as MeetingRole | null },
    });
    expect(listPeople(doc)).toEqual([]);
    rerender({ role: 'participant' });
    expect(listPeople(doc).map((p) => [p.id, p.role])).toEqual([['user0002', 'participant']]);
  });

  it('keeps the role of someone already present and follows their name', () => {
    const doc = new Y.Doc();
    joinMeeting(doc, { id: 'user0001', name: 'Awa', role: 'facilitator', now: 1 });
    const { rerender } = renderHook(
      ({ name }) => useJoinMeeting(doc, 'participant', { id: 'user0001', name }),
      {
        initialProps: { name: 'Awa' },
      },
    );
    rerender({ name: 'Awa D.' });
    expect(listPeople(doc)).toEqual([
      { id: 'user0001', name: 'Awa D.', role: 'facilitator', joinedAt: 1 },
    ]);
  });

  it('WRITE-5 joins the creator as facilitator only from the server’s copy, before the start', () => {
    const base = { createdBy: 'user0001', me: 'user0001', started: false } as const;
    expect(joinRole({ ...base, load: 'loading', status: 'connecting' })).toBeNull();
    // Offline, the creation may not have reached the server: joining now
    // could travel with it in one update, which the server would refuse.
    expect(joinRole({ ...base, load: 'local', status: 'offline' })).toBeNull();
    expect(joinRole({ ...base, load: 'synced', status: 'synced' })).toBe('facilitator');
    expect(joinRole({ ...base, started: true, load: 'synced', status: 'synced' })).toBe(
      'participant',
    );
    const other = { ...base, me: 'user0002' };
    expect(joinRole({ ...other, load: 'local', status: 'offline' })).toBe('participant');
    expect(joinRole({ ...other, load: 'synced', status: 'synced' })).toBe('participant');
  });

  it('WRITE-5 a space facilitator joins as facilitator before the start, else takes part (bug 5)', () => {
    const base = { createdBy: 'user0001', me: 'user0003', started: false } as const;
    const ready = { load: 'synced', status: 'synced' } as const;
    expect(joinRole({ ...base, ...ready, spaceRole: 'facilitator' })).toBe('facilitator');
    expect(joinRole({ ...base, ...ready, spaceRole: 'member' })).toBe('participant');
    expect(joinRole({ ...base, ...ready, spaceRole: 'admin' })).toBe('participant');
    expect(joinRole({ ...base, ...ready, spaceRole: 'facilitator', started: true })).toBe(
      'participant',
    );
    expect(
      joinRole({ ...base, load: 'local', status: 'offline', spaceRole: 'facilitator' }),
    ).toBeNull();
  });
});
