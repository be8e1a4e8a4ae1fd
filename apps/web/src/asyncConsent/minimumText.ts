import type { TranslatePlural } from '../i18n/useT.ts';

const HOUR = 3_600_000;

/**
 * A minimum duration in words: whole hours as hours, else minutes (rounded
 * up), with the language's plural.
 *
 * @example
 * minimumText(tn, 3_600_000); // '1 hour'
 */
export function minimumText(tn: TranslatePlural, ms: number): string {
  if (ms % HOUR === 0) return tn('async.left.hours', ms / HOUR);
  return tn('async.left.minutes', Math.ceil(ms / 60_000));
}
