import {
  ASYNC_POSITIONS,
  isStale,
  recordAsyncPosition,
  ASYNC_REASON_MAX,
  type AsyncConsentState,
  type AsyncPosition,
} from '@ronde/domain';
import { useId, useState, type FormEvent } from 'react';
import { useT } from '../i18n/useT.ts';
import { useSession } from '../state/session.ts';
import { useSubmitRefusal } from '../sync/submitRefusals.ts';
import { refusalMessage } from './refusalText.ts';
import { submitAsync } from './submitAsync.ts';

/**
 * My position on the current text: consent, concern, objection or stand
 * aside, with a reason (needed for a concern or an objection, ASYNC-4). When
 * the text was amended since my position, I am asked again. The position
 * names the digest of the text this screen shows (ASYNC-15): while that is
 * not the revision's (`textDigest` differs, or is `null` while the text
 * loads), it is not sent.
 *
 * @example
 * <PositionForm room={room.name} state={state} me={me.id} textDigest={digest} />
 */
export function PositionForm({
  room,
  state,
  me,
  textDigest,
}: {
  room: string;
  state: AsyncConsentState;
  me: string;
  textDigest: string | null;
}) {
  const t = useT();
  const id = useId();
  const mine = state.latest.get(me);
  const [value, setValue] = useState<AsyncPosition | null>(null);
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [sentId, setSentId] = useState<string | null>(null);
  const refusal = useSubmitRefusal(sentId);
  const pending = sentId !== null && !state.results.some((r) => r.id === sentId) && !refusal;

  const onSubmit = (e: FormEvent): void => {
    e.preventDefault();
    if (value === null) {
      setError(t('async.form.pick'));
      return;
    }
    if ((value === 'objection' || value === 'concern') && reason.trim() === '') {
      setError(t('async.form.reasonNeeded'));
      return;
    }
    if (textDigest !== state.digest) {
      setError(t('async.text.changed'));
      return;
    }
    setError(null);
    const now = Date.now() + useSession.getState().serverOffsetMs;
    const event = recordAsyncPosition(state, me, now, value, reason, textDigest);
    setSentId(event.id);
    void submitAsync(room, event).then(
      () => {
        setReason('');
        setValue(null);
      },
      () => setError(t('async.send.failed')),
    );
  };

  return (
    <section aria-labelledby={`${id}-title`} className="card async-form">
      <h2 id={`${id}-title`}>{t('async.form.title')}</h2>
      {mine !== undefined && isStale(state, mine) && (
        <p className="notice" role="status">
          {t('async.form.askedAgain')}
        </p>
      )}
      <form onSubmit={onSubmit}>
        <fieldset>
          <legend>{t('async.form.legend')}</legend>
          {ASYNC_POSITIONS.map((v) => (
            <label key={v} className="radio">
              <input
                type="radio"
                name={`${id}-value`}
                value={v}
                checked={value === v}
                onChange={() => setValue(v)}
              />
              {t(`async.value.${v}`)}
            </label>
          ))}
        </fieldset>
        <label htmlFor={`${id}-reason`}>
          {value === 'objection' || value === 'concern'
            ? t('async.form.reasonRequired')
            : t('async.form.reason')}
        </label>
        <textarea
          id={`${id}-reason`}
          value={reason}
          maxLength={ASYNC_REASON_MAX}
          rows={3}
          onChange={(e) => setReason(e.target.value)}
        />
        {(error || refusal) && (
          <p className="error" role="alert">
            {error ?? (refusal && t('async.refused', { detail: t(refusalMessage(refusal).key) }))}
          </p>
        )}
        <button type="submit" className="button button--primary" disabled={pending}>
          {t('async.form.submit')}
        </button>
      </form>
    </section>
  );
}
