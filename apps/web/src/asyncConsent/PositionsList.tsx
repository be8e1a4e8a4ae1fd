import { isStale, type AsyncConsentState } from '@ronde/domain';
import { useT } from '../i18n/useT.ts';

/**
 * Every voter's latest position with its reason, stale ones marked (the
 * text was amended since: they are asked again, ASYNC-6), the silent ones
 * listed as such.
 *
 * @example
 * <PositionsList state={state} />
 */
export function PositionsList({ state }: { state: AsyncConsentState }) {
  const t = useT();
  const name = (id: string): string => state.names[id] || t('async.someone');
  return (
    <section aria-labelledby="async-positions-title" className="async-positions">
      <h2 id="async-positions-title">{t('async.positions.title')}</h2>
      <ul className="async-positions__list">
        {state.voters.map((voter) => {
          const position = state.latest.get(voter);
          const stale = position !== undefined && isStale(state, position);
          return (
            <li key={voter} className="async-position" data-testid={`position-${voter}`}>
              <span className="async-position__name">{name(voter)}</span>{' '}
              {position === undefined ? (
                <span className="meta">{t('async.positions.none')}</span>
              ) : (
                <>
                  <span className={`badge badge--${position.value}`}>
                    {t(`async.value.${position.value}`)}
                  </span>
                  {stale && (
                    <span className="badge badge--stale">
                      {t('async.positions.stale', { revision: position.revision + 1 })}
                    </span>
                  )}
                  {position.reason && <q className="async-position__reason">{position.reason}</q>}
                </>
              )}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
