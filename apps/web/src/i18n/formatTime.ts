import type { Language } from './translate.ts';

const UNITS: ReadonlyArray<[Intl.RelativeTimeFormatUnit, number]> = [
  ['year', 365 * 24 * 3600_000],
  ['month', 30 * 24 * 3600_000],
  ['week', 7 * 24 * 3600_000],
  ['day', 24 * 3600_000],
  ['hour', 3600_000],
  ['minute', 60_000],
];

/**
 * A past or future instant relative to `now`, in words ("2 minutes ago",
 * "il y a 2 minutes"); under a minute it is `justNow` (the catalogue's
 * "just now", which Intl has no unit for).
 *
 * @example
 * formatRelative('en', Date.now() - 120_000, Date.now(), 'just now'); // '2 minutes ago'
 */
export function formatRelative(
  language: Language,
  then: number,
  now: number,
  justNow: string,
): string {
  const rtf = new Intl.RelativeTimeFormat(language, { numeric: 'auto' });
  const diff = then - now;
  for (const [unit, ms] of UNITS) {
    if (Math.abs(diff) >= ms) return rtf.format(Math.round(diff / ms), unit);
  }
  return justNow;
}

/**
 * A full date and time, for tooltips next to a relative time.
 *
 * @example
 * formatDateTime('fr', 0); // '1 janvier 1970 à 01:00'
 */
export function formatDateTime(language: Language, at: number): string {
  return new Intl.DateTimeFormat(language, { dateStyle: 'long', timeStyle: 'short' }).format(at);
}
