/**
 * Conversions for `<input type="datetime-local">`, whose value is a local
 * wall-clock time without a zone ("2030-01-07T09:00").
 */
function pad(n: number): string {
  return String(n).padStart(2, '0');
}

/**
 * The input value for an instant, in this device's time zone.
 *
 * @example
 * toDateTimeInput(new Date(2030, 0, 7, 9, 0).getTime()); // '2030-01-07T09:00'
 */
export function toDateTimeInput(at: number): string {
  const d = new Date(at);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** The instant an input value names, or `null` for an empty or invalid value. */
export function fromDateTimeInput(value: string): number | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})/.exec(value);
  if (!match) return null;
  const [, y, mo, d, h, mi] = match.map(Number) as [number, number, number, number, number, number];
  const at = new Date(y, mo - 1, d, h, mi).getTime();
  return Number.isFinite(at) ? at : null;
}

/** The next full hour after `now`: a sensible default start for a new meeting. */
export function nextFullHour(now: number): number {
  const d = new Date(now);
  d.setMinutes(0, 0, 0);
  d.setHours(d.getHours() + 1);
  return d.getTime();
}
