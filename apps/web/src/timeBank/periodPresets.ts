import type { Period } from '@ronde/domain';

/** The periods offered above the balances, besides dates typed by hand. */
export const PERIOD_PRESETS = ['all', 'thisMonth', 'lastMonth', 'last30', 'thisYear'] as const;
export type PeriodPreset = (typeof PERIOD_PRESETS)[number];

const pad = (n: number): string => String(n).padStart(2, '0');
const dayOf = (d: Date): string =>
  `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;

/**
 * The days a preset covers, both ends included, counted from `today`
 * (`YYYY-MM-DD`, the viewer's local day): `all` is open at both ends, the
 * others end today, except last month which ends on its last day.
 *
 * @example
 * presetPeriod('lastMonth', '2026-03-10'); // { from: '2026-02-01', to: '2026-02-28' }
 */
export function presetPeriod(preset: PeriodPreset, today: string): Period {
  const [y, m, d] = today.split('-').map(Number) as [number, number, number];
  switch (preset) {
    case 'all':
      return { from: null, to: null };
    case 'thisMonth':
      return { from: `${y}-${pad(m)}-01`, to: today };
    case 'lastMonth':
      return {
        from: dayOf(new Date(Date.UTC(y, m - 2, 1))),
        to: dayOf(new Date(Date.UTC(y, m - 1, 0))),
      };
    case 'last30':
      return { from: dayOf(new Date(Date.UTC(y, m - 1, d - 29))), to: today };
    case 'thisYear':
      return { from: `${y}-01-01`, to: today };
  }
}

/**
 * The preset a period is, or `'custom'` for dates typed by hand.
 *
 * @example
 * presetOf({ from: null, to: null }, '2026-03-10'); // 'all'
 */
export function presetOf(period: Period, today: string): PeriodPreset | 'custom' {
  return (
    PERIOD_PRESETS.find((p) => {
      const q = presetPeriod(p, today);
      return q.from === period.from && q.to === period.to;
    }) ?? 'custom'
  );
}
