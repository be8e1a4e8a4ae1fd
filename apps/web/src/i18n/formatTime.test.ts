import { describe, expect, it } from 'vitest';
import { formatLocale, formatRelative } from './formatTime.ts';

describe('formatRelative', () => {
  const now = Date.UTC(2026, 0, 15, 12);
  it('says minutes and hours ago in each language', () => {
    expect(formatRelative('en', now - 2 * 60_000, now, 'just now')).toBe('2 minutes ago');
    expect(formatRelative('fr', now - 2 * 60_000, now, 'à l’instant')).toBe('il y a 2 minutes');
    expect(formatRelative('en', now - 3 * 3600_000, now, 'just now')).toBe('3 hours ago');
  });

  it('says "just now" under a minute', () => {
    expect(formatRelative('en', now - 10_000, now, 'just now')).toBe('just now');
  });
});

describe('formatLocale', () => {
  it('writes dates the way the browser’s variant of the page’s language does', () => {
    expect(formatLocale('en', ['en-GB', 'fr-FR'])).toBe('en-GB');
    expect(formatLocale('fr', ['en-GB', 'fr-CA'])).toBe('fr-CA');
    expect(formatLocale('fr', ['en-US'])).toBe('fr');
    expect(formatLocale('en', [])).toBe('en');
    const at = Date.UTC(2026, 11, 6, 15, 0);
    const long = (locale: string): string =>
      new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone: 'UTC' }).format(at);
    expect(long(formatLocale('en', ['en-GB']))).toBe('6 December 2026');
    expect(long(formatLocale('en', ['en-US']))).toBe('December 6, 2026');
  });
});
