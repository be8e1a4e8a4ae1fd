import { useState } from 'react';
import { apiJson } from '../api/http.ts';
import { useT } from '../i18n/useT.ts';
import { freshToken } from '../sync/sessionKeeper.ts';

/**
 * Downloads a decision with the signed process events it was folded from and
 * the space's device keys (`ronde-decision/1`, CONS-10), so anyone can check
 * it offline with `pnpm verify-decision <file>`.
 *
 * @example
 * <ExportDecisionButton spaceId={spaceId} decisionId={entry.id} />
 */
export function ExportDecisionButton({
  spaceId,
  decisionId,
  title,
}: {
  spaceId: string;
  decisionId: string;
  title: string;
}) {
  const t = useT();
  const [state, setState] = useState<'idle' | 'busy' | 'failed'>('idle');
  const download = async (): Promise<void> => {
    setState('busy');
    try {
      const token = await freshToken(spaceId);
      if (token === null) throw new Error('not a member');
      const record = await apiJson(
        `/api/spaces/${encodeURIComponent(spaceId)}/decisions/${encodeURIComponent(decisionId)}/export`,
        { token },
      );
      const blob = new Blob([JSON.stringify(record, null, 2)], { type: 'application/json' });
      const url = URL.createObjectURL(blob);
      const link = document.createElement('a');
      link.href = url;
      link.download = `decision-${decisionId}.json`;
      link.click();
      URL.revokeObjectURL(url);
      setState('idle');
    } catch {
      setState('failed');
    }
  };
  return (
    <span className="decision__export">
      <button
        type="button"
        className="button button--quiet"
        disabled={state === 'busy'}
        aria-label={t('decisions.export.label', { title })}
        onClick={() => void download()}
      >
        {t('decisions.export.button')}
      </button>
      {state === 'failed' && (
        <span role="alert" className="alert alert--inline">
          {t('decisions.export.failed')}
        </span>
      )}
    </span>
  );
}
