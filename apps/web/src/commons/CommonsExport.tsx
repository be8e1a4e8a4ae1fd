import { useState } from 'react';
import { ApiError } from '../api/http.ts';
import { useLanguage, useT } from '../i18n/useT.ts';
import { freshToken } from '../sync/sessionKeeper.ts';
import { downloadText } from '../timeBank/downloadText.ts';
import './commons.css';

const FORMATS = [
  { format: 'md', type: 'text/markdown', key: 'commons.format.md' },
  { format: 'html', type: 'text/html', key: 'commons.format.html' },
  { format: 'json', type: 'application/json', key: 'commons.format.json' },
] as const;

/** What to export: the space's decision log, one decision or one proposal. */
export type CommonsTarget =
  | { readonly kind: 'log' }
  | { readonly kind: 'decision'; readonly id: string }
  | { readonly kind: 'proposal'; readonly id: string; readonly version?: string };

/** The export's URL (server SPEC COMMONS). */
export function exportUrl(
  spaceId: string,
  target: CommonsTarget,
  format: string,
  language: string,
): string {
  const base = `/api/spaces/${encodeURIComponent(spaceId)}/commons`;
  const path =
    target.kind === 'log'
      ? `${base}/decisions`
      : target.kind === 'decision'
        ? `${base}/decisions/${encodeURIComponent(target.id)}`
        : `${base}/proposals/${encodeURIComponent(target.id)}`;
  const query = new URLSearchParams({ format, lang: language });
  if (target.kind === 'proposal' && target.version) query.set('version', target.version);
  return `${path}?${query.toString()}`;
}

/**
 * Downloads a decision, a proposal or the decision log as Markdown, HTML or
 * JSON, under CC BY-SA 4.0 with its contributors (server SPEC COMMONS), in
 * the UI's language. Each button is named for what it exports.
 *
 * @example
 * <CommonsExport spaceId={spaceId} target={{ kind: 'log' }} name={spaceName} />
 */
export function CommonsExport({
  spaceId,
  target,
  name,
}: {
  spaceId: string;
  target: CommonsTarget;
  /** The title of what is exported, for the buttons' names. */
  name: string;
}) {
  const t = useT();
  const language = useLanguage();
  const [state, setState] = useState<'idle' | 'busy' | 'failed'>('idle');
  const download = async (format: (typeof FORMATS)[number]) => {
    setState('busy');
    try {
      const token = await freshToken(spaceId);
      if (token === null) throw new ApiError('server', 401, 'unauthorized', 'signed out');
      const res = await fetch(exportUrl(spaceId, target, format.format, language), {
        headers: { authorization: `Bearer ${token}` },
      });
      if (!res.ok) throw new ApiError('server', res.status, '', `HTTP ${res.status}`);
      const filename =
        /filename="([^"]+)"/.exec(res.headers.get('content-disposition') ?? '')?.[1] ??
        `export.${format.format}`;
      downloadText(filename, await res.text(), format.type);
      setState('idle');
    } catch {
      setState('failed');
    }
  };
  return (
    <div className="commons-export" role="group" aria-label={t('commons.group', { name })}>
      <span className="commons-export__label" aria-hidden="true">
        {t('commons.export')}
      </span>
      {FORMATS.map((f) => (
        <button
          key={f.format}
          type="button"
          className="button button--quiet"
          disabled={state === 'busy'}
          aria-label={t('commons.button', { name, format: t(f.key) })}
          onClick={() => void download(f)}
        >
          {t(f.key)}
        </button>
      ))}
      {state === 'failed' && (
        <span role="alert" className="alert alert--inline">
          {t('commons.failed')}
        </span>
      )}
    </div>
  );
}
