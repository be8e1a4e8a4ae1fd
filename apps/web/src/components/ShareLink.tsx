import { useEffect, useId, useRef, useState } from 'react';
import { useT } from '../i18n/useT.ts';

type CopyState = 'idle' | 'copied' | 'failed';

/**
 * A link to share, read-only, with a button that copies it: by default the
 * space's share link; `label` and `hint` name another (an invite link).
 */
export function ShareLink({ url, label, hint }: { url: string; label?: string; hint?: string }) {
  const t = useT();
  const id = useId();
  const input = useRef<HTMLInputElement>(null);
  const [copy, setCopy] = useState<CopyState>('idle');

  useEffect(() => {
    if (copy === 'idle') return;
    const timer = setTimeout(() => setCopy('idle'), 2500);
    return () => clearTimeout(timer);
  }, [copy]);

  const onCopy = async () => {
    try {
      await navigator.clipboard.writeText(url);
      setCopy('copied');
    } catch {
      // Clipboard API refused (insecure origin, permissions): select it instead.
      input.current?.select();
      setCopy(document.execCommand?.('copy') ? 'copied' : 'failed');
    }
  };

  return (
    <div className="share">
      <label htmlFor={id} className="share__label">
        {label ?? t('space.share')}
      </label>
      <div className="share__row">
        <input
          ref={input}
          id={id}
          className="share__input"
          readOnly
          value={url}
          onFocus={(e) => e.currentTarget.select()}
          aria-describedby={`${id}-hint`}
        />
        <button type="button" className="button" onClick={() => void onCopy()}>
          {t('space.copy')}
        </button>
      </div>
      <p id={`${id}-hint`} className="hint">
        {hint ?? t('space.shareHint')}{' '}
        <span aria-live="polite" className="share__feedback">
          {copy === 'copied' ? t('space.copied') : copy === 'failed' ? t('space.copyFailed') : ''}
        </span>
      </p>
    </div>
  );
}
