/** The units a deadline or an extension is given in. */
export const DURATION_UNITS = ['minutes', 'hours', 'days'] as const;
export type DurationUnit = (typeof DURATION_UNITS)[number];

const UNIT_MS: Readonly<Record<DurationUnit, number>> = {
  minutes: 60_000,
  hours: 3_600_000,
  days: 86_400_000,
};

/**
 * Milliseconds of `amount` `unit`s, or `null` when the amount is not a
 * positive whole number.
 *
 * @example
 * durationMs('3', 'days'); // 259200000
 */
export function durationMs(amount: string, unit: DurationUnit): number | null {
  if (!/^\d{1,4}$/.test(amount.trim())) return null;
  const n = Number(amount.trim());
  return n > 0 ? n * UNIT_MS[unit] : null;
}

/**
 * A countdown's parts: days, hours, minutes, seconds left (never negative).
 *
 * @example
 * countdownParts(90_061_000); // { days: 1, hours: 1, minutes: 1, seconds: 1 }
 */
export function countdownParts(ms: number): {
  days: number;
  hours: number;
  minutes: number;
  seconds: number;
} {
  const total = Math.max(0, Math.floor(ms / 1000));
  return {
    days: Math.floor(total / 86_400),
    hours: Math.floor((total % 86_400) / 3600),
    minutes: Math.floor((total % 3600) / 60),
    seconds: total % 60,
  };
}
