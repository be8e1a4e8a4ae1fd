import type { Language } from './translate.ts';

/**
 * The locale dates and numbers are written in: the browser's own variant of
 * the page's language when it prefers one (`en-GB` writes 6 December 2026,
 * `fr-CA` 2026-12-06), else the language itself.
 *
 * @example
 * formatLocale('en', ['en-GB', 'fr']); // 'en-GB'
 * formatLocale('fr', ['en-GB']); // 'fr'
 */
export function formatLocale(
  language: Language,
  preferred: readonly string[] = browserLocales(),
): string {
  const own = preferred.find((tag) => tag.split('-')[0]?.toLowerCase() === language);
  if (own === undefined) return language;
  try {
    return Intl.DateTimeFormat.supportedLocalesOf([own])[0] ?? language;
  } catch {
    return language; // a malformed tag
  }
}

function browserLocales(): readonly string[] {
  if (typeof navigator === 'undefined') return [];
  return navigator.languages?.length ? navigator.languages : [navigator.language];
}

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
  return new Intl.DateTimeFormat(formatLocale(language), {
    dateStyle: 'long',
    timeStyle: 'short',
  }).format(at);
}
