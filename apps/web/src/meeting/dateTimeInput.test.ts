import { describe, expect, it } from 'vitest';
import { fromDateTimeInput, nextFullHour, toDateTimeInput } from './dateTimeInput.ts';

describe('datetime-local values', () => {
  it('round-trips a local time', () => {
    const at = new Date(2030, 0, 7, 9, 5).getTime();
    expect(toDateTimeInput(at)).toBe('2030-01-07T09:05');
    expect(fromDateTimeInput('2030-01-07T09:05')).toBe(at);
  });

  it('refuses empty or malformed values', () => {
    expect(fromDateTimeInput('')).toBeNull();
    expect(fromDateTimeInput('tomorrow')).toBeNull();
  });

  it('defaults to the next full hour', () => {
    expect(nextFullHour(new Date(2030, 0, 7, 9, 5).getTime())).toBe(
      new Date(2030, 0, 7, 10, 0).getTime(),
    );
  });
});
