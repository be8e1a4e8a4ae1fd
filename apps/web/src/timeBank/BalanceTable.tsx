import type { Balances, Circle } from '@ronde/domain';
import { useT } from '../i18n/useT.ts';
import { formatMinutes } from './formatMinutes.ts';

const COLUMNS = ['meeting', 'spoken', 'confirmed', 'pending', 'disputed', 'total'] as const;

/**
 * The balances as tables, per person and per circle (TIME-9): the chart's
 * text alternative and the figures themselves.
 */
export function BalanceTable({
  balances,
  circles,
}: {
  balances: Balances;
  circles: readonly Circle[];
}) {
  const t = useT();
  const header = (first: string) => (
    <thead>
      <tr>
        <th scope="col">{first}</th>
        {COLUMNS.map((c) => (
          <th key={c} scope="col">
            {t(`timeBank.column.${c}`)}
          </th>
        ))}
      </tr>
    </thead>
  );
  return (
    <>
      {/* Focusable, so a keyboard can scroll a table wider than a phone. */}
      <div
        className="table-scroll"
        tabIndex={0}
        role="region"
        aria-label={t('timeBank.table.people')}
      >
        <table className="time-table">
          <caption>{t('timeBank.table.people')}</caption>
          {header(t('timeBank.column.person'))}
          <tbody>
            {balances.people.map((p) => (
              <tr key={p.id}>
                <th scope="row">{p.name || t('meeting.unnamed')}</th>
                {COLUMNS.map((c) => (
                  <td key={c}>{formatMinutes(t, p[c])}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <div
        className="table-scroll"
        tabIndex={0}
        role="region"
        aria-label={t('timeBank.table.circles')}
      >
        <table className="time-table">
          <caption>{t('timeBank.table.circles')}</caption>
          {header(t('timeBank.column.circle'))}
          <tbody>
            {balances.circles.map((c) => (
              <tr key={c.circleId}>
                <th scope="row">{circles.find((x) => x.id === c.circleId)?.name ?? c.circleId}</th>
                {COLUMNS.map((col) => (
                  <td key={col}>{formatMinutes(t, c[col])}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
