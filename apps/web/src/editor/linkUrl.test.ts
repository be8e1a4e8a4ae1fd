import { describe, expect, it } from 'vitest';
import { normalizeLinkUrl } from './linkUrl.ts';

describe('normalizeLinkUrl', () => {
  it('accepts http, https and mailto', () => {
    expect(normalizeLinkUrl('https://example.org/a?b=1')).toBe('https://example.org/a?b=1');
    expect(normalizeLinkUrl('http://example.org')).toBe('http://example.org/');
    expect(normalizeLinkUrl('mailto:awa@example.org')).toBe('mailto:awa@example.org');
  });

  it('adds https:// to a bare domain', () => {
    expect(normalizeLinkUrl('  example.org/page ')).toBe('https://example.org/page');
  });

  it('refuses script and other schemes', () => {
    expect(normalizeLinkUrl('javascript:alert(1)')).toBeNull();
    expect(normalizeLinkUrl('JavaScript:alert(1)')).toBeNull();
    expect(normalizeLinkUrl('data:text/html,hi')).toBeNull();
    expect(normalizeLinkUrl('ftp://example.org')).toBeNull();
  });

  it('refuses what is not an address', () => {
    expect(normalizeLinkUrl('')).toBeNull();
    expect(normalizeLinkUrl('hello world')).toBeNull();
    expect(normalizeLinkUrl('hello')).toBeNull();
    expect(normalizeLinkUrl('mailto:nobody')).toBeNull();
  });
});
