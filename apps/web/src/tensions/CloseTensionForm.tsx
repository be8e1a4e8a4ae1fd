import { CLOSE_REASON_MAX, closeTension, type Tension, type TensionClosing } from '@ronde/domain';
import { useId, useState, type FormEvent } from 'react';
import type * as Y from 'yjs';
import { useT } from '../i18n/useT.ts';

/** Closes a tension as resolved or dropped, with a reason (required to drop it; TENSION-2). */
export function CloseTensionForm({
  spaceDoc,
  tension,
  me,
  onDone,
}: {
  spaceDoc: Y.Doc;
  tension: Tension;
  me: string;
  onDone: () => void;
}) {
  const t = useT();
  const id = useId();
  const [closing, setClosing] = useState<TensionClosing>('resolved');
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (closing === 'dropped' && reason.trim() === '') {
      setError(t('tensions.close.reasonRequired'));
      return;
    }
    try {
      closeTension(spaceDoc, tension.id, { closing, by: me, reason, now: Date.now() });
      onDone();
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  };

  return (
    <form className="stack" onSubmit={submit} noValidate aria-labelledby={`${id}-h`}>
      <h3 id={`${id}-h`} className="card__title">
        {t('tensions.close.title')}
      </h3>
      <fieldset className="field">
        <legend>{t('tensions.close.how')}</legend>
        {(['resolved', 'dropped'] as const).map((c) => (
          <label key={c}>
            <input
              type="radio"
              name={`${id}-closing`}
              value={c}
              checked={closing === c}
              onChange={() => setClosing(c)}
            />{' '}
            {t(`tensions.close.${c}`)}
          </label>
        ))}
      </fieldset>
      <div className="field">
        <label htmlFor={`${id}-reason`}>{t('tensions.close.reason')}</label>
        <textarea
          id={`${id}-reason`}
          value={reason}
          rows={2}
          maxLength={CLOSE_REASON_MAX}
          onChange={(e) => {
            setReason(e.target.value);
            setError(null);
          }}
        />
      </div>
      {error && (
        <p role="alert" className="alert">
          {error}
        </p>
      )}
      <div className="actions">
        <button type="button" className="button button--quiet" onClick={onDone}>
          {t('newProposal.cancel')}
        </button>
        <button type="submit" className="button button--primary">
          {t('tensions.close.submit')}
        </button>
      </div>
    </form>
  );
}
