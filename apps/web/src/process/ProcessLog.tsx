import type { MessageKey } from '../i18n/en.ts';
import { formatLocale } from '../i18n/formatTime.ts';
import { useLanguage, useT } from '../i18n/useT.ts';
import { useProcess } from './processModel.ts';

/** Every log entry in order with its result: superseded and refused ones are kept and shown (MEET-1). */
export function ProcessLog() {
  const t = useT();
  const language = useLanguage();
  const model = useProcess();
  const results = model.state.results;
  const time = new Intl.DateTimeFormat(formatLocale(language), { timeStyle: 'medium' });
  if (results.length === 0) return null;
  return (
    <details className="process-log">
      <summary>{t('process.log', { count: results.length })}</summary>
      <ol className="process-log__list">
        {results.map((r) => (
          <li key={r.index} className={`process-log__entry process-log__entry--${r.status}`}>
            {r.at !== null && (
              <time className="meta" dateTime={new Date(r.at).toISOString()}>
                {time.format(r.at)}
              </time>
            )}{' '}
            <span>
              {r.by !== null ? model.name(r.by) : t('meeting.unnamed')}
              {t('text.colon')}
              {r.type !== null ? t(`process.event.${r.type}` as MessageKey) : '?'}
            </span>
            {' — '}
            <span className={`process-result process-result--${r.status}`}>
              {t(`process.result.${r.status}`)}
              {r.reason !== null && ` (${t(`process.refusal.${r.reason}`)})`}
            </span>
          </li>
        ))}
      </ol>
    </details>
  );
}
