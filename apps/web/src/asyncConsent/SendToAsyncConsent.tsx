import {
  MAX_DEADLINE_MS,
  consentLog,
  isReviewDate,
  newId,
  openAsyncConsent,
  roomName,
} from '@ronde/domain';
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router';
import type * as Y from 'yjs';
import { useT, useTn } from '../i18n/useT.ts';
import { useSession } from '../state/session.ts';
import { openDoc, type Room } from '../sync/openDoc.ts';
import { useSubmitRefusal } from '../sync/submitRefusals.ts';
import { useRoom, useRoomLoad } from '../sync/useRoom.ts';
import { AsyncPolicyText } from './AsyncPolicyText.tsx';
import { DurationFields } from './DurationFields.tsx';
import { durationMs, type DurationUnit } from './duration.ts';
import { submitAsync } from './submitAsync.ts';
import { useAsyncPolicy } from './useAsyncConsent.ts';
import { minimumText } from './minimumText.ts';
import { refusalMessage } from './refusalText.ts';
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
  const pending = useRef<{
    consentId: string;
    eventId: string;
    room: Room;
    release: () => void;
  } | null>(null);
  const [pendingId, setPendingId] = useState<string | null>(null);
  const refusal = useSubmitRefusal(pendingId);

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
    // Held open until the server appended the opening (then the consent page
    // takes it over) or refused it (then this form says why).
    const opened = openDoc(room);
    const event = openAsyncConsent(proposalId, me, now, now + ms, digest, review || null);
    pending.current?.release();
    pending.current = { consentId: id, eventId: event.id, ...opened };
    setPendingId(event.id);
    submitAsync(room, event).catch(() => {
      settle();
      setError(t('async.send.failed'));
    });
  };

  /** Lets go of the opening in flight. */
  const settle = (): void => {
    pending.current?.release();
    pending.current = null;
    setPendingId(null);
    setSending(false);
  };

  // The server refused the opening: say why, here (server ACONS-6, ACONS-13, ACONS-16).
  useEffect(() => {
    if (refusal === null) return;
    pending.current?.release();
    pending.current = null;
    setPendingId(null);
    setSending(false);
    setError(t('async.refused', { detail: t(refusalMessage(refusal).key) }));
  }, [refusal, t]);

  // The opening is in the consent's log: go to its page.
  useEffect(() => {
    const current = pending.current;
    if (pendingId === null || current === null) return;
    const log = consentLog(current.room.doc);
    const check = (): void => {
      if (!log.toArray().some((e) => (e as { id?: unknown } | null)?.id === pendingId)) return;
      pending.current = null;
      void navigate(`/s/${spaceId}/consent/${current.consentId}`);
      current.release();
    };
    log.observe(check);
    check();
    return () => log.unobserve(check);
  }, [pendingId, navigate, spaceId]);

  // Leaving the page with an opening in flight releases its room.
  useEffect(() => () => pending.current?.release(), []);

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
