import { describe, expect, it } from 'vitest';
import {
  LOOK_ALIKE_AS,
  LOOK_ALIKE_OF,
  MAX_NAME_LENGTH,
  nameTaken,
  normalizeDisplayName,
} from './displayName.ts';

const ok = (raw: string) => normalizeDisplayName(raw);

describe('displayName', () => {
  it('NAME-1 normalises to NFC, trims, and collapses inner whitespace to one space', () => {
    expect(ok('  Ada   Lovelace  ')).toEqual({ ok: true, name: 'Ada Lovelace' });
    expect(ok('Ada\u00A0\u3000Lovelace')).toEqual({ ok: true, name: 'Ada Lovelace' });
    expect(ok('Ada\u2028Lovelace')).toEqual({ ok: true, name: 'Ada Lovelace' });
    // "é" decomposed (e + U+0301) becomes the one code point U+00E9.
    expect(ok('Rene\u0301e')).toEqual({ ok: true, name: 'Ren\u00E9e' });
    expect(ok('محمد\u200Cرضا')).toEqual({ ok: true, name: 'محمد\u200Cرضا' });
    expect(ok('👩\u200D👩\u200D👧 family')).toEqual({
      ok: true,
      name: '👩\u200D👩\u200D👧 family',
    });
  });

  it('NAME-2 refuses NUL and every other control character (Cc)', () => {
    for (const char of ['\u0000', '\u0007', '\t', '\n', '\r', '\u001B', '\u007F', '\u0085']) {
      const result = ok(`Ada${char}Lovelace`);
      expect(result.ok, JSON.stringify(char)).toBe(false);
    }
    expect(ok('Ada\u0000')).toEqual({
      ok: false,
      reason: 'contains U+0000, a control or invisible formatting character',
    });
  });

  it('NAME-2 refuses U+202E and the other bidi and invisible format characters (Cf)', () => {
    expect(ok('Ada\u202Eecalevol')).toMatchObject({
      ok: false,
      reason: expect.stringContaining('U+202E') as string,
    });
    for (const code of [
      0x200e, 0x200f, 0x202a, 0x202b, 0x202c, 0x202d, 0x202e, 0x2066, 0x2067, 0x2068, 0x2069,
      0x061c, 0xfeff, 0x2060, 0x00ad, 0xe0041,
    ]) {
      const char = String.fromCodePoint(code);
      expect(ok(`Ada${char}`).ok, code.toString(16)).toBe(false);
      expect(ok(`${char}Ada`).ok, code.toString(16)).toBe(false);
    }
    // A lone surrogate (valid JSON, not valid text).
    expect(ok('Ada\uD800').ok).toBe(false);
  });

  it('NAME-3 refuses empty, blank, too long and mark-stacked names', () => {
    expect(ok('')).toEqual({ ok: false, reason: 'is empty' });
    expect(ok(' \u00A0 ')).toEqual({ ok: false, reason: 'is empty' });
    expect(ok('a'.repeat(MAX_NAME_LENGTH)).ok).toBe(true);
    expect(ok('a'.repeat(MAX_NAME_LENGTH + 1)).ok).toBe(false);
    // Counted in code points, not UTF-16 units.
    expect(ok('😀'.repeat(MAX_NAME_LENGTH)).ok).toBe(true);
    expect(ok(`A${'\u0301\u0302\u0303\u0304\u0306'}`).ok).toBe(true);
    expect(ok(`Zalgo${'\u0334\u0335\u0336\u0337\u0338\u0339'}`).ok).toBe(false);
  });
});

describe('nameTaken', () => {
  const members = [
    { userId: 'u1', name: 'Awa' },
    { userId: 'u2', name: '' },
  ];

  it('NAME-7 compares names case-insensitively after NFKC, and skips oneself', () => {
    expect(nameTaken(members, 'Awa')).toBe(true);
    expect(nameTaken(members, 'aWA')).toBe(true);
    expect(nameTaken(members, '\uFF21\uFF57\uFF41')).toBe(true);
    expect(nameTaken(members, 'Awa B.')).toBe(false);
    expect(nameTaken(members, 'Awa', 'u1')).toBe(false);
  });

  it('NAME-7 reads look-alike Cyrillic and Greek letters as the Latin ones, by case', () => {
    expect([...LOOK_ALIKE_OF]).toHaveLength(LOOK_ALIKE_AS.length);
    expect(LOOK_ALIKE_AS).toMatch(/^[A-Za-z]+$/);
    expect(nameTaken(members, '\u0410wa')).toBe(true); // Cyrillic capital A
    expect(nameTaken(members, 'Aw\u0430')).toBe(true); // Cyrillic small a
    expect(nameTaken(members, '\u0391WA')).toBe(true); // Greek capital Alpha
    expect(nameTaken([{ userId: 'u3', name: 'Nina' }], '\u039Dina')).toBe(true); // Greek capital Nu
    // Greek small nu looks like v, not n; a name in its own script is its own.
    expect(nameTaken([{ userId: 'u3', name: 'Nina' }], '\u03BDina')).toBe(false);
    expect(nameTaken([{ userId: 'u3', name: 'vina' }], '\u03BDina')).toBe(true);
    expect(nameTaken(members, 'Ава')).toBe(false);
  });

  it('NAME-7 an unnamed member takes no name, and no name is ever taken', () => {
    expect(nameTaken(members, '')).toBe(false);
    expect(nameTaken([{ userId: 'u2', name: '' }], 'Bea')).toBe(false);
  });
});
