import type { PersonBalance } from '@ronde/domain';
import { useT } from '../i18n/useT.ts';
import { formatMinutes } from './formatMinutes.ts';

const SEGMENTS = ['meeting', 'confirmed', 'pending'] as const;

/**
 * Each person's time as a stacked bar: meeting time, confirmed work, pending
 * work (TIME-9), on one scale. Each bar is an SVG image whose accessible
 * name says its numbers; the table beside it is the full text alternative.
 *
 * @example
 * <BalanceChart people={balances.people} />
 */
export function BalanceChart({ people }: { people: readonly PersonBalance[] }) {
  const t = useT();
  const max = Math.max(1, ...people.map((p) => p.meeting + p.confirmed + p.pending));
  return (
    <figure className="time-chart" aria-labelledby="time-chart-caption">
      <figcaption id="time-chart-caption" className="time-chart__caption">
        {t('timeBank.chart.caption')}
      </figcaption>
      <ul className="time-chart__legend" aria-label={t('timeBank.chart.legend')}>
        {SEGMENTS.map((s) => (
          <li key={s}>
            <svg width="14" height="14" aria-hidden="true" focusable="false">
              <rect width="14" height="14" rx="3" className={`time-chart__fill--${s}`} />
            </svg>{' '}
            {t(`timeBank.segment.${s}`)}
          </li>
        ))}
      </ul>
      <ul className="time-chart__rows">
        {people.map((p) => {
          let x = 0;
          const name = p.name || t('meeting.unnamed');
          return (
            <li key={p.id} className="time-chart__row">
              <span className="time-chart__name">{name}</span>
              <svg
                className="time-chart__bar"
                role="img"
                aria-label={t('timeBank.chart.bar', {
                  name,
                  meeting: formatMinutes(t, p.meeting),
                  confirmed: formatMinutes(t, p.confirmed),
                  pending: formatMinutes(t, p.pending),
                })}
                viewBox={`0 0 ${max} 10`}
                preserveAspectRatio="none"
              >
                {SEGMENTS.map((s) => {
                  const width = p[s];
                  const rect = (
                    <rect
                      key={s}
                      x={x}
                      y={0}
                      width={width}
                      height={10}
                      className={`time-chart__fill--${s}`}
                    />
                  );
                  x += width;
                  return width > 0 ? rect : null;
                })}
              </svg>
              <span className="time-chart__total">{formatMinutes(t, p.total)}</span>
            </li>
          );
        })}
      </ul>
    </figure>
  );
}
