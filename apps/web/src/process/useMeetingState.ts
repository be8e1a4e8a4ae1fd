import {
  foldMeeting,
  listAgenda,
  listPeople,
  meetingAgenda,
  meetingFields,
  meetingLog,
  meetingPeople,
  readLog,
  readMeeting,
  type FoldContext,
  type MeetingState,
} from '@ronde/domain';
import { useSyncExternalStore } from 'react';
import type * as Y from 'yjs';
import { plainEqual, type ExternalStore } from '../hooks/yStore.ts';
import { verifierFor, type LogVerifier } from '../sync/logVerifier.ts';

/**
 * Folds the meeting document's log with its agenda and people. With a
 * verifier (every document a room holds has one), only the prefix of the
 * log whose signatures have been checked is folded, and an entry whose
 * signature did not verify is refused (`unsigned`): while a check runs, the
 * state waits for it rather than flashing a refusal that would vanish.
 *
 * @example
 * const state = readMeetingState(doc, verifierFor(doc));
 */
export function readMeetingState(doc: Y.Doc, verifier: LogVerifier | null = null): MeetingState {
  // The kind goes into the start's snapshot (domain TRIAGE-5).
  const kind = readMeeting(doc)?.kind;
  const context = {
    agenda: listAgenda(doc),
    people: listPeople(doc),
    ...(kind === undefined ? {} : { kind }),
  };
  if (verifier === null) return foldMeeting(readLog(doc), context);
  const verified: FoldContext = { ...context, isAuthentic: (raw) => verifier.isAuthentic(raw) };
  return foldMeeting(readLog(doc).slice(0, verifier.checkedPrefix()), verified);
}

/**
 * A store over a meeting document's process state: it folds again only after
 * the log, the agenda, the people, the meeting's fields or the checked prefix of the log (see
 * {@link readMeetingState}) changed, and keeps the same snapshot
 * object in between (no structural comparison: a fold can be large). While
 * nobody listens it cannot see changes, so it folds on every read, and once
 * more on the first read after a first subscription (a structural
 * comparison there keeps the snapshot when nothing changed).
 *
 * @example
 * const store = meetingStateStore(doc);
 * useSyncExternalStore(store.subscribe, store.getSnapshot);
 */
export function meetingStateStore(
  doc: Y.Doc,
  verifier: LogVerifier | null = null,
): ExternalStore<MeetingState> {
  const types = [meetingLog(doc), meetingAgenda(doc), meetingPeople(doc), meetingFields(doc)];
  let cached: MeetingState | null = null;
  let version = 0;
  let foldedAt = -1;
  let listening = 0;
  // The document may have changed since the last fold without anyone seeing
  // it: nobody listened (React renders, then subscribes in a later effect, and
  // a room's local or server copy can land in between).
  let unseen = true;
  return {
    subscribe(listener) {
      const onChange = (): void => {
        version++;
        listener();
      };
      for (const type of types) type.observeDeep(onChange);
      const stopVerifier = verifier?.subscribe(onChange);
      if (listening === 0) unseen = true;
      listening++;
      return () => {
        for (const type of types) type.unobserveDeep(onChange);
        stopVerifier?.();
        listening--;
      };
    },
    getSnapshot() {
      if (cached !== null && !unseen && foldedAt === version && listening > 0) return cached;
      const next = readMeetingState(doc, verifier);
      // After changes nobody saw (first render, or before the first
      // subscription), keep the old snapshot when equal, so React does not
      // loop or render again for nothing; a change seen is a new snapshot.
      if (cached === null || (listening > 0 && !unseen) || !plainEqual(cached, next)) cached = next;
      foldedAt = version;
      unseen = listening === 0;
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
    store = meetingStateStore(doc, verifierFor(doc));
    stores.set(doc, store);
  }
  return store;
}
