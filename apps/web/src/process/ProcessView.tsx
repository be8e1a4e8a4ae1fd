import '../styles/cockpit.css';
import {
  currentItem,
  currentSpeaker,
  effectivePositions,
  isRoundComplete,
  mayAmendText,
  type Anchor,
  type ItemState,
  type MeetingState,
} from '@ronde/domain';
import { useId, useMemo, useState, type ComponentType, type ReactNode } from 'react';
import type * as Y from 'yjs';
import { usePeople } from '../hooks/usePeople.ts';
import type { Translate } from '../i18n/useT.ts';
import { useT } from '../i18n/useT.ts';
import { MeetingChanges } from '../governance/MeetingChanges.tsx';
import { ElectionStage } from '../election/ElectionStage.tsx';
import { EarlyOutcome } from './EarlyOutcome.tsx';
import { FacilitatorBar, HandOver } from './FacilitatorBar.tsx';
import { CockpitDrawer } from './CockpitDrawer.tsx';
import { LiveAnnouncer } from './LiveAnnouncer.tsx';
import { MeetingSummary } from './MeetingSummary.tsx';
import { NextActionNote } from './NextActionNote.tsx';
import { NotYetHeard } from './NotYetHeard.tsx';
import type { AnchorMark } from './objectionAnchors.ts';
import { PositionList } from './PositionsPanel.tsx';
import { ProcessAgenda } from './ProcessAgenda.tsx';
import { ProcessLog } from './ProcessLog.tsx';
import { ProcessContext, processModel, useProcess, type ProcessModel } from './processModel.ts';
import { SubmitRefusalNote } from './SubmitRefusalNote.tsx';
import type { ProposalSlotProps } from './ProposalRoom.tsx';
import { SpeakingTimes } from './SpeakingTimes.tsx';
import { currentTemplate, stepNameKey, stepPromptKey } from './steps.ts';
import { LISTS_POSITIONS, STEP_PANELS } from './stepPanels.tsx';
import { StepProgress, StepRail } from './StepRail.tsx';
import { Timers } from './Timers.tsx';
import { CallTimeout, TimeoutBanner } from './TimeoutBanner.tsx';
import { useAnnouncement } from './useAnnouncement.ts';
import { useMeetingState } from './useMeetingState.ts';

/** The current step's name, or null. */
export function stepName(t: Translate, state: MeetingState): string | null {
  const template = currentTemplate(state);
  return template && state.step ? t(stepNameKey(template, state.step)) : null;
}

/** The anchored objections and concerns of an item, to highlight in its text. */
function anchorMarks(model: ProcessModel, item: ItemState, t: Translate): AnchorMark[] {
  const marks: AnchorMark[] = [];
  for (const o of item.objections) {
    if (o.anchor) {
      marks.push({
        id: o.id,
        anchor: o.anchor,
        kind: 'objection',
        label: t('process.markObjection', { name: model.name(o.objector), reason: o.reason }),
      });
    }
  }
  for (const p of effectivePositions(item, item.positionRound)) {
    if (p.anchor && p.value === 'concern') {
      marks.push({
        id: p.id,
        anchor: p.anchor,
        kind: 'concern',
        label: t('process.markConcern', { name: model.name(p.person), reason: p.reason }),
      });
    }
  }
  return marks;
}

/**
 * The meeting's process screens for one user: the facilitator's cockpit and
 * the participant's view alike, each control shown only when the state, the
 * step and the user's role allow it. While the meeting runs, `tools` (the
 * agenda editor, roles) sit in the facilitator's drawer with the hand-over,
 * and `side` (who is here) in the side column under the step rail.
 */
