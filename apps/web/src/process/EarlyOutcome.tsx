import { currentItem, recordOutcome, type Outcome } from '@ronde/domain';
import { useT } from '../i18n/useT.ts';
import { OutcomeForm, OutcomeRecorded } from './OutcomeForm.tsx';
import { useProcess } from './processModel.ts';
import { RefusalNote } from './RefusalNote.tsx';
import { useSentResult } from './useSentResult.ts';

/** The outcomes a facilitator may record at any step of a proposal item (OUT-1). */
const EARLY_OUTCOMES = ['withdrawn', 'deferred'] as const satisfies readonly Outcome[];

/**
 * A facilitator withdraws or defers the current proposal item before its
 * outcome step (OUT-1), with an optional review date (OUT-2). Once recorded
 * there, everyone sees the outcome.
 */
export function EarlyOutcome() {
  const t = useT();
  const model = useProcess();
  const { state } = model;
  const { send, result } = useSentResult(model);
  const item = currentItem(state);
  if (state.phase !== 'item' || state.step === null || state.step.kind === 'outcome') return null;
  if (item === null || item.kind !== 'proposal') return null;
  if (item.outcome !== null) {
    return (
      <OutcomeRecorded
        outcome={item.outcome.outcome}
        by={model.name(item.outcome.by)}
        reviewDate={item.outcome.reviewDate}
      />
    );
  }
  if (!model.facilitator || item.status === 'done') return null;
  return (
    <details className="process-early">
      <summary>{t('process.closeEarly')}</summary>
      <div className="process-early__body">
        <OutcomeForm
          choices={EARLY_OUTCOMES}
          label="process.earlyOutcome"
          submitLabel="process.recordEarlyOutcome"
          onRecord={(outcome, date) => send((s, by, at) => recordOutcome(s, by, at, outcome, date))}
        >
          <RefusalNote result={result} />
        </OutcomeForm>
      </div>
    </details>
  );
}
