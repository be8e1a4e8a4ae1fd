import {
  isDay,
  MAX_ENTRY_MINUTES,
  TIME_NOTE_MAX,
  TIME_SUBJECT_MAX,
  WORK_KINDS,
  type Circle,
  type WorkFields,
  type WorkKind,
} from '@ronde/domain';
import { useId, useState, type FormEvent } from 'react';
import { useT } from '../i18n/useT.ts';
import { timeErrorKey } from './timeError.ts';

/** A role or proposal work can name (TIME-1 `subjectId`), with its circle. */
export interface WorkRecord {
  readonly id: string;
  /** What the list shows: the role's or proposal's name, with its circle's. */
  readonly label: string;
  /** What the entry records as its subject. */
  readonly name: string;
  readonly circleId: string;
}

export interface WorkFormProps {
  readonly circles: readonly Circle[];
  readonly initial: WorkFields;
  /** The form's accessible name and the submit button's label. */
  readonly title: string;
  readonly submitLabel: string;
  readonly onSubmit: (fields: WorkFields) => Promise<void>;
  readonly onCancel?: () => void;
  /** What to suggest as the subject: the space's proposals, the circle's roles… */
  readonly suggest?: (kind: WorkKind, circleId: string) => readonly string[];
  /** The anchor circle: work on the commons belongs to it (server TIMESRV-7). */
  readonly anchorId?: string;
  /**
   * The roles or proposals to choose from for role or proposal work: the
   * entry names one, and takes its circle (server TIMESRV-7).
   */
  readonly records?: (kind: 'role' | 'proposal') => readonly WorkRecord[];
}

/**
 * Hours of work as a form (TIME-1's bounds checked here too, with a clear
 * message, so the server's 400 is never the first word): how long, which
 * day, for what, in which circle, a note.
 *
 * @example
 * <WorkForm circles={circles} initial={blankWork(today, circleId)} title="Declare" … />
 */
