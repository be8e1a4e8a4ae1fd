import type { Anchor } from '@ronde/domain';
import type { ComponentType } from 'react';
import { IntegrationPanel } from './IntegrationPanel.tsx';
import { OutcomePanel } from './OutcomePanel.tsx';
import { PositionsPanel } from './PositionsPanel.tsx';
import { RoundPanel } from './RoundPanel.tsx';
import { TestPanel } from './TestPanel.tsx';

/** What every step panel may need besides the process model (`useProcess`). */
export interface StepPanelProps {
  /** Who is present in the meeting room, or null when unknown (to order a round). */
  readonly present: ReadonlySet<string> | null;
  /** The passage selected in the proposal text, to anchor a position to. */
  readonly selection: Anchor | null;
}

/**
 * The panel of each step kind, looked up by the step's `kind`: a new kind
 * (an election's nominations…) adds its entry here and the cockpit renders
 * it in the stage, between the prompt and the facilitator's controls.
 * An `open` step has no panel of its own.
 */
export const STEP_PANELS: Readonly<Record<string, ComponentType<StepPanelProps>>> = {
  round: ({ present }) => <RoundPanel present={present} />,
  positions: ({ selection }) => <PositionsPanel selection={selection} />,
  test: () => <TestPanel />,
  integration: () => <IntegrationPanel />,
  outcome: () => <OutcomePanel />,
};

/** Step kinds that list the item's positions under their panel, for reference. */
export const LISTS_POSITIONS: ReadonlySet<string> = new Set(['test', 'integration', 'outcome']);
