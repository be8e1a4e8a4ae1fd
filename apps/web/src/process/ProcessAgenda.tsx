import { gotoItem, skipItem } from '@ronde/domain';
import { useId } from 'react';
import { useT } from '../i18n/useT.ts';
import { useProcess } from './processModel.ts';
import { isRunning, itemDisplayStatus } from './steps.ts';

/** The agenda as the process sees it: each item's status, and go to / skip for facilitators. */
export function ProcessAgenda() {
  const t = useT();
  const id = useId();
  const model = useProcess();
  const { state } = model;
  if (state.items.length === 0) return null;
  const controls = model.facilitator && isRunning(state);
  return (
    <div className="process-agenda">
      <h4 id={`${id}-h`} className="process-subtitle">
        {t('process.agenda')}
      </h4>
      <ol className="process-agenda__list" aria-labelledby={`${id}-h`}>
        {state.items.map((item) => {
          const status = itemDisplayStatus(state, item);
          const quoted = { title: item.title };
          return (
            <li
              key={item.id}
              className={`process-agenda__item process-agenda__item--${status}`}
              aria-current={status === 'current' ? 'step' : undefined}
            >
              <span className="process-agenda__title">{item.title}</span>
              <span className={`process-status process-status--${status}`}>
                {t(`process.itemStatus.${status}`)}
              </span>
              {item.outcome && (
                <span className="meta">{t(`process.outcome.${item.outcome.outcome}`)}</span>
              )}
              {controls && status !== 'done' && (
                <span className="process-agenda__actions">
                  {status !== 'current' && (
                    <button
                      type="button"
                      className="button button--quiet button--small"
                      onClick={() => model.run((s, by, at) => gotoItem(s, by, at, item.id))}
                    >
                      {t('process.goto', quoted)}
                    </button>
                  )}
                  {status !== 'skipped' && (
                    <button
                      type="button"
                      className="button button--quiet button--small"
                      onClick={() => model.run((s, by, at) => skipItem(s, by, at, item.id))}
                    >
                      {t('process.skip', quoted)}
                    </button>
                  )}
                </span>
              )}
            </li>
          );
        })}
      </ol>
    </div>
  );
}
