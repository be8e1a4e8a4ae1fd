import { describe, expect, it } from 'vitest';
import { presetOf, presetPeriod } from './periodPresets.ts';

describe('time bank period presets', () => {
  it('gives the days each preset covers, both ends included', () => {
    expect(presetPeriod('all', '2026-03-10')).toEqual({ from: null, to: null });
    expect(presetPeriod('thisMonth', '2026-03-10')).toEqual({
      from: '2026-03-01',
      to: '2026-03-10',
    });
    expect(presetPeriod('lastMonth', '2026-03-10')).toEqual({
      from: '2026-02-01',
      to: '2026-02-28',
    });
    expect(presetPeriod('lastMonth', '2026-01-15')).toEqual({
      from: '2025-12-01',
      to: '2025-12-31',
    });
    expect(presetPeriod('last30', '2026-03-10')).toEqual({ from: '2026-02-09', to: '2026-03-10' });
    expect(presetPeriod('thisYear', '2028-02-29')).toEqual({
      from: '2028-01-01',
      to: '2028-02-29',
    });
  });

  it('names the preset a period is, custom otherwise', () => {
    expect(presetOf({ from: '2026-02-01', to: '2026-02-28' }, '2026-03-10')).toBe('lastMonth');
    expect(presetOf({ from: '2026-02-02', to: null }, '2026-03-10')).toBe('custom');
  });
});
