import { currentItem, isReviewDate, recordOutcome, type Outcome } from '@ronde/domain';
import { useId, useState } from 'react';
import { useT } from '../i18n/useT.ts';
import { useProcess } from './processModel.ts';
import { RefusalNote } from './RefusalNote.tsx';
import { useSentResult } from './useSentResult.ts';

/** The outcomes a facilitator may record at any step of a proposal item (OUT-1). */
const EARLY_OUTCOMES = ['withdrawn', 'deferred'] as const satisfies readonly Outcome[];
type EarlyOutcome = (typeof EARLY_OUTCOMES)[number];

/**
 * A facilitator withdraws or defers the current proposal item before its
 * outcome step (OUT-1), with an optional review date (OUT-2). Once recorded
 * there, everyone sees the outcome.
 */
export function EarlyOutcome() {
  const t = useT();
  const id = useId();
  const model = useProcess();
  const { state } = model;
  const [outcome, setOutcome] = useState<EarlyOutcome>('withdrawn');
  const [reviewDate, setReviewDate] = useState('');
  const [error, setError] = useState<string | null>(null);
  const { send, result } = useSentResult(model);
  const item = currentItem(state);
  if (state.phase !== 'item' || state.step === null || state.step.kind === 'outcome') return null;
  if (item === null || item.kind !== 'proposal') return null;
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
  if (!model.facilitator || item.status === 'done') return null;
  const submit = () => {
    const date = reviewDate.trim();
    if (date !== '' && !isReviewDate(date)) {
      setError(t('process.reviewDateInvalid'));
      return;
    }
    setError(null);
    send((s, by, at) => recordOutcome(s, by, at, outcome, date || null));
  };
  return (
    <details className="process-early">
      <summary>{t('process.closeEarly')}</summary>
      <div className="process-early__body stack">
        <div className="form-row">
          <div className="field">
            <label htmlFor={`${id}-outcome`}>{t('process.earlyOutcome')}</label>
            <select
              id={`${id}-outcome`}
              value={outcome}
              onChange={(e) => setOutcome(e.target.value as EarlyOutcome)}
            >
              {EARLY_OUTCOMES.map((o) => (
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
        <RefusalNote result={result} />
        <div className="actions">
          <button type="button" className="button" onClick={submit}>
            {t('process.recordEarlyOutcome')}
          </button>
        </div>
      </div>
    </details>
  );
}
