import { setAsyncPolicy } from '@ronde/domain';
import { useId, useState, type FormEvent } from 'react';
import type * as Y from 'yjs';
import { useT } from '../i18n/useT.ts';
import { AsyncPolicyText } from './AsyncPolicyText.tsx';
import { useAsyncPolicy } from './useAsyncConsent.ts';
import './asyncConsent.css';

/**
 * The admin's setting of what silence means at an asynchronous consent's
 * deadline (ASYNC-11; the server accepts it from admins only, WRITE-21).
 * Members see the policy in force.
 *
 * @example
 * <AsyncPolicyForm spaceDoc={space.doc} admin={access.admin} />
 */
export function AsyncPolicyForm({ spaceDoc, admin }: { spaceDoc: Y.Doc; admin: boolean }) {
  const t = useT();
  const id = useId();
  const policy = useAsyncPolicy(spaceDoc);
  const [lazy, setLazy] = useState(policy.lazy);
  const [quorum, setQuorum] = useState(String(policy.quorumPercent));
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);

  const onSubmit = (e: FormEvent): void => {
    e.preventDefault();
    const percent = Number(quorum);
    if (!Number.isInteger(percent) || percent < 1 || percent > 100) {
      setError(t('async.settings.badQuorum'));
      return;
    }
    setError(null);
    setAsyncPolicy(spaceDoc, { lazy, quorumPercent: percent });
    setSaved(true);
  };

  return (
    <section className="card async-settings" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t('async.settings.title')}</h2>
      <AsyncPolicyText policy={policy} />
      {admin && (
        <form onSubmit={onSubmit}>
          <label className="checkbox">
            <input
              type="checkbox"
              checked={lazy}
              onChange={(e) => {
                setLazy(e.target.checked);
                setSaved(false);
              }}
            />
            {t('async.settings.lazy')}
          </label>
          {!lazy && (
            <div className="field">
              <label htmlFor={`${id}-quorum`}>{t('async.settings.quorum')}</label>
              <input
                id={`${id}-quorum`}
                type="number"
                min={1}
                max={100}
                step={1}
                value={quorum}
                onChange={(e) => {
                  setQuorum(e.target.value);
                  setSaved(false);
                }}
              />
            </div>
          )}
          {error && (
            <p className="error" role="alert">
              {error}
            </p>
          )}
          <button type="submit" className="button">
            {t('async.settings.save')}
          </button>
          {saved && (
            <span role="status" className="meta">
              {' '}
              {t('async.settings.saved')}
            </span>
          )}
        </form>
      )}
    </section>
  );
}
