import {
  amendAsyncConsent,
  closeAsyncConsentEarly,
  everyoneConsented,
  extendAsyncConsent,
  MAX_DEADLINE_MS,
  ASYNC_SUMMARY_MAX,
  withdrawAsyncConsent,
  type AsyncConsentState,
  type AsyncPersonEvent,
} from '@ronde/domain';
import { useId, useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { useT, useTn } from '../i18n/useT.ts';
import { useSession } from '../state/session.ts';
import { useSubmitRefusal } from '../sync/submitRefusals.ts';
import { DurationFields } from './DurationFields.tsx';
import { durationMs, type DurationUnit } from './duration.ts';
import { minimumText } from './minimumText.ts';
import { refusalMessage } from './refusalText.ts';
import { useMinDeadline } from './useMinDeadline.ts';
import { submitAsync } from './submitAsync.ts';

const serverNow = (): number => Date.now() + useSession.getState().serverOffsetMs;

/** Sends an event and remembers its id, to show a refusal. */
function useSend(room: string) {
  const [sentId, setSentId] = useState<string | null>(null);
  const refusal = useSubmitRefusal(sentId);
  const send = (event: AsyncPersonEvent): Promise<void> => {
    setSentId(event.id);
    return submitAsync(room, event);
  };
  return { send, refusal };
}

/**
 * What the proposer does while the consent is open (ASYNC-5, ASYNC-8,
 * ASYNC-9): record an amendment after editing the text (everyone who
 * positioned is asked again), close early once everyone consented,
 * withdraw. The proposer and the facilitators may extend the deadline
 * (ASYNC-3).
 *
 * An amendment names the digest of the text this screen shows, and an
 * early close the revision's (ASYNC-15): the server checks both against
 * the text it holds (ACONS-13, ACONS-14).
 *
 * @example
 * <ProposerControls room={room.name} state={state} me={me.id} proposalHref={href} textDigest={digest} />
 */
export function ProposerControls({
  room,
  state,
  me,
  proposalHref,
  textDigest,
}: {
  room: string;
  state: AsyncConsentState;
  me: string;
  proposalHref: string;
  textDigest: string | null;
}) {
  const t = useT();
  const tn = useTn();
  const id = useId();
  const minMs = useMinDeadline();
  const proposer = state.proposerId === me;
  const steers = proposer || state.facilitators.includes(me);
  const { send, refusal } = useSend(room);
  const [summary, setSummary] = useState('');
  const [amount, setAmount] = useState('1');
  const [unit, setUnit] = useState<DurationUnit>('days');
  const [error, setError] = useState<string | null>(null);
  const [confirmWithdraw, setConfirmWithdraw] = useState(false);
  if (!steers) return null;

  const onAmend = (e: FormEvent): void => {
    e.preventDefault();
    if (summary.trim() === '') {
      setError(t('async.amend.summaryNeeded'));
      return;
    }
    if (textDigest === null) {
      setError(t('async.text.loading'));
      return;
    }
    if (textDigest === state.digest) {
      setError(t('async.amend.unchanged'));
      return;
    }
    setError(null);
    void send(amendAsyncConsent(state, me, serverNow(), summary, textDigest)).then(() =>
      setSummary(''),
    );
  };
  const onExtend = (e: FormEvent): void => {
    e.preventDefault();
    const ms = durationMs(amount, unit);
    const deadline = ms === null ? null : state.deadline + ms;
    if (deadline === null || deadline < serverNow() + minMs || ms! > MAX_DEADLINE_MS) {
      setError(t('async.send.badDeadline', { min: minimumText(tn, minMs) }));
      return;
    }
    setError(null);
    void send(extendAsyncConsent(me, serverNow(), deadline));
  };

  return (
    <section aria-labelledby={`${id}-title`} className="card async-controls">
      <h2 id={`${id}-title`}>
        {proposer ? t('async.controls.proposer') : t('async.controls.facilitator')}
      </h2>
      {proposer && (
        <form onSubmit={onAmend}>
          <p className="hint">
            {t('async.amend.hint')} <Link to={proposalHref}>{t('async.amend.editLink')}</Link>
          </p>
          <label htmlFor={`${id}-summary`}>{t('async.amend.summary')}</label>
          <input
            id={`${id}-summary`}
            value={summary}
            maxLength={ASYNC_SUMMARY_MAX}
            onChange={(e) => setSummary(e.target.value)}
          />
          <button type="submit" className="button">
            {t('async.amend.submit')}
          </button>
        </form>
      )}
      <form onSubmit={onExtend}>
        <DurationFields
          label={t('async.extend.by')}
          amount={amount}
          unit={unit}
          onAmount={setAmount}
          onUnit={setUnit}
        />
        <button type="submit" className="button">
          {t('async.extend.submit')}
        </button>
      </form>
      {proposer && (
        <div className="async-controls__end">
          {everyoneConsented(state) && textDigest === state.digest && (
            <button
              type="button"
              className="button button--primary"
              onClick={() => void send(closeAsyncConsentEarly(state, me, serverNow()))}
            >
              {t('async.close.submit')}
            </button>
          )}
          {confirmWithdraw ? (
            <>
              <span>{t('async.withdraw.confirm')}</span>
              <button
                type="button"
                className="button button--danger"
                onClick={() => void send(withdrawAsyncConsent(me, serverNow()))}
              >
                {t('async.withdraw.yes')}
              </button>
              <button type="button" className="button" onClick={() => setConfirmWithdraw(false)}>
                {t('async.withdraw.no')}
              </button>
            </>
          ) : (
            <button type="button" className="button" onClick={() => setConfirmWithdraw(true)}>
              {t('async.withdraw.submit')}
            </button>
          )}
        </div>
      )}
      {(error || refusal) && (
        <p className="error" role="alert">
          {error ?? (refusal && t('async.refused', { detail: t(refusalMessage(refusal).key) }))}
        </p>
      )}
    </section>
  );
}