export function ProcessView({
  doc,
  me,
  present = null,
  ProposalSlot = null,
  readOnly = false,
  tools = null,
  side = null,
}: {
  doc: Y.Doc;
  me: string;
  /** A space observer (or removed member): sees everything, acts on nothing. */
  readOnly?: boolean;
  /** Who is present in the meeting room, or null when unknown. */
  present?: ReadonlySet<string> | null;
  ProposalSlot?: ComponentType<ProposalSlotProps> | null;
  /** What the drawer holds besides the hand-over (null: no drawer unless facilitating). */
  tools?: ReactNode;
  /** Shown in the side column of a running meeting, after the rail and the agenda. */
  side?: ReactNode;
}) {
  const t = useT();
  const id = useId();
  const state = useMeetingState(doc);
  const people = usePeople(doc);
  const unnamed = t('meeting.unnamed');
  const model = useMemo(
    () => processModel(doc, state, people, me, unnamed, readOnly),
    [doc, state, people, me, unnamed, readOnly],
  );
  const speaker = currentSpeaker(state.round);
  const message = useAnnouncement([
    [state.step?.id ?? null, t('process.announceStep', { step: stepName(t, state) ?? '' })],
    [
      speaker !== null && state.round ? `${state.round.id}:${state.round.turns.length}` : null,
      speaker === me && !readOnly
        ? t('process.myTurn')
        : t('process.announceSpeaker', { name: speaker !== null ? model.name(speaker) : '' }),
    ],
    [
      state.round !== null && isRoundComplete(state.round) ? `${state.round.id}:done` : null,
      t('process.roundComplete'),
    ],
  ]);

  return (
    <ProcessContext.Provider value={model}>
      {/* Outside the region, so its words are not found twice in it. */}
      <LiveAnnouncer message={message} />
      <section aria-labelledby={`${id}-h`} className="process">
        <h2 id={`${id}-h`} className="process__title">
          {t('meeting.process')}
        </h2>
        <TimeoutBanner />
        <SubmitRefusalNote doc={doc} />
        {state.phase === 'not-started' && (
          <>
            <p className="meta">{t('process.notStarted')}</p>
            <FacilitatorBar />
          </>
        )}
        {state.phase === 'ended' && <MeetingSummary />}
        {state.phase !== 'not-started' && state.phase !== 'ended' && (
          <RunningMeeting present={present} ProposalSlot={ProposalSlot} tools={tools} side={side} />
        )}
        <ProcessLog />
      </section>
    </ProcessContext.Provider>
  );
}

/**
 * A running meeting: the stage (the item, the step, where it leads, the
 * timers, the step's own panel and the controls it allows), the proposal
 * being decided and who has been heard; beside it the step rail, the agenda
 * as it stands and the facilitator's drawer.
 */
function RunningMeeting({
  present,
  ProposalSlot,
  tools,
  side,
}: {
  present: ReadonlySet<string> | null;
  ProposalSlot: ComponentType<ProposalSlotProps> | null;
  tools: ReactNode;
  side: ReactNode;
}) {
  const t = useT();
  const model = useProcess();
  const { state } = model;
  const [selection, setSelection] = useState<Anchor | null>(null);
  const item = currentItem(state);
  const template = currentTemplate(state);
  const step = state.step;
  if (step === null || template === null) return null;
  // The proposer and facilitators amend at "Amend and clarify" and "Integrate" (AMEND-1);
  // observers (and removed members) never write the proposal: the server would refuse it.
  const mayAmend = model.takesPart && mayAmendText(state, model.me);
  const Panel = STEP_PANELS[step.kind];
  const drawer = model.facilitator || tools !== null;
  return (
    <div className="cockpit">
      <div className="cockpit__main">
        <div className="stage card">
          <div className="stage__head">
            {item && <p className="process-item">{t('process.item', { title: item.title })}</p>}
            <h3 className="process-step__title">{t(stepNameKey(template, step))}</h3>
            <StepProgress />
          </div>
          <Timers />
          <p className="process-prompt">{t(stepPromptKey(template, step))}</p>
          {Panel && <Panel present={present} selection={selection} />}
          <ElectionStage />
          {LISTS_POSITIONS.has(step.kind) && <PositionList />}
          <NextActionNote />
          <EarlyOutcome />
          <FacilitatorBar />
        </div>
        {item?.proposalId && ProposalSlot && (
          <div className="process-proposal">
            <MeetingChanges
              meetingDoc={model.doc}
              proposalId={item.proposalId}
              mayAmend={mayAmend}
            />
            <h4 className="process-subtitle">{t('process.proposalText')}</h4>
            <ProposalSlot
              proposalId={item.proposalId}
              editable={mayAmend}
              marks={anchorMarks(model, item, t)}
              onSelect={setSelection}
            />
          </div>
        )}
        <div className="process-equity card">
          <NotYetHeard />
          <SpeakingTimes live />
        </div>
      </div>
      <div className="cockpit__side">
        {drawer && (
          <CockpitDrawer>
            {tools}
            <HandOver />
          </CockpitDrawer>
        )}
        <CallTimeout />
        <StepRail />
        <ProcessAgenda />
        {side}
      </div>
    </div>
  );
}
