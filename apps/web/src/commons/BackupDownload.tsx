import { useState } from 'react';
import { ApiError } from '../api/http.ts';
import { useT } from '../i18n/useT.ts';
import { freshToken } from '../sync/sessionKeeper.ts';
import { downloadText } from '../timeBank/downloadText.ts';

/**
 * An admin's download of the whole space (server SPEC BACKUP-2, BACKUP-3):
 * every document, the members without any secret, the device keys — one
 * file another Ronde server imports.
 *
 * @example
 * {access.admin && <BackupDownload spaceId={spaceId} spaceName={space.name} />}
 */
export function BackupDownload({ spaceId, spaceName }: { spaceId: string; spaceName: string }) {
  const t = useT();
  const [state, setState] = useState<'idle' | 'busy' | 'failed'>('idle');
  const download = async () => {
    setState('busy');
    try {
      const token = await freshToken(spaceId);
      if (token === null) throw new ApiError('server', 401, 'unauthorized', 'signed out');
      const res = await fetch(`/api/spaces/${encodeURIComponent(spaceId)}/backup`, {
        headers: { authorization: `Bearer ${token}` },
      });
      if (!res.ok) throw new ApiError('server', res.status, '', `HTTP ${res.status}`);
      downloadText(`ronde-backup-${spaceId}.json`, await res.text(), 'application/json');
      setState('idle');
    } catch {
      setState('failed');
    }
  };
  return (
    <span className="backup-download">
      <button
        type="button"
        className="button"
        disabled={state === 'busy'}
        aria-label={t('backup.download.label', { space: spaceName })}
        onClick={() => void download()}
      >
        {state === 'busy' ? t('backup.download.busy') : t('backup.download')}
      </button>
      {state === 'failed' && (
        <span role="alert" className="alert alert--inline">
          {t('backup.download.failed')}
        </span>
      )}
    </span>
  );
}
