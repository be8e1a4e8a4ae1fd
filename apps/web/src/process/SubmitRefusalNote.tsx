import { useT } from '../i18n/useT.ts';
import { roomOfDoc } from '../sync/eventChannel.ts';
import { dismissRefusal, useLatestRefusal } from '../sync/submitRefusals.ts';
import type * as Y from 'yjs';

/**
 * The latest of my process events the server refused in this meeting (it
 * never reached the log, so the fold cannot say why), until dismissed.
 * Mounted once by the process view, so every control's refusal is told.
 */
export function SubmitRefusalNote({ doc }: { doc: Y.Doc }) {
  const t = useT();
  const room = roomOfDoc(doc);
  const refusal = useLatestRefusal(room);
  if (refusal === null || room === null) return null;
  return (
    <div role="alert" className="alert">
      <p>{t('process.notRecorded', { reason: t(`submit.refusal.${refusal.code}`) })}</p>
      <button type="button" className="button button--small" onClick={() => dismissRefusal(room)}>
        {t('submit.dismiss')}
      </button>
    </div>
  );
}
