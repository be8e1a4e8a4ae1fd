import { describe, expect, it } from 'vitest';
import { openUrl } from './openUrl.ts';

describe('openUrl', () => {
  it('names the address to open, localhost for a wildcard host, brackets for IPv6', () => {
    expect(openUrl('127.0.0.1', 8080)).toBe('http://127.0.0.1:8080/');
    expect(openUrl('0.0.0.0', 3000)).toBe('http://localhost:3000/');
    expect(openUrl('::', 3000)).toBe('http://localhost:3000/');
    expect(openUrl('::1', 3000)).toBe('http://[::1]:3000/');
  });
});
