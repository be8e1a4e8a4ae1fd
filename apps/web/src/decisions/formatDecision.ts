import type { DecisionEntry } from '@ronde/domain';
import { formatLocale } from '../i18n/formatTime.ts';
import type { Language } from '../i18n/translate.ts';

/** A calendar date (`YYYY-MM-DD`) in words, read as that day wherever the reader is. */
export function formatCalendarDate(language: Language, date: string): string {
  const at = Date.parse(`${date}T00:00:00Z`);
  if (Number.isNaN(at)) return date;
  return new Intl.DateTimeFormat(formatLocale(language), {
    dateStyle: 'long',
    timeZone: 'UTC',
  }).format(at);
}

/** An instant as a date in words. */
export function formatDay(language: Language, at: number): string {
  return new Intl.DateTimeFormat(formatLocale(language), { dateStyle: 'long' }).format(at);
}

/** Names joined as the language does: "Ana, Ben and Chloé". */
export function formatNames(language: Language, names: readonly string[]): string {
  return new Intl.ListFormat(language, { type: 'conjunction' }).format(names);
}

/** The display name an entry kept for a user id, or `fallback`. */
export function nameIn(entry: DecisionEntry, id: string, fallback: string): string {
  return entry.names[id] || fallback;
}
