import type { Balances, Period } from './balances.ts';
import type { TimeEntry } from './foldTimeLog.ts';

/**
 * The time bank as CSV (SPEC TIME-10): RFC 4180 (comma, CRLF, a field with a
 * comma, quote or line break quoted, quotes doubled), a header row, one row
 * per person then one per circle, each duration as decimal hours (two
 * places) and as whole minutes. A text field that a spreadsheet would run as
 * a formula (`=`, `+`, `-`, `@`, tab, carriage return first) is prefixed
 * with `'`.
 */

export const TIME_CSV_HEADER = [
  'scope',
  'id',
  'name',
  'from',
  'to',
  'meeting_hours',
  'meeting_minutes',
  'spoken_hours',
  'spoken_minutes',
  'confirmed_hours',
  'confirmed_minutes',
  'pending_hours',
  'pending_minutes',
  'disputed_hours',
  'disputed_minutes',
  'total_hours',
  'total_minutes',
] as const;

/**
 * One CSV field, quoted when it must be, defused when a spreadsheet would
 * read it as a formula.
 *
 * @example
 * csvField('a "b", c'); // '"a ""b"", c"'
 * csvField('=1+1'); // "'=1+1"
 */
export function csvField(value: string | number): string {
  let text = String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** Minutes as decimal hours with two places: 90 → `1.50`. */
export const decimalHours = (minutes: number): string => (minutes / 60).toFixed(2);

const durations = (m: {
  meeting: number;
  spoken: number;
  confirmed: number;
  pending: number;
  disputed: number;
  total: number;
}): (string | number)[] =>
  [m.meeting, m.spoken, m.confirmed, m.pending, m.disputed, m.total].flatMap((n) => [
    decimalHours(n),
    n,
  ]);

/**
 * The balances as CSV text (header + rows, CRLF line ends).
 *
 * @example
 * const csv = timeBankCsv(timeBalances(input), input.period, (id) => circleName(id));
 */
export function timeBankCsv(
  balances: Balances,
  period: Period,
  circleName: (circleId: string) => string,
): string {
  const from = period.from ?? '';
  const to = period.to ?? '';
  const rows: (string | number)[][] = [[...TIME_CSV_HEADER]];
  for (const p of balances.people) rows.push(['person', p.id, p.name, from, to, ...durations(p)]);
  for (const c of balances.circles) {
    rows.push(['circle', c.circleId, circleName(c.circleId), from, to, ...durations(c)]);
  }
  return rows.map((row) => row.map(csvField).join(',')).join('\r\n') + '\r\n';
}

/** The columns of the entries' CSV (SPEC TIME-13). */
export const TIME_ENTRIES_CSV_HEADER = [
  'entry_id',
  'worked_on',
  'person_id',
  'person',
  'hours',
  'minutes',
  'kind',
  'subject',
  'circle_id',
  'circle',
  'status',
  'confirmed_by_id',
  'confirmed_by',
  'confirmed_at',
  'disputes',
  'disputed_by_id',
  'disputed_by',
  'disputed_at',
  'dispute_reason',
  'amendments',
  'declared_at',
  'note',
] as const;

/** A time as ISO 8601 UTC to the second: `2026-03-10T09:30:00Z`. */
const isoSecond = (at: number): string => new Date(at).toISOString().replace(/\.\d{3}Z$/, 'Z');

/**
 * The entries themselves as CSV (SPEC TIME-13), same escaping as
 * {@link timeBankCsv}: one row per entry in the given order, with its day,
 * person, duration, kind, subject, circle, status, who confirmed it and
 * when, how many disputes and the last one's author, time and reason, how
 * many amendments, when it was declared and its note.
 *
 * @example
 * const csv = timeEntriesCsv(entries, (id) => circleName(id));
 */
export function timeEntriesCsv(
  entries: readonly TimeEntry[],
  circleName: (circleId: string) => string,
): string {
  const rows: (string | number)[][] = [[...TIME_ENTRIES_CSV_HEADER]];
  for (const e of entries) {
    const last = e.disputes.at(-1);
    rows.push([
      e.id,
      e.workedOn,
      e.declarer,
      e.declarerName,
      decimalHours(e.minutes),
      e.minutes,
      e.kind,
      e.subject,
      e.circleId,
      circleName(e.circleId),
      e.status,
      e.confirmedBy?.id ?? '',
      e.confirmedBy?.name ?? '',
      e.confirmedBy ? isoSecond(e.confirmedBy.at) : '',
      e.disputes.length,
      last?.by ?? '',
      last?.name ?? '',
      last ? isoSecond(last.at) : '',
      last?.reason ?? '',
      e.amendments,
      isoSecond(e.declaredAt),
      e.note,
    ]);
  }
  return rows.map((row) => row.map(csvField).join(',')).join('\r\n') + '\r\n';
}
