import type { ParticipationEntry } from '../decisions/participation.ts';
import { compareCodeUnits } from '../process/reduceHelpers.ts';
import type { TimeEntry } from './foldTimeLog.ts';

/**
 * Balances of the time bank (SPEC TIME-7 … TIME-9): time as the unit, per
 * person and per circle over a period, from meeting time (presence and
 * speaking, filed by the server per ended meeting) and declared work.
 * Pure: the same inputs give the same balances on every replica.
 */

/** Calendar days, both included; `null`: open-ended. */
export interface Period {
  readonly from: string | null;
  readonly to: string | null;
}

export interface BalanceInput {
  readonly entries: readonly TimeEntry[];
  readonly participation: readonly ParticipationEntry[];
  readonly period: Period;
  /** Only this circle's meetings and work; `null`: every circle. */
  readonly circleId?: string | null;
  /**
   * The viewer's offset from UTC in minutes (east positive), which decides
   * the day a meeting ended on; 0 by default. An input, so a replica never
   * reads its own clock or zone.
   */
  readonly utcOffsetMinutes?: number;
}

export interface Minutes {
  /** Time present in meetings. */
  readonly meeting: number;
  /** Of which spoken (turns). */
  readonly spoken: number;
  readonly confirmed: number;
  readonly pending: number;
  readonly disputed: number;
}

export interface PersonBalance extends Minutes {
  readonly id: string;
  readonly name: string;
  readonly meetings: number;
  /** Meeting time plus confirmed work: what the bank counts. */
  readonly total: number;
}

export interface CircleBalance extends Minutes {
  readonly circleId: string;
  readonly people: number;
  readonly total: number;
}

export interface Balances {
  readonly people: readonly PersonBalance[];
  readonly circles: readonly CircleBalance[];
  readonly totals: Minutes & { readonly total: number };
}

/**
 * The calendar day (`YYYY-MM-DD`) of an instant at an offset from UTC.
 *
 * @example
 * dayAtOffset(Date.UTC(2026, 0, 1, 23, 30), 60); // '2026-01-02'
 */
export function dayAtOffset(ms: number, utcOffsetMinutes = 0): string {
  return new Date(ms + utcOffsetMinutes * 60_000).toISOString().slice(0, 10);
}

/** Whether a day lies in a period (both ends included). */
export function inPeriod(day: string, period: Period): boolean {
  return (period.from === null || day >= period.from) && (period.to === null || day <= period.to);
}

const EMPTY = { meeting: 0, spoken: 0, confirmed: 0, pending: 0, disputed: 0 };

type Tally = { -readonly [K in keyof Minutes]: number };

/** Whole minutes, half up (TIME-7: meeting time is counted to the minute per meeting). */
const toMinutes = (ms: number): number => Math.round(Math.max(0, ms) / 60_000);

/**
 * Each person's and each circle's balance over a period (SPEC TIME-7 …
 * TIME-9). People and circles are listed by total (meeting + confirmed),
 * most first, ties by id.
 *
 * @example
 * const { people } = timeBalances({ entries, participation, period: { from: '2026-01-01', to: null } });
 */
export function timeBalances(input: BalanceInput): Balances {
  const offset = input.utcOffsetMinutes ?? 0;
  const circle = input.circleId ?? null;
  const people = new Map<string, Tally & { name: string; meetings: number; nameAt: number }>();
  const circles = new Map<string, Tally & { people: Set<string> }>();
  const person = (id: string, name: string, at: number) => {
    let p = people.get(id);
    if (!p) people.set(id, (p = { ...EMPTY, name, nameAt: at, meetings: 0 }));
    else if (name && at >= p.nameAt) Object.assign(p, { name, nameAt: at });
    return p;
  };
  const circleOf = (id: string) => {
    let c = circles.get(id);
    if (!c) circles.set(id, (c = { ...EMPTY, people: new Set() }));
    return c;
  };
  for (const meeting of input.participation) {
    if (circle !== null && meeting.circleId !== circle) continue;
    if (!inPeriod(dayAtOffset(meeting.endedAt, offset), input.period)) continue;
    const span = meeting.endedAt - meeting.startedAt;
    for (const p of meeting.people) {
      const present = toMinutes(Math.min(span, p.presentMs ?? span));
      const spoken = Math.min(present, toMinutes(p.spokenMs));
      const tally = person(p.id, p.name, meeting.endedAt);
      tally.meeting += present;
      tally.spoken += spoken;
      tally.meetings++;
      const c = circleOf(meeting.circleId);
      c.meeting += present;
      c.spoken += spoken;
      c.people.add(p.id);
    }
  }
  for (const entry of input.entries) {
    if (circle !== null && entry.circleId !== circle) continue;
    if (!inPeriod(entry.workedOn, input.period)) continue;
    const tally = person(entry.declarer, entry.declarerName, entry.declaredAt);
    tally[entry.status] += entry.minutes;
    const c = circleOf(entry.circleId);
    c[entry.status] += entry.minutes;
    c.people.add(entry.declarer);
  }
  const byTotal =
    <T extends { total: number }>(key: (t: T) => string) =>
    (a: T, b: T) =>
      b.total - a.total || compareCodeUnits(key(a), key(b));
  const peopleList: PersonBalance[] = [...people].map(([id, t]) => ({
    id,
    name: t.name,
    meetings: t.meetings,
    meeting: t.meeting,
    spoken: t.spoken,
    confirmed: t.confirmed,
    pending: t.pending,
    disputed: t.disputed,
    total: t.meeting + t.confirmed,
  }));
  const circleList: CircleBalance[] = [...circles].map(([circleId, t]) => ({
    circleId,
    people: t.people.size,
    meeting: t.meeting,
    spoken: t.spoken,
    confirmed: t.confirmed,
    pending: t.pending,
    disputed: t.disputed,
    total: t.meeting + t.confirmed,
  }));
  const totals = { ...EMPTY, total: 0 };
  for (const p of peopleList) {
    totals.meeting += p.meeting;
    totals.spoken += p.spoken;
    totals.confirmed += p.confirmed;
    totals.pending += p.pending;
    totals.disputed += p.disputed;
    totals.total += p.total;
  }
  return {
    people: peopleList.sort(byTotal((p) => p.id)),
    circles: circleList.sort(byTotal((c) => c.circleId)),
    totals,
  };
}
