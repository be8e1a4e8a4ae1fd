import './election.css';
import { currentItem, isRevealed } from '@ronde/domain';
import { useT } from '../i18n/useT.ts';
import { useProcess } from '../process/processModel.ts';
import { CandidateCard } from './CandidateCard.tsx';
import { ElectionHeading } from './ElectionHeading.tsx';
import { NominationForm } from './NominationForm.tsx';
import { NominationList, SealProgress } from './NominationList.tsx';
import { ProposeForm } from './ProposeForm.tsx';
import { readSecret } from './nominationSecrets.ts';
import { useRevealMine } from './useRevealMine.ts';

/**
 * What an election item adds to the meeting's stage, step by step (domain
 * SPEC ELECT-2): the role and term; sealed nominations and who has sealed;
 * after the reveal, whom each nominated and why; the change form in the
 * change round; the facilitator's proposal and its form; the standing
 * proposal beside the objection round (whose positions panel is the
 * meeting's own). Renders nothing for other items.
 *
 * @example
 * <ElectionStage />
 */
export function ElectionStage() {
  const t = useT();
  const model = useProcess();
  useRevealMine(model);
  const item = currentItem(model.state);
  const step = model.state.step;
  if (item === null || item.election === undefined || step === null) return null;
  const revealed = isRevealed(item);
  const mySeal = item.election.seals.find((s) => s.by === model.me) ?? null;
  const lost =
    revealed &&
    mySeal !== null &&
    !item.election.nominations.some((n) => n.id === mySeal.id) &&
    readSecret(mySeal.id) === null;
  return (
    <div className="election">
      <ElectionHeading meetingDoc={model.doc} target={item.election.target} />
      {step.key === 'nominate' && (
        <>
          {model.takesPart && <NominationForm key={step.id} mode="seal" />}
          <SealProgress item={item} />
        </>
      )}
      {lost && model.takesPart && (
        <p role="note" className="meta">
          {t('election.secretLost')}
        </p>
      )}
      {step.key === 'change' && model.takesPart && <NominationForm key={step.id} mode="change" />}
      {revealed && <NominationList item={item} />}
      {(step.kind === 'propose' || step.kind === 'integration') && model.facilitator && (
        <ProposeForm key={item.election.proposals.length} item={item} />
      )}
      {(step.kind === 'propose' ||
        step.kind === 'positions' ||
        step.kind === 'integration' ||
        step.kind === 'outcome') && <CandidateCard item={item} />}
    </div>
  );
}
