import type { Circle, TimeEntry, WorkFields } from '@ronde/domain';
import { useId, useState, type FormEvent } from 'react';
import { formatDay } from '../decisions/formatDecision.ts';
import { useLanguage, useT } from '../i18n/useT.ts';
import { formatMinutes } from './formatMinutes.ts';
import { timeErrorKey } from './timeError.ts';
import { WorkForm, type WorkFormProps } from './WorkForm.tsx';

export interface EntryActions {
  readonly confirm: (entry: TimeEntry) => Promise<void>;
  readonly dispute: (entry: TimeEntry, reason: string) => Promise<void>;
  readonly amend: (entry: TimeEntry, fields: WorkFields) => Promise<void>;
}

/**
 * One declared entry: who, how long, for what, its status, every dispute
 * (TIME-4: never hidden), and what this member may do with it — confirm or
 * dispute someone else's pending entry in a circle they belong to (TIME-12),
 * amend their own disputed one; the declarer of a pending entry is told who
 * can confirm it.
 */
export function EntryCard({
  entry,
  me,
  readOnly,
  circles,
  actions,
  suggest,
  inCircle,
  reviewers,
  anchorId,
  records,
}: {
  entry: TimeEntry;
  me: string;
  readOnly: boolean;
  /** Whether `me` belongs to the entry's circle now (TIME-12). */
  inCircle: boolean;
  /** For the declarer of a pending entry: who can confirm it. */
  reviewers?: string;
  /** The anchor circle, where commons work belongs (for the amendment form). */
  anchorId?: string;
  /** The roles and proposals role or proposal work names (for the amendment form). */
  records?: WorkFormProps['records'];
  circles: readonly Circle[];
  actions: EntryActions;
  suggest?: WorkFormProps['suggest'];
}) {
  const t = useT();
  const language = useLanguage();
  const id = useId();
  const [mode, setMode] = useState<'view' | 'dispute' | 'amend'>('view');
  const [reason, setReason] = useState('');
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  const who = entry.declarerName || t('meeting.unnamed');
  const duration = formatMinutes(t, entry.minutes);
  const circle = circles.find((c) => c.id === entry.circleId)?.name ?? '';
  const pendingOther = !readOnly && entry.status === 'pending' && entry.declarer !== me;
  const mayReview = pendingOther && inCircle;
  const mayAmend = !readOnly && entry.status === 'disputed' && entry.declarer === me;
  const label = { who, duration, subject: entry.subject };

  const run = async (action: () => Promise<void>) => {
    setBusy(true);
    setError('');
    try {
      await action();
      setMode('view');
      setReason('');
    } catch (failure) {
      setError(t(timeErrorKey(failure)));
    } finally {
      setBusy(false);
    }
  };
  const sendDispute = (e: FormEvent) => {
    e.preventDefault();
    if (!reason.trim()) return setError(t('timeBank.error.reason'));
    void run(() => actions.dispute(entry, reason));
  };

  return (
    <article className={`time-entry time-entry--${entry.status}`} aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`} className="time-entry__title">
        {t('timeBank.entry.title', label)}
      </h3>
      <p className="meta">
        <span className={`badge time-badge time-badge--${entry.status}`}>
          {t(`timeBank.status.${entry.status}`)}
        </span>{' '}
        {t(`timeBank.kind.${entry.kind}`)} · {circle} ·{' '}
        {formatDay(language, Date.parse(`${entry.workedOn}T12:00:00`))}
        {entry.amendments > 0 && <> · {t('timeBank.entry.amended')}</>}
      </p>
      {entry.note && <p className="time-entry__note">{entry.note}</p>}
      {entry.confirmedBy && (
        <p className="meta">
          {t('timeBank.entry.confirmedBy', {
            name: entry.confirmedBy.name || t('meeting.unnamed'),
          })}
        </p>
      )}
      {entry.disputes.length > 0 && (
        <ul className="time-entry__disputes" aria-label={t('timeBank.entry.disputes')}>
          {entry.disputes.map((d) => (
            <li key={d.eventId}>
              {t('timeBank.entry.disputedBy', {
                name: d.name || t('meeting.unnamed'),
                duration: formatMinutes(t, d.minutes),
                reason: d.reason,
              })}
            </li>
          ))}
        </ul>
      )}
      {entry.status === 'pending' && entry.declarer === me && reviewers && (
        <p className="meta time-entry__reviewers">{reviewers}</p>
      )}
      {pendingOther && !inCircle && (
        <p className="meta">{t('timeBank.entry.outsideCircle', { circle })}</p>
      )}
      {mode === 'view' && (mayReview || mayAmend) && (
        <div className="time-entry__actions">
          {mayReview && (
            <>
              <button
                type="button"
                className="button button--primary"
                disabled={busy}
                aria-label={t('timeBank.confirm.label', label)}
                onClick={() => void run(() => actions.confirm(entry))}
              >
                {t('timeBank.confirm')}
              </button>
              <button
                type="button"
                className="button"
                aria-label={t('timeBank.dispute.label', label)}
                onClick={() => setMode('dispute')}
              >
                {t('timeBank.dispute')}
              </button>
            </>
          )}
          {mayAmend && (
            <button
              type="button"
              className="button"
              aria-label={t('timeBank.amend.label', label)}
              onClick={() => setMode('amend')}
            >
              {t('timeBank.amend')}
            </button>
          )}
        </div>
      )}
      {mode === 'dispute' && (
        <form
          className="time-form"
          aria-label={t('timeBank.dispute.label', label)}
          onSubmit={sendDispute}
          noValidate
        >
          <div className="field">
            <label htmlFor={`${id}-reason`}>{t('timeBank.dispute.reason')}</label>
            <textarea
              id={`${id}-reason`}
              value={reason}
              rows={2}
              maxLength={500}
              onChange={(e) => setReason(e.target.value)}
            />
          </div>
          <div className="time-form__actions">
            <button type="submit" className="button button--primary" disabled={busy}>
              {t('timeBank.dispute.send')}
            </button>
            <button type="button" className="button button--quiet" onClick={() => setMode('view')}>
              {t('timeBank.cancel')}
            </button>
          </div>
        </form>
      )}
      {mode === 'amend' && (
        <WorkForm
          circles={circles}
          initial={entry}
          title={t('timeBank.amend.label', label)}
          submitLabel={t('timeBank.amend.send')}
          onSubmit={(fields) => actions.amend(entry, fields).then(() => setMode('view'))}
          onCancel={() => setMode('view')}
          {...(suggest ? { suggest } : {})}
          {...(anchorId ? { anchorId } : {})}
          {...(records ? { records } : {})}
        />
      )}
      {error && (
        <p role="alert" className="alert">
          {error}
        </p>
      )}
    </article>
  );
}
