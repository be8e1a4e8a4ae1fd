import { currentItem, isReviewDate, OUTCOMES, recordOutcome, type Outcome } from '@ronde/domain';
import { useId, useState } from 'react';
import { useT } from '../i18n/useT.ts';
import { useProcess } from './processModel.ts';

/** The outcome step: the facilitator records it, with a review date when adopted (OUT-1, OUT-2). */
export function OutcomePanel() {
  const t = useT();
  const id = useId();
  const model = useProcess();
  const item = currentItem(model.state);
  const [outcome, setOutcome] = useState<Outcome>('adopted');
  const [reviewDate, setReviewDate] = useState('');
  const [error, setError] = useState<string | null>(null);
  if (item === null) return null;
  if (item.outcome !== null) {
    return (
      <p className="outcome">
        {t('process.outcomeRecorded', {
          outcome: t(`process.outcome.${item.outcome.outcome}`),
          name: model.name(item.outcome.by),
        })}
        {item.outcome.reviewDate && ` ${t('process.reviewOn', { date: item.outcome.reviewDate })}`}
      </p>
    );
  }
  if (!model.facilitator) return <p className="meta">{t('process.waitOutcome')}</p>;
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
    model.run((s, by, at) => recordOutcome(s, by, at, outcome, date || null));
  };
  return (
    <div className="outcome-form stack">
      <div className="form-row">
        <div className="field">
          <label htmlFor={`${id}-outcome`}>{t('process.outcomeLabel')}</label>
          <select
            id={`${id}-outcome`}
            value={outcome}
            onChange={(e) => setOutcome(e.target.value as Outcome)}
          >
            {OUTCOMES.map((o) => (
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
      <div className="actions">
        <button type="button" className="button button--primary" onClick={submit}>
          {t('process.recordOutcome')}
        </button>
      </div>
    </div>
  );
}
