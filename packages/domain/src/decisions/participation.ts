import type * as Y from 'yjs';
import type { MeetingInfo, MeetingPerson } from '../meeting/types.ts';
import { speakingTimes } from '../process/equity.ts';
import { compareCodeUnits } from '../process/reduceHelpers.ts';
import type { MeetingState } from '../process/state.ts';

/**
 * Participation across meetings (SPEC EQUITY-5, EQUITY-6): when a meeting
 * has ended the server files who spoke how long in the space document's
 * `participation` map, one plain JSON entry per meeting, written once and
 * never edited (like the decision log, clients never write it).
 */

export interface ParticipationPerson {
  readonly id: string;
  readonly name: string;
  readonly spokenMs: number;
  readonly turnsSpoken: number;
  readonly turnsPassed: number;
  /**
   * Time present (SPEC TIME-7): from their first join (not before the
   * start) to the end; absent in entries filed before the time bank.
   */
  readonly presentMs?: number;
}

export interface ParticipationEntry {
  /** The meeting's id: the entry's key. */
  readonly meetingId: string;
  readonly title: string;
  readonly circleId: string;
  readonly startedAt: number;
  readonly endedAt: number;
  /** Everyone who took part (not observers), most time first, ties by id. */
  readonly people: readonly ParticipationPerson[];
}

/** The space document's participation map, keyed by meeting id. */
export function spaceParticipation(doc: Y.Doc): Y.Map<unknown> {
  return doc.getMap('participation');
}

/**
 * The participation entry of an ended meeting, or null while it runs
 * (SPEC EQUITY-5): every person who took part, with the time they spoke and
 * the turns they took and passed in the whole meeting.
 *
 * @example
 * const entry = meetingParticipation(state, meeting, listPeople(meetingDoc));
 */
export function meetingParticipation(
  state: MeetingState,
  meeting: Pick<MeetingInfo, 'id' | 'title' | 'circleId'>,
  people: readonly MeetingPerson[],
): ParticipationEntry | null {
  if (state.phase !== 'ended' || state.startedAt === null || state.endedAt === null) return null;
  const times = new Map(speakingTimes(state).map((s) => [s.person, s]));
  const ids = new Set(times.keys());
  for (const [id, role] of Object.entries(state.roles)) if (role !== 'observer') ids.add(id);
  const names = new Map(people.map((p) => [p.id, p.name]));
  const joined = new Map(people.map((p) => [p.id, p.joinedAt]));
  const { startedAt, endedAt } = state;
  const list = [...ids].map((id) => ({
    id,
    name: names.get(id) ?? '',
    spokenMs: times.get(id)?.spokenMs ?? 0,
    turnsSpoken: times.get(id)?.turnsSpoken ?? 0,
    turnsPassed: times.get(id)?.turnsPassed ?? 0,
    presentMs: endedAt - Math.min(endedAt, Math.max(startedAt, joined.get(id) ?? startedAt)),
  }));
  list.sort((a, b) => b.spokenMs - a.spokenMs || compareCodeUnits(a.id, b.id));
  return {
    meetingId: meeting.id,
    title: meeting.title,
    circleId: meeting.circleId,
    startedAt: state.startedAt,
    endedAt: state.endedAt,
    people: list,
  };
}

/**
 * Files an entry unless its meeting already has one (SPEC EQUITY-5: once).
 * Returns whether it wrote.
 *
 * @example
 * recordParticipation(spaceDoc, entry); // true, then false
 */
export function recordParticipation(doc: Y.Doc, entry: ParticipationEntry): boolean {
  const map = spaceParticipation(doc);
  if (map.has(entry.meetingId)) return false;
  map.set(entry.meetingId, JSON.parse(JSON.stringify(entry)) as unknown);
  return true;
}

const num = (v: unknown): number => (typeof v === 'number' && Number.isFinite(v) ? v : 0);
const text = (v: unknown): string => (typeof v === 'string' ? v : '');
const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

function parseEntry(key: string, raw: unknown): ParticipationEntry | null {
  if (!isObject(raw) || raw.meetingId !== key || !Array.isArray(raw.people)) return null;
  return {
    meetingId: key,
    title: text(raw.title),
    circleId: text(raw.circleId),
    startedAt: num(raw.startedAt),
    endedAt: num(raw.endedAt),
    people: raw.people.filter(isObject).flatMap((p) =>
      typeof p.id === 'string'
        ? [
            {
              id: p.id,
              name: text(p.name),
              spokenMs: num(p.spokenMs),
              turnsSpoken: num(p.turnsSpoken),
              turnsPassed: num(p.turnsPassed),
              ...(typeof p.presentMs === 'number' && Number.isFinite(p.presentMs)
                ? { presentMs: Math.max(0, p.presentMs) }
                : {}),
            },
          ]
        : [],
    ),
  };
}

/**
 * The space's participation entries, oldest meeting first (by end, ties by
 * id); a stored value that is not an entry, or filed under another key, is
 * left out (SPEC EQUITY-6).
 *
 * @example
 * listParticipation(spaceDoc).map((e) => e.title);
 */
export function listParticipation(doc: Y.Doc): ParticipationEntry[] {
  const list: ParticipationEntry[] = [];
  spaceParticipation(doc).forEach((raw, key) => {
    const entry = parseEntry(key, raw);
    if (entry) list.push(entry);
  });
  return list.sort((a, b) => a.endedAt - b.endedAt || compareCodeUnits(a.meetingId, b.meetingId));
}

export interface ParticipationTotal {
  readonly id: string;
  /** The name the latest meeting knew them by. */
  readonly name: string;
  readonly spokenMs: number;
  /** Their time over everyone's, across the entries; 0 when nobody spoke. */
  readonly share: number;
  readonly meetings: number;
  readonly turnsSpoken: number;
  readonly turnsPassed: number;
}

/**
 * Each person's participation summed over entries (SPEC EQUITY-6): time,
 * share, meetings taken part in, turns; most time first, ties by id.
 *
 * @example
 * participationTotals(listParticipation(spaceDoc))[0]?.share; // 0.31
 */
export function participationTotals(entries: readonly ParticipationEntry[]): ParticipationTotal[] {
  const totals = new Map<string, Omit<ParticipationTotal, 'share'>>();
  let all = 0;
  for (const entry of entries) {
    for (const p of entry.people) {
      const before = totals.get(p.id);
      totals.set(p.id, {
        id: p.id,
        name: p.name || before?.name || '',
        spokenMs: (before?.spokenMs ?? 0) + p.spokenMs,
        meetings: (before?.meetings ?? 0) + 1,
        turnsSpoken: (before?.turnsSpoken ?? 0) + p.turnsSpoken,
        turnsPassed: (before?.turnsPassed ?? 0) + p.turnsPassed,
      });
      all += p.spokenMs;
    }
  }
  return [...totals.values()]
    .map((t) => ({ ...t, share: all > 0 ? t.spokenMs / all : 0 }))
    .sort((a, b) => b.spokenMs - a.spokenMs || compareCodeUnits(a.id, b.id));
}
