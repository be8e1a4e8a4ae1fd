import {
  addAgendaItem,
  addMeetingSummary,
  initMeeting,
  joinMeeting,
  moveAgendaItem,
  setPersonRole,
  updateMeetingSummary,
} from '@ronde/domain';
import { act, cleanup, renderHook } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { useSession } from '../state/session.ts';
import { useAgenda } from './useAgenda.ts';
import { useMeeting } from './useMeeting.ts';
import { useMeetings } from './useMeetings.ts';
import { usePeople } from './usePeople.ts';
import { useServerNow } from './useServerNow.ts';

afterEach(cleanup);

function meetingDoc(): Y.Doc {
  const doc = new Y.Doc();
  initMeeting(doc, {
    id: 'meet0001',
    spaceId: 'space001',
    title: 'Weekly',
    circleId: 'circle01',
    kind: 'governance',
    startsAt: 0,
    createdBy: 'user0001',
    now: 0,
  });
  joinMeeting(doc, { id: 'user0001', name: 'Awa', role: 'facilitator', now: 1 });
  return doc;
}

const info = (id: string) =>
  ({ id, kind: 'information', title: id, createdBy: 'user0001', now: 1 }) as const;

describe('meeting hooks', () => {
  it('useAgenda follows additions and moves, and ignores people changes', () => {
    const doc = meetingDoc();
    const renders = vi.fn();
    const { result } = renderHook(() => {
      renders();
      return useAgenda(doc);
    });
    act(() => addAgendaItem(doc, info('item0001')));
    act(() => addAgendaItem(doc, info('item0002')));
    act(() => moveAgendaItem(doc, 'item0002', 0));
    expect(result.current.map((i) => i.id)).toEqual(['item0002', 'item0001']);
    const before = result.current;
    const count = renders.mock.calls.length;
    act(() => joinMeeting(doc, { id: 'user0002', name: 'Bea', now: 2 }));
    expect(result.current).toBe(before);
    expect(renders.mock.calls.length).toBe(count);
  });

  it('usePeople follows joins and roles; useMeeting ignores them', () => {
    const doc = meetingDoc();
    const { result } = renderHook(() => ({ people: usePeople(doc), meeting: useMeeting(doc) }));
    const meeting = result.current.meeting;
    expect(meeting?.title).toBe('Weekly');
    act(() => joinMeeting(doc, { id: 'user0002', name: 'Bea', now: 2 }));
    act(() => setPersonRole(doc, 'user0002', 'observer'));
    expect(result.current.people.map((p) => [p.name, p.role])).toEqual([
      ['Awa', 'facilitator'],
      ['Bea', 'observer'],
    ]);
    expect(result.current.meeting).toBe(meeting);
  });

  it('useMeetings regroups when a meeting goes live', () => {
    const doc = new Y.Doc();
    const { result } = renderHook(() => useMeetings(doc));
    expect(result.current).toEqual({ live: [], upcoming: [], ended: [] });
    act(() =>
      addMeetingSummary(doc, {
        id: 'meet0001',
        title: 'Weekly',
        circleId: 'c1',
        kind: 'tactical',
        startsAt: 5,
        status: 'upcoming',
        updatedAt: 1,
      }),
    );
    expect(result.current.upcoming.map((m) => m.id)).toEqual(['meet0001']);
    act(() => updateMeetingSummary(doc, 'meet0001', { status: 'live', updatedAt: 2 }));
    expect(result.current.live.map((m) => m.id)).toEqual(['meet0001']);
    expect(result.current.upcoming).toEqual([]);
  });
});

describe('useServerNow', () => {
  afterEach(() => {
    vi.useRealTimers();
    useSession.getState().setServerOffset(0);
  });

  it('adds the measured offset and ticks at the interval', () => {
    vi.useFakeTimers();
    vi.setSystemTime(100_000);
    useSession.getState().setServerOffset(2500);
    const { result } = renderHook(() => useServerNow(1000));
    expect(result.current).toBe(102_500);
    act(() => vi.advanceTimersByTime(1000));
    expect(result.current).toBe(103_500);
    act(() => useSession.getState().setServerOffset(-500));
    expect(result.current).toBe(100_500);
  });
});
