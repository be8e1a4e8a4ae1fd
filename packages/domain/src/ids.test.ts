import { describe, expect, it } from 'vitest';
import { isId, newId } from './ids.ts';

describe('ids', () => {
  it('ID-1 newId mints 16 URL-safe characters without look-alikes', () => {
    const seen = new Set<string>();
    for (let i = 0; i < 1000; i++) {
      const id = newId();
      expect(id).toMatch(/^[1-9A-HJ-NP-Za-km-z]{16}$/);
      seen.add(id);
    }
    expect(seen.size).toBe(1000);
  });

  it('ID-2 isId accepts 6–64 safe characters and nothing else', () => {
    expect(isId(newId())).toBe(true);
    expect(isId('abc_DE-9')).toBe(true);
    expect(isId('abcde')).toBe(false);
    expect(isId('a'.repeat(65))).toBe(false);
    for (const bad of ['../etc', 'abc def', 'abc/def', 'abcdéf', 'abc.def', '']) {
      expect(isId(bad), bad).toBe(false);
    }
  });
});
