import type { EventResult } from '@ronde/domain';
import { useT } from '../i18n/useT.ts';

/** Why the fold did not apply an event this user sent, as the log says it; nothing once applied. */
export function RefusalNote({ result }: { result: EventResult | null }) {
  const t = useT();
  if (result === null || result.status === 'applied' || result.reason === null) return null;
  return (
    <p role="alert" className="alert">
      {t('process.notRecorded', { reason: t(`process.refusal.${result.reason}`) })}
    </p>
  );
}
