import type { Balances, Period } from './balances.ts';

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
