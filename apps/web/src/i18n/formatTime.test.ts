import { describe, expect, it } from 'vitest';
import { formatRelative } from './formatTime.ts';

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
