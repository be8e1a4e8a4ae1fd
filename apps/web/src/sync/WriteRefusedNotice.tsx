import { useT } from '../i18n/useT.ts';
import { dismissWriteRefusal, useWriteRefusals, type WriteRefusal } from './writeRefusals.ts';

/**
 * Tells the person, in words, that the server refused a change this device
 * had stored (a 4409 close), that the document was reloaded from the server
 * and how many process events were sent again. Not "Access revoked": the
 * membership is intact. Mounted once in the app shell.
 */
export function WriteRefusedNotice() {
  const refusals = useWriteRefusals();
  if (refusals.length === 0) return null;
  return (
    <>
      {refusals.map((r) => (
        <RefusalItem key={r.room} refusal={r} />
      ))}
    </>
  );
}

function RefusalItem({ refusal }: { refusal: WriteRefusal }) {
  const t = useT();
  return (
    <div role={refusal.state === 'recovering' ? 'status' : 'alert'} className="notice">
      <p>
        <strong>{t('writeRefused.title')}.</strong>{' '}
        {t('writeRefused.body', { reason: refusal.reason || t('writeRefused.noReason') })}
      </p>
      <p>
        {refusal.state === 'recovering' && t('writeRefused.recovering')}
        {refusal.state === 'recovered' && t('writeRefused.recovered')}
        {refusal.state === 'failed' && t('writeRefused.failed')}
        {refusal.state === 'recovered' && refusal.resent > 0 && (
          <> {t('writeRefused.resent', { count: refusal.resent })}</>
        )}
      </p>
      {refusal.state !== 'recovering' && (
        <button
          type="button"
          className="button button--small"
          onClick={() => dismissWriteRefusal(refusal.room)}
        >
          {t('writeRefused.dismiss')}
        </button>
      )}
    </div>
  );
}
