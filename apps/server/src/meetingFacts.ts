import {
  facilitatorsOf,
  foldMeeting,
  listAgenda,
  listPeople,
  meetingLog,
  readLog,
  type MeetingPhase,
  type MeetingState,
} from '@ronde/domain';
import type * as Y from 'yjs';

/** What the write policy and the event checker need to know of a meeting. */
export interface MeetingFacts {
  readonly phase: MeetingPhase;
  /** Who facilitates now, as the log has it (after the start) or the people map (before). */
  readonly facilitators: ReadonlySet<string>;
  readonly state: MeetingState;
}

interface Cached {
  readonly length: number;
  readonly agendaVersion: number;
  readonly facts: MeetingFacts;
}

const cache = new WeakMap<Y.Doc, Cached>();

/**
 * The meeting as its log folds, on the server's copy of the document. Only
 * the server appends to the log (SPEC EVT-1), so the fold is cached by the
 * log's length and redone when it grows; before the start the roles and
 * agenda come from their maps, so a change there refolds too.
 *
 * @example
 * if (meetingFacts(loaded.doc).phase === 'not-started') …
 */
export function meetingFacts(doc: Y.Doc): MeetingFacts {
  const log = readLog(doc);
  const mapsVersion = versionOf(doc);
  const cached = cache.get(doc);
  if (
    cached &&
    cached.length === log.length &&
    (cached.facts.phase !== 'not-started' || cached.agendaVersion === mapsVersion)
  ) {
    return cached.facts;
  }
  const state = foldMeeting(log, { agenda: listAgenda(doc), people: listPeople(doc) });
  const facts: MeetingFacts = {
    phase: state.phase,
    facilitators: new Set(facilitatorsOf(state.roles)),
    state,
  };
  cache.set(doc, { length: log.length, agendaVersion: mapsVersion, facts });
  return facts;
}

/** A cheap fingerprint of the maps the fold reads before the start: the doc's total clock. */
function versionOf(doc: Y.Doc): number {
  let sum = 0;
  for (const clock of doc.store.clients.values()) {
    const last = clock[clock.length - 1];
    if (last) sum += last.id.clock + last.length;
  }
  return sum;
}

const idCache = new WeakMap<Y.Doc, { length: number; ids: Set<string> }>();

/**
 * Every id in the meeting's log (a submitted event must bring a new one,
 * EVT-6). Only the server appends to the log, so the set grows with it: each
 * call reads only the entries appended since the last one, never refolding
 * or copying the whole log on every event.
 *
 * @example
 * if (logEventIds(loaded.doc).has(event.id)) refuse('duplicate-id');
 */
export function logEventIds(doc: Y.Doc): ReadonlySet<string> {
  const log = meetingLog(doc);
  let cached = idCache.get(doc);
  if (!cached || cached.length > log.length) {
    cached = { length: 0, ids: new Set() };
    idCache.set(doc, cached);
  }
  if (cached.length < log.length) {
    for (const entry of log.slice(cached.length) as unknown[]) {
      const id = (entry as { id?: unknown } | null)?.id;
      if (typeof id === 'string') cached.ids.add(id);
    }
    cached.length = log.length;
  }
  return cached.ids;
}
