import {
  foldMeeting,
  listAgenda,
  listPeople,
  meetingAgenda,
  meetingLog,
  meetingPeople,
  readLog,
  type MeetingState,
} from '@ronde/domain';
import { useSyncExternalStore } from 'react';
import type * as Y from 'yjs';
import { plainEqual, type ExternalStore } from '../hooks/yStore.ts';

/** Folds the meeting document's log with its agenda and people. */
export function readMeetingState(doc: Y.Doc): MeetingState {
  return foldMeeting(readLog(doc), { agenda: listAgenda(doc), people: listPeople(doc) });
}

/**
 * A store over a meeting document's process state: it folds again only after
 * the log, the agenda or the people changed, and keeps the same snapshot
 * object in between (no structural comparison: a fold can be large).
 *
 * @example
 * const store = meetingStateStore(doc);
 * useSyncExternalStore(store.subscribe, store.getSnapshot);
 */
export function meetingStateStore(doc: Y.Doc): ExternalStore<MeetingState> {
  const types = [meetingLog(doc), meetingAgenda(doc), meetingPeople(doc)];
  let cached: MeetingState | null = null;
  let version = 0;
  let foldedAt = -1;
  let listening = 0;
  return {
    subscribe(listener) {
      const onChange = (): void => {
        version++;
        listener();
      };
      for (const type of types) type.observeDeep(onChange);
      listening++;
      return () => {
        for (const type of types) type.unobserveDeep(onChange);
        listening--;
      };
    },
    getSnapshot() {
      if (cached !== null && foldedAt === version && listening > 0) return cached;
      const next = readMeetingState(doc);
      // While nobody listens (first render) changes go unseen: fold each time,
      // keeping the old snapshot when equal so React does not loop.
      if (cached === null || listening > 0 || !plainEqual(cached, next)) cached = next;
      foldedAt = version;
      return cached;
    },
  };
}

/**
 * The meeting's process state (`foldMeeting` over the log, agenda and
 * people); the object keeps its identity until one of those changes.
 *
 * @example
 * const state = useMeetingState(room.doc);
 * const item = currentItem(state);
 */
export function useMeetingState(doc: Y.Doc): MeetingState {
  const store = sharedStore(doc);
  return useSyncExternalStore(store.subscribe, store.getSnapshot);
}

// One store per document: the page, the process screens and the decision
// writer all read the same state, so each change is folded once, not once
// per component.
const stores = new WeakMap<Y.Doc, ExternalStore<MeetingState>>();

function sharedStore(doc: Y.Doc): ExternalStore<MeetingState> {
  let store = stores.get(doc);
  if (store === undefined) {
    store = meetingStateStore(doc);
    stores.set(doc, store);
  }
  return store;
}
