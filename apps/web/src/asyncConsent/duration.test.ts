import { describe, expect, it } from 'vitest';
import { countdownParts, durationMs } from './duration.ts';

describe('deadline durations', () => {
  it('reads positive whole amounts only', () => {
    expect(durationMs('2', 'minutes')).toBe(120_000);
    expect(durationMs(' 3 ', 'days')).toBe(3 * 86_400_000);
    expect(durationMs('0', 'hours')).toBeNull();
    expect(durationMs('1.5', 'hours')).toBeNull();
    expect(durationMs('', 'hours')).toBeNull();
  });

  it('splits a countdown, never below zero', () => {
    expect(countdownParts(90_061_000)).toEqual({ days: 1, hours: 1, minutes: 1, seconds: 1 });
    expect(countdownParts(-5)).toEqual({ days: 0, hours: 0, minutes: 0, seconds: 0 });
  });
});
