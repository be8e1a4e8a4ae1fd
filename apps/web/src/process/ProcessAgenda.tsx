import {
  agendaTime,
  gotoItem,
  itemElapsedMs,
  itemOverrunMs,
  skipItem,
  type ItemState,
} from '@ronde/domain';
import { useId } from 'react';
import { useServerNow } from '../hooks/useServerNow.ts';
import { useT, useTn } from '../i18n/useT.ts';
import { useProcess } from './processModel.ts';
import { formatClock } from './serverTime.ts';
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
      <AgendaClock />
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
              <ItemClock item={item} />
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

/** The agenda's planned time against the time spent on its items (domain TIME-2). */
function AgendaClock() {
  const tn = useTn();
  const { state } = useProcess();
  const now = useServerNow(isRunning(state) ? 1000 : 60_000);
  const time = agendaTime(state, now);
  const minutes = (ms: number) => Math.ceil(ms / 60_000);
  return (
    <p className="meta process-agenda__clock">
      {tn('process.agendaPlanned', minutes(time.plannedMs), {
        spent: formatClock(time.elapsedMs),
      })}
    </p>
  );
}

/** An item's time so far of its time box, and how far it ran over (domain TIME-1). */
function ItemClock({ item }: { item: ItemState }) {
  const t = useT();
  const { state } = useProcess();
  const now = useServerNow(item.currentSince !== null && isRunning(state) ? 1000 : 60_000);
  const elapsed = itemElapsedMs(item, now);
  const over = itemOverrunMs(item, now);
  const box = formatClock(item.timeboxMinutes * 60_000);
  if (elapsed === 0 && item.startedAt === null) {
    return <span className="meta process-agenda__time">{t('process.itemBox', { box })}</span>;
  }
  return (
    <span className={`process-agenda__time${over > 0 ? ' process-agenda__time--over' : ''}`}>
      {over > 0
        ? t('process.itemOver', { time: formatClock(elapsed), box, over: formatClock(over) })
        : t('process.itemSpent', { time: formatClock(elapsed), box })}
    </span>
  );
}
