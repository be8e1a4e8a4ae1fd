import { isReviewDate, type Outcome } from '@ronde/domain';
import { useId, useState, type ReactNode } from 'react';
import type { MessageKey } from '../i18n/en.ts';
import { formatCalendarDate } from '../decisions/formatDecision.ts';
import { useLanguage, useT } from '../i18n/useT.ts';

/**
 * The outcome fields a facilitator fills in: the outcome among `choices`
 * and a review date, required for an adoption (OUT-1, OUT-2). Calls
 * `onRecord` only with a valid choice; `children` go under the fields (a
 * refusal note, for instance).
 *
 * @example
 * <OutcomeForm choices={OUTCOMES} label="process.outcomeLabel" submitLabel="process.recordOutcome"
 *   onRecord={(outcome, date) => model.run((s, by, at) => recordOutcome(s, by, at, outcome, date))} />
 */
export function OutcomeForm<T extends Outcome>({
  choices,
  label,
  submitLabel,
  primary = false,
  onRecord,
  children,
}: {
  choices: readonly T[];
  label: MessageKey;
  submitLabel: MessageKey;
  primary?: boolean;
  onRecord: (outcome: T, reviewDate: string | null) => void;
  children?: ReactNode;
}) {
  const t = useT();
  const id = useId();
  const [outcome, setOutcome] = useState<T>(choices[0] as T);
  const [reviewDate, setReviewDate] = useState('');
  const [error, setError] = useState<string | null>(null);
  const submit = () => {
    const date = reviewDate.trim();
    if (outcome === 'adopted' && date === '') {
      setError(t('process.reviewDateRequired'));
      return;
    }
    if (date !== '' && !isReviewDate(date)) {
      setError(t('process.reviewDateInvalid'));
      return;
    }
    setError(null);
    onRecord(outcome, date || null);
  };
  return (
    <div className="outcome-form stack">
      <div className="form-row">
        <div className="field">
          <label htmlFor={`${id}-outcome`}>{t(label)}</label>
          <select
            id={`${id}-outcome`}
            value={outcome}
            onChange={(e) => setOutcome(e.target.value as T)}
          >
            {choices.map((o) => (
              <option key={o} value={o}>
                {t(`process.outcome.${o}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${id}-review`}>{t('process.reviewDate')}</label>
          <input
            id={`${id}-review`}
            type="date"
            value={reviewDate}
            aria-invalid={error !== null}
            onChange={(e) => setReviewDate(e.target.value)}
          />
        </div>
      </div>
      {error && (
        <p role="alert" className="alert">
          {error}
        </p>
      )}
      {children}
      <div className="actions">
        <button
          type="button"
          className={primary ? 'button button--primary' : 'button'}
          onClick={submit}
        >
          {t(submitLabel)}
        </button>
      </div>
    </div>
  );
}

/** The line everyone sees once an item's outcome is recorded. */
export function OutcomeRecorded({
  outcome,
  by,
  reviewDate,
}: {
  outcome: Outcome;
  by: string;
  reviewDate: string | null;
}) {
  const t = useT();
  const language = useLanguage();
  return (
    <p className="outcome">
      {t('process.outcomeRecorded', { outcome: t(`process.outcome.${outcome}`), name: by })}
      {reviewDate &&
        ` ${t('process.reviewSentence', { date: formatCalendarDate(language, reviewDate) })}`}
    </p>
  );
}
