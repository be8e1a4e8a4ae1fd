import { MAX_DEADLINE_MS, isReviewDate, newId, openAsyncConsent, roomName } from '@ronde/domain';
import { useId, useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router';
import type * as Y from 'yjs';
import { useT, useTn } from '../i18n/useT.ts';
import { useSession } from '../state/session.ts';
import { openDoc } from '../sync/openDoc.ts';
import { useRoom, useRoomLoad } from '../sync/useRoom.ts';
import { AsyncPolicyText } from './AsyncPolicyText.tsx';
import { DurationFields } from './DurationFields.tsx';
import { durationMs, type DurationUnit } from './duration.ts';
import { submitAsync } from './submitAsync.ts';
import { useAsyncPolicy } from './useAsyncConsent.ts';
import { minimumText } from './minimumText.ts';
import { useMinDeadline } from './useMinDeadline.ts';
import { useTextDigest } from './useTextDigest.ts';

/**
 * The proposer's "Send to asynchronous consent" form (issue 8): a deadline
 * from now (at least the server's minimum), an optional review date for
 * the decision if adopted (ASYNC-17), the space's policy shown before
 * sending. The opening names the digest of the text sent (ASYNC-15). It opens a new
 * consent room, submits the signed opening and goes to the consent's page;
 * the server checks it and adds the roll (ACONS-6).
 *
 * @example
 * <SendToAsyncConsent spaceId={spaceId} proposalId={proposalId} spaceDoc={space.doc} me={me.id} />
 */
export function SendToAsyncConsent({
  spaceId,
  proposalId,
  spaceDoc,
  me,
}: {
  spaceId: string;
  proposalId: string;
  spaceDoc: Y.Doc;
  me: string;
}) {
  const t = useT();
  const navigate = useNavigate();
  const tn = useTn();
  const policy = useAsyncPolicy(spaceDoc);
  const minMs = useMinDeadline();
  const min = minimumText(tn, minMs);
  const fieldId = useId();
  const proposalRoom = useRoom(roomName({ spaceId, kind: 'proposal', id: proposalId }));
  const proposalLoad = useRoomLoad(proposalRoom);
  const digest = useTextDigest(proposalRoom.doc);
  const [reviewDate, setReviewDate] = useState('');
  const [amount, setAmount] = useState('3');
  const [unit, setUnit] = useState<DurationUnit>('days');
  const [error, setError] = useState<string | null>(null);
  const [sending, setSending] = useState(false);

  const onSubmit = (e: FormEvent): void => {
    e.preventDefault();
    const ms = durationMs(amount, unit);
    if (ms === null || ms < minMs || ms > MAX_DEADLINE_MS) {
      setError(t('async.send.badDeadline', { min }));
      return;
    }
    const review = reviewDate.trim();
    if (review !== '' && !isReviewDate(review)) {
      setError(t('async.review.invalid'));
      return;
    }
    if (proposalLoad !== 'synced') {
      setError(t('async.text.loading'));
      return;
    }
    setError(null);
    setSending(true);
    const now = Date.now() + useSession.getState().serverOffsetMs;
    const id = newId();
    const room = roomName({ spaceId, kind: 'consent', id });
    // Held open while the opening is signed and sent; the consent page takes it over.
    const { release } = openDoc(room);
    submitAsync(room, openAsyncConsent(proposalId, me, now, now + ms, digest, review || null)).then(
      () => {
        void navigate(`/s/${spaceId}/consent/${id}`);
        release();
      },
      () => {
        release();
        setSending(false);
        setError(t('async.send.failed'));
      },
    );
  };

  return (
    <section className="card async-send" aria-labelledby="async-send-title">
      <h2 id="async-send-title">{t('async.send.title')}</h2>
      <p className="hint">{t('async.send.intro')}</p>
      <AsyncPolicyText policy={policy} id="async-send-policy" />
      <form onSubmit={onSubmit} aria-describedby="async-send-policy">
        <DurationFields
          label={t('async.send.deadlineIn')}
          amount={amount}
          unit={unit}
          onAmount={setAmount}
          onUnit={setUnit}
        />
        <p className="hint">{t('async.send.minimum', { min })}</p>
        <div className="field">
          <label htmlFor={`${fieldId}-review`}>{t('async.review.label')}</label>
          <input
            id={`${fieldId}-review`}
            type="date"
            value={reviewDate}
            aria-describedby={`${fieldId}-review-hint`}
            onChange={(e) => setReviewDate(e.target.value)}
          />
          <p className="hint" id={`${fieldId}-review-hint`}>
            {t('async.review.hint')}
          </p>
        </div>
        {error && (
          <p className="error" role="alert">
            {error}
          </p>
        )}
        <button type="submit" className="button button--primary" disabled={sending}>
          {t('async.send.submit')}
        </button>
      </form>
    </section>
  );
}
