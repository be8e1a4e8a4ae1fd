import type { EventResult } from '@ronde/domain';
import { useT } from '../i18n/useT.ts';
import type { MyRefusal } from '../sync/submitRefusals.ts';

/**
 * Why an event this user sent was not recorded, in words: the server's
 * refusal (it never reached the log), or the fold's result once the log
 * holds it; nothing once applied.
 */
export function RefusalNote({
  result,
  refusal = null,
}: {
  result: EventResult | null;
  refusal?: MyRefusal | null;
}) {
  const t = useT();
  if (refusal !== null) {
    return (
      <p role="alert" className="alert">
        {t('process.notRecorded', { reason: t(`submit.refusal.${refusal.code}`) })}
      </p>
    );
  }
  if (result === null || result.status === 'applied' || result.reason === null) return null;
  return (
    <p role="alert" className="alert">
      {t('process.notRecorded', { reason: t(`process.refusal.${result.reason}`) })}
    </p>
  );
}
