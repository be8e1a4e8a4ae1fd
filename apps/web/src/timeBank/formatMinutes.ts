import type { Translate } from '../i18n/useT.ts';

/**
 * Minutes as the time bank shows them: "1 h 30 min", "45 min", "2 h".
 *
 * @example
 * formatMinutes(t, 90); // '1 h 30 min'
 */
export function formatMinutes(t: Translate, minutes: number): string {
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  if (h === 0) return t('timeBank.minutes', { m });
  if (m === 0) return t('timeBank.hours', { h });
  return t('timeBank.hoursMinutes', { h, m });
}
