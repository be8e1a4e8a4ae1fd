import type { AsyncClosing } from '@ronde/domain';
import { Link } from 'react-router';
import { formatDateTime } from '../i18n/formatTime.ts';
import { useLanguage, useT } from '../i18n/useT.ts';

/**
 * How the consent ended (ASYNC-12): the result, when, and who decided —
 * the server at the deadline, or the proposer.
 *
 * @example
 * <AsyncOutcome closing={state.closing} spaceId={spaceId} />
 */
export function AsyncOutcome({ closing, spaceId }: { closing: AsyncClosing; spaceId: string }) {
  const t = useT();
  const language = useLanguage();
  return (
    <section
      aria-labelledby="async-outcome-title"
      className={`card async-outcome async-outcome--${closing.result}`}
    >
      <h2 id="async-outcome-title">{t(`async.result.${closing.result}`)}</h2>
      <p>{t(`async.closedBy.${closing.reason}`, { when: formatDateTime(language, closing.at) })}</p>
      {closing.result !== 'withdrawn' && (
        <p>
          <Link to={`/s/${spaceId}/decisions`}>{t('async.outcome.log')}</Link>
        </p>
      )}
    </section>
  );
}
