import { currentItem, OUTCOMES, recordOutcome } from '@ronde/domain';
import { ElectionOutcome } from '../election/ElectionOutcome.tsx';
import { useT } from '../i18n/useT.ts';
import { OutcomeForm, OutcomeRecorded } from './OutcomeForm.tsx';
import { useProcess } from './processModel.ts';

/** The outcome step: the facilitator records it, with a review date when adopted (OUT-1, OUT-2). */
export function OutcomePanel() {
  const t = useT();
  const model = useProcess();
  const item = currentItem(model.state);
  if (item === null) return null;
  if (item.kind === 'election') return <ElectionOutcome />;
  if (item.outcome !== null) {
    return (
      <OutcomeRecorded
        outcome={item.outcome.outcome}
        by={model.name(item.outcome.by)}
        reviewDate={item.outcome.reviewDate}
      />
    );
  }
  if (!model.facilitator) return <p className="meta">{t('process.waitOutcome')}</p>;
  return (
    <OutcomeForm
      choices={OUTCOMES}
      label="process.outcomeLabel"
      submitLabel="process.recordOutcome"
      primary
      onRecord={(outcome, date) =>
        model.run((s, by, at) => recordOutcome(s, by, at, outcome, date))
      }
    />
  );
}
