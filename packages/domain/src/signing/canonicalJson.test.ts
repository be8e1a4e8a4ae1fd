import { describe, expect, it } from 'vitest';
import { canonicalJson } from './canonicalJson.ts';

describe('canonical JSON', () => {
  it('SIGN-1 sorts keys by code unit at every depth and writes no whitespace', () => {
    const value = { b: 1, a: { d: [3, { z: true, y: null }], c: 'x y' }, B: 2, é: 0, Z: -0 };
    expect(canonicalJson(value)).toBe(
      '{"B":2,"Z":0,"a":{"c":"x y","d":[3,{"y":null,"z":true}]},"b":1,"é":0}',
    );
  });

  it('SIGN-1 sorts by UTF-16 code unit, not by locale or code point', () => {
    // U+FF21 (one unit, 0xFF21) sorts after U+1F600 (surrogates 0xD83D…) by code unit,
    // before it by code point: the order must be the code-unit one everywhere.
    const value = { '\uff21': 1, '\u{1f600}': 2, a: 3, A: 4 };
    expect(canonicalJson(value)).toBe('{"A":4,"a":3,"\u{1f600}":2,"\uff21":1}');
  });

  it('SIGN-1 gives the same string whatever order the keys were written in', () => {
    const one = {
      id: 'e1',
      type: 'step.next',
      expects: { phase: 'item', stepId: 's', itemId: 'i' },
    };
    const two = {
      expects: { itemId: 'i', stepId: 's', phase: 'item' },
      type: 'step.next',
      id: 'e1',
    };
    expect(canonicalJson(one)).toBe(canonicalJson(two));
    expect(JSON.parse(canonicalJson(one))).toEqual(one);
  });

  it('SIGN-1 drops undefined members; an undefined array entry is null as in JSON', () => {
    expect(canonicalJson({ a: undefined, b: 1 })).toBe('{"b":1}');
    expect(canonicalJson([undefined, 1])).toBe('[null,1]');
    expect(canonicalJson({ a: null })).toBe('{"a":null}');
  });

  it('SIGN-1 escapes strings as JSON does', () => {
    expect(canonicalJson({ 'k"\n': 'a\u2028"\\' })).toBe('{"k\\"\\n":"a\u2028\\"\\\\"}');
  });

  it('SIGN-1 throws on non-finite numbers and on values JSON cannot hold', () => {
    expect(() => canonicalJson(NaN)).toThrow(RangeError);
    expect(() => canonicalJson({ a: [1, Infinity] })).toThrow(RangeError);
    expect(() => canonicalJson({ a: -Infinity })).toThrow(RangeError);
    expect(() => canonicalJson(undefined)).toThrow(TypeError);
    expect(() => canonicalJson(() => 1)).toThrow(TypeError);
    expect(() => canonicalJson(1n)).toThrow();
  });
});
