import { compareCodeUnits } from '../process/reduceHelpers.ts';
import { isCircleMember, type CircleRoster } from './circleRoster.ts';
import { parseTimeEvent, type TimeEvent, type WorkFields } from './timeEvents.ts';

/**
 * The time log folded into entries (SPEC TIME-3 … TIME-6): pure and
 * deterministic, so every replica holding the same log shows the same
 * entries, and the server refuses exactly what the fold would ignore.
 */

export type EntryStatus = 'pending' | 'confirmed' | 'disputed';

export interface Dispute {
  readonly eventId: string;
  readonly by: string;
  readonly name: string;
  readonly at: number;
  readonly reason: string;
  /** The minutes the entry claimed when it was disputed. */
  readonly minutes: number;
}

export interface TimeEntry extends WorkFields {
  /** The declaring event's id. */
  readonly id: string;
  readonly declarer: string;
  readonly declarerName: string;
  readonly declaredAt: number;
  readonly status: EntryStatus;
  readonly confirmedBy: { readonly id: string; readonly name: string; readonly at: number } | null;
  /** Every dispute, oldest first: kept after an amendment (TIME-5). */
  readonly disputes: readonly Dispute[];
  readonly amendments: number;
  readonly updatedAt: number;
}

export type TimeRefusal =
  | 'malformed'
  | 'duplicate-id'
  | 'unknown-entry'
  | 'own-entry'
  | 'not-circle-member'
  | 'not-declarer'
  | 'not-pending'
  | 'not-disputed';

export interface TimeBankState {
  /** Entries in declaration order. */
  readonly entries: readonly TimeEntry[];
  /** Log entries the fold ignored, with why. */
  readonly refused: readonly { readonly index: number; readonly reason: TimeRefusal }[];
}

interface Working {
  readonly byId: Map<string, TimeEntry>;
  readonly eventIds: Set<string>;
  readonly roster: CircleRoster;
}

/**
 * Why an event cannot apply to the entries folded so far, or `null` when it
 * can (SPEC TIME-3 … TIME-5, TIME-12). The server asks this before appending.
 *
 * @example
 * const refusal = checkTimeEvent(foldTimeLog(log, roster), event, roster);
 */
export function checkTimeEvent(
  state: Pick<TimeBankState, 'entries'> & { readonly eventIds?: ReadonlySet<string> },
  event: TimeEvent,
  roster: CircleRoster,
): TimeRefusal | null {
  const byId = new Map(state.entries.map((e) => [e.id, e]));
  return refusalOf({ byId, eventIds: new Set(state.eventIds ?? []), roster }, event);
}

function refusalOf(work: Working, event: TimeEvent): TimeRefusal | null {
  if (work.eventIds.has(event.id) || work.byId.has(event.id)) return 'duplicate-id';
  if (event.type === 'time.declare') return null;
  const entry = work.byId.get(event.entryId);
  if (!entry) return 'unknown-entry';
  if (event.type === 'time.amend') {
    if (event.by !== entry.declarer) return 'not-declarer';
    return entry.status === 'disputed' ? null : 'not-disputed';
  }
  if (event.by === entry.declarer) return 'own-entry';
  if (entry.status !== 'pending') return 'not-pending';
  // Judged as the circle stood when the event was signed (TIME-12).
  return isCircleMember(work.roster, event.by, entry.circleId, event.at)
    ? null
    : 'not-circle-member';
}

function apply(work: Working, event: TimeEvent): void {
  work.eventIds.add(event.id);
  if (event.type === 'time.declare') {
    work.byId.set(event.id, {
      id: event.id,
      declarer: event.by,
      declarerName: event.name,
      declaredAt: event.at,
      minutes: event.minutes,
      workedOn: event.workedOn,
      kind: event.kind,
      subject: event.subject,
      circleId: event.circleId,
      note: event.note,
      ...(event.subjectId === undefined ? {} : { subjectId: event.subjectId }),
      status: 'pending',
      confirmedBy: null,
      disputes: [],
      amendments: 0,
      updatedAt: event.at,
    });
    return;
  }
  const entry = work.byId.get(event.entryId)!;
  let next: TimeEntry;
  switch (event.type) {
    case 'time.confirm':
      next = {
        ...entry,
        status: 'confirmed',
        confirmedBy: { id: event.by, name: event.name, at: event.at },
      };
      break;
    case 'time.dispute':
      next = {
        ...entry,
        status: 'disputed',
        disputes: [
          ...entry.disputes,
          {
            eventId: event.id,
            by: event.by,
            name: event.name,
            at: event.at,
            reason: event.reason,
            minutes: entry.minutes,
          },
        ],
      };
      break;
    case 'time.amend': {
      const { subjectId: _previous, ...kept } = entry;
      next = {
        ...kept,
        ...(event.subjectId === undefined ? {} : { subjectId: event.subjectId }),
        minutes: event.minutes,
        workedOn: event.workedOn,
        kind: event.kind,
        subject: event.subject,
        circleId: event.circleId,
        note: event.note,
        status: 'pending',
        amendments: entry.amendments + 1,
      };
      break;
    }
  }
  work.byId.set(entry.id, { ...next, updatedAt: Math.max(entry.updatedAt, event.at) });
}

/**
 * Folds a time log (the stored entries, in log order) into entries (SPEC
 * TIME-3 … TIME-6, TIME-12): an entry that is not a well-formed event, or
 * that {@link checkTimeEvent} refuses, is left out and listed in `refused`.
 * Confirmations and disputes are judged against the circle roster of the
 * space (`circleRosterOf`), as it stood at each event's time.
 *
 * @example
 * const { entries } = foldTimeLog(timeLog(spaceDoc).toArray(), circleRosterOf(spaceDoc));
 */
export function foldTimeLog(
  log: readonly unknown[],
  roster: CircleRoster,
): TimeBankState & {
  readonly eventIds: ReadonlySet<string>;
} {
  const work: Working = { byId: new Map(), eventIds: new Set(), roster };
  const order: string[] = [];
  const refused: { index: number; reason: TimeRefusal }[] = [];
  log.forEach((raw, index) => {
    const event = parseTimeEvent(raw);
    if (!event) {
      refused.push({ index, reason: 'malformed' });
      return;
    }
    const reason = refusalOf(work, event);
    if (reason) {
      refused.push({ index, reason });
      return;
    }
    apply(work, event);
    if (event.type === 'time.declare') order.push(event.id);
  });
  return {
    entries: order.map((id) => work.byId.get(id)!),
    refused,
    eventIds: work.eventIds,
  };
}

/**
 * The entries someone may confirm or dispute at `at`: pending, declared by
 * someone else (SPEC TIME-3), in a circle they belong to then (TIME-12),
 * oldest work first, ties by id.
 *
 * @example
 * entriesToReview(entries, me.id, roster, Date.now()).length; // 2
 */
export function entriesToReview(
  entries: readonly TimeEntry[],
  userId: string,
  roster: CircleRoster,
  at: number,
): TimeEntry[] {
  return entries
    .filter(
      (e) =>
        e.status === 'pending' &&
        e.declarer !== userId &&
        isCircleMember(roster, userId, e.circleId, at),
    )
    .sort((a, b) => compareCodeUnits(a.workedOn, b.workedOn) || compareCodeUnits(a.id, b.id));
}