export function WorkForm({
  circles,
  initial,
  title,
  submitLabel,
  onSubmit,
  onCancel,
  suggest,
  anchorId,
  records,
}: WorkFormProps) {
  const t = useT();
  const id = useId();
  const [hours, setHours] = useState(String(Math.floor(initial.minutes / 60)));
  const [minutes, setMinutes] = useState(String(initial.minutes % 60));
  const [workedOn, setWorkedOn] = useState(initial.workedOn);
  const [kind, setKind] = useState<WorkKind>(initial.kind);
  const [subject, setSubject] = useState(initial.subject);
  const [circleId, setCircleId] = useState(initial.circleId || circles[0]?.id || '');
  const [note, setNote] = useState(initial.note);
  const [subjectId, setSubjectId] = useState(initial.subjectId ?? '');
  // Role and proposal work name their record and take its circle.
  const recordKind = records && (kind === 'role' || kind === 'proposal') ? kind : null;
  const choices = recordKind ? (records?.(recordKind) ?? []) : [];
  const chosen = choices.find((r) => r.id === subjectId) ?? null;
  // Commons work is the anchor circle's, whatever circle was chosen before.
  const onAnchor = kind === 'commons' && anchorId !== undefined && anchorId !== '';
  const circle = onAnchor ? anchorId : recordKind && chosen ? chosen.circleId : circleId;
  const circleFixed = onAnchor || (recordKind !== null && chosen !== null);
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const total = Number(hours || 0) * 60 + Number(minutes || 0);
    if (!Number.isInteger(total) || total < 1 || total > MAX_ENTRY_MINUTES) {
      setError(t('timeBank.error.duration'));
      return;
    }
    if (!isDay(workedOn)) return setError(t('timeBank.error.day'));
    if (recordKind && !chosen) return setError(t(`timeBank.error.${recordKind}`));
    const named = recordKind && chosen ? chosen.name : subject;
    if (!named.trim()) return setError(t('timeBank.error.subject'));
    if (!circle) return setError(t('timeBank.error.circle'));
    setBusy(true);
    setError('');
    try {
      await onSubmit({
        minutes: total,
        workedOn,
        kind,
        subject: named,
        circleId: circle,
        note,
        ...(recordKind && chosen ? { subjectId: chosen.id } : {}),
      });
    } catch (failure) {
      setError(t(timeErrorKey(failure)));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="time-form" aria-label={title} onSubmit={(e) => void submit(e)} noValidate>
      <fieldset className="time-form__duration">
        <legend>{t('timeBank.field.duration')}</legend>
        <div className="field">
          <label htmlFor={`${id}-h`}>{t('timeBank.field.hours')}</label>
          <input
            id={`${id}-h`}
            type="number"
            inputMode="numeric"
            min={0}
            max={24}
            value={hours}
            onChange={(e) => setHours(e.target.value)}
          />
        </div>
        <div className="field">
          <label htmlFor={`${id}-m`}>{t('timeBank.field.minutes')}</label>
          <input
            id={`${id}-m`}
            type="number"
            inputMode="numeric"
            min={0}
            max={59}
            value={minutes}
            onChange={(e) => setMinutes(e.target.value)}
          />
        </div>
      </fieldset>
      <div className="field">
        <label htmlFor={`${id}-day`}>{t('timeBank.field.day')}</label>
        <input
          id={`${id}-day`}
          type="date"
          value={workedOn}
          onChange={(e) => setWorkedOn(e.target.value)}
        />
      </div>
      <div className="field">
        <label htmlFor={`${id}-kind`}>{t('timeBank.field.kind')}</label>
        <select
          id={`${id}-kind`}
          value={kind}
          onChange={(e) => setKind(e.target.value as WorkKind)}
        >
          {WORK_KINDS.map((k) => (
            <option key={k} value={k}>
              {t(`timeBank.kind.${k}`)}
            </option>
          ))}
        </select>
      </div>
      {recordKind ? (
        <div className="field">
          <label htmlFor={`${id}-record`}>{t(`timeBank.field.${recordKind}`)}</label>
          <select
            id={`${id}-record`}
            value={chosen ? chosen.id : ''}
            onChange={(e) => setSubjectId(e.target.value)}
          >
            <option value="">{t('timeBank.field.choose')}</option>
            {choices.map((r) => (
              <option key={r.id} value={r.id}>
                {r.label}
              </option>
            ))}
          </select>
          {choices.length === 0 && <p className="hint">{t(`timeBank.field.no.${recordKind}`)}</p>}
        </div>
      ) : (
        <div className="field">
          <label htmlFor={`${id}-subject`}>{t('timeBank.field.subject')}</label>
          <input
            id={`${id}-subject`}
            value={subject}
            maxLength={TIME_SUBJECT_MAX}
            list={`${id}-subjects`}
            onChange={(e) => setSubject(e.target.value)}
          />
          <datalist id={`${id}-subjects`}>
            {[...new Set(suggest?.(kind, circle) ?? [])].map((s) => (
              <option key={s} value={s} />
            ))}
          </datalist>
        </div>
      )}
      <div className="field">
        <label htmlFor={`${id}-circle`}>{t('timeBank.field.circle')}</label>
        <select
          id={`${id}-circle`}
          value={circle}
          disabled={circleFixed}
          aria-describedby={circleFixed ? `${id}-circle-hint` : undefined}
          onChange={(e) => setCircleId(e.target.value)}
        >
          {circles.map((c) => (
            <option key={c.id} value={c.id}>
              {c.name}
            </option>
          ))}
        </select>
        {circleFixed && (
          <p id={`${id}-circle-hint`} className="hint">
            {t(onAnchor ? 'timeBank.field.circleCommons' : 'timeBank.field.circleOfRecord')}
          </p>
        )}
      </div>
      <div className="field">
        <label htmlFor={`${id}-note`}>{t('timeBank.field.note')}</label>
        <textarea
          id={`${id}-note`}
          value={note}
          maxLength={TIME_NOTE_MAX}
          rows={2}
          onChange={(e) => setNote(e.target.value)}
        />
      </div>
      {error && (
        <p role="alert" className="alert">
          {error}
        </p>
      )}
      <div className="time-form__actions">
        <button type="submit" className="button button--primary" disabled={busy}>
          {submitLabel}
        </button>
        {onCancel && (
          <button type="button" className="button button--quiet" onClick={onCancel}>
            {t('timeBank.cancel')}
          </button>
        )}
      </div>
    </form>
  );
}
