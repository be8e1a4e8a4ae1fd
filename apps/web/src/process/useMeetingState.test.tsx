import {
  addAgendaItem,
  appendEvent,
  initMeeting,
  joinMeeting,
  readMeeting,
  startMeeting,
  updateAgendaItem,
} from '@ronde/domain';
import { act, cleanup, renderHook } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { readMeetingState, useMeetingState } from './useMeetingState.ts';

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
    createdBy: 'fac00001',
    now: 0,
  });
  joinMeeting(doc, { id: 'fac00001', name: 'Awa', role: 'facilitator', now: 1 });
  return doc;
}

describe('useMeetingState', () => {
  it("re-folds when the log, the agenda, the people or the meeting's fields change, and only then", () => {
    const doc = meetingDoc();
    const renders = vi.fn();
    const { result } = renderHook(() => {
      renders();
      return useMeetingState(doc);
    });
    expect(result.current.phase).toBe('not-started');
    const first = result.current;
    // Unrelated change: a root the fold does not read.
    act(() => doc.getMap('unrelated').set('x', 1));
    expect(result.current).toBe(first);
    // The meeting's fields hold its kind, which the start snapshots (domain TRIAGE-5).
    act(() => doc.getMap('meeting').set('unrelated', 1));
    expect(readMeeting(doc)?.title).toBe('Weekly');
    expect(result.current).not.toBe(first);

    act(() => joinMeeting(doc, { id: 'ben00001', name: 'Ben', now: 2 }));
    expect(result.current).not.toBe(first);
    const afterJoin = result.current;

    act(() =>
      addAgendaItem(doc, {
        id: 'item0001',
        kind: 'information',
        title: 'News',
        createdBy: 'fac00001',
        now: 3,
      }),
    );
    expect(result.current).not.toBe(afterJoin);
    expect(result.current.items.map((i) => i.title)).toEqual(['News']);

    act(() => updateAgendaItem(doc, 'item0001', { title: 'Updates' }));
    expect(result.current.items.map((i) => i.title)).toEqual(['Updates']);

    const beforeStart = result.current;
    act(() => appendEvent(doc, startMeeting(readMeetingState(doc), 'fac00001', 10)));
    expect(result.current).not.toBe(beforeStart);
    expect(result.current.phase).toBe('check-in');

    const stable = result.current;
    const count = renders.mock.calls.length;
    act(() => doc.getMap('unrelated').set('x', 2));
    expect(result.current).toBe(stable);
    expect(renders.mock.calls.length).toBe(count);
  });
});
