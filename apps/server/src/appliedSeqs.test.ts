import { describe, expect, it } from 'vitest';
import { appliedSince, appliedThrough, hasGap, markApplied } from './appliedSeqs.ts';

describe('appliedSeqs', () => {
  it('CLUSTER-3 rows applied in order move `through`; no gap', () => {
    let state = appliedSince(4);
    for (const seq of [5, 6, 7]) state = markApplied(state, seq);
    expect(state).toEqual({ through: 7, above: new Set() });
    expect(hasGap(state)).toBe(false);
  });

  it('CLUSTER-3 a row past a missing one is a gap until the missing one comes', () => {
    let state = markApplied(appliedSince(1), 3);
    expect(state.through).toBe(1);
    expect(hasGap(state)).toBe(true);
    state = markApplied(state, 4);
    state = markApplied(state, 2);
    expect(state).toEqual({ through: 4, above: new Set() });
  });

  it('CLUSTER-3 old and repeated rows change nothing', () => {
    const state = markApplied(appliedSince(5), 7);
    expect(markApplied(state, 3)).toBe(state);
    expect(markApplied(state, 7)).toBe(state);
  });

  it('CLUSTER-3 a catch-up through a row fills every gap below it and keeps what lies above', () => {
    let state = appliedSince(2);
    for (const seq of [4, 6, 9]) state = markApplied(state, seq);
    state = appliedThrough(state, 5);
    expect(state).toEqual({ through: 6, above: new Set([9]) });
    expect(appliedThrough(state, 1)).toBe(state);
  });
});
