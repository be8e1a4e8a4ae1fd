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
import { readAcrossArrival } from '../hooks/arrivalGap.tsx';
import { meetingStateStore, readMeetingState, useMeetingState } from './useMeetingState.ts';

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

  // The tensions e2e spec once found its creator without "Start meeting" after
  // a reload: the page rendered from the empty document, the local copy and
  // the server's arrived before React subscribed, and the fold stayed the
  // empty one (no roles: the people map's facilitator read as a participant).
  it('MEET-2 sees what changed between the render and the subscription', () => {
    const doc = new Y.Doc();
    const store = meetingStateStore(doc);
    // Rendered before the room's copy loaded: nobody listens yet.
    expect(store.getSnapshot().facilitators).toEqual([]);
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(meetingDoc()));
    const stop = store.subscribe(() => {});
    expect(store.getSnapshot().facilitators).toEqual(['fac00001']);
    expect(store.getSnapshot().roles).toEqual({ fac00001: 'facilitator' });
    stop();
  });

  it('MEET-2 a page that subscribes after the copy arrived shows its roles', () => {
    const doc = new Y.Doc();
    const copy = Y.encodeStateAsUpdate(meetingDoc());
    expect(readAcrossArrival(doc, copy, () => useMeetingState(doc).facilitators)).toEqual([
      'fac00001',
    ]);
  });

  it('keeps its snapshot when a first subscription finds nothing changed', () => {
    const doc = meetingDoc();
    const store = meetingStateStore(doc);
    const first = store.getSnapshot();
    const stop = store.subscribe(() => {});
    expect(store.getSnapshot()).toBe(first);
    stop();
  });
});
