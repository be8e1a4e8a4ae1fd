import { useServerNow } from '../hooks/useServerNow.ts';
import { formatDateTime } from '../i18n/formatTime.ts';
import { useLanguage, useT, useTn } from '../i18n/useT.ts';
import { countdownParts } from './duration.ts';

/**
 * The deadline and the time left on the server's clock (DESIGN 9), once a
 * second; past the deadline it says the server is deciding.
 *
 * @example
 * <Countdown deadline={state.deadline} />
 */
export function Countdown({ deadline }: { deadline: number }) {
  const t = useT();
  const tn = useTn();
  const language = useLanguage();
  const now = useServerNow(1000);
  const left = deadline - now;
  const { days, hours, minutes, seconds } = countdownParts(left);
  const parts =
    days > 0
      ? [tn('async.left.days', days), tn('async.left.hours', hours)]
      : hours > 0
        ? [tn('async.left.hours', hours), tn('async.left.minutes', minutes)]
        : [tn('async.left.minutes', minutes), tn('async.left.seconds', seconds)];
  return (
    <p className="async-deadline">
      {t('async.deadline', { when: formatDateTime(language, deadline) })}{' '}
      <span className="async-deadline__left">
        {left > 0 ? t('async.left', { left: parts.join(' ') }) : t('async.deciding')}
      </span>
    </p>
  );
}
