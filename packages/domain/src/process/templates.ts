import type { AgendaItem } from '../meeting/types.ts';
import type { PositionValue } from './events.ts';

/**
 * What a step does; the fold interprets kinds, screens render them:
 * - `open`: someone presents, or the facilitator prompts open discussion;
 * - `round`: a speaking round;
 * - `positions`: everyone records a position (a consent or objection round);
 * - `test`: the facilitator tests each objection (IDM);
 * - `integration`: objections are integrated by amending the proposal;
 * - `outcome`: the facilitator records the outcome;
 * - `nominate`: each person writes a sealed nomination (an election, SPEC ELECT-3);
 * - `propose`: the facilitator proposes someone for the role (ELECT-6).
 */
export const STEP_KINDS = [
  'open',
  'round',
  'positions',
  'test',
  'integration',
  'outcome',
  'nominate',
  'propose',
] as const;
export type StepKind = (typeof STEP_KINDS)[number];

export interface ProcessStep {
  /** Stable key within the template, used for labels (`step.consent.clarify`). */
  readonly key: string;
  readonly kind: StepKind;
  /** Seconds per speaking turn in this step (default `DEFAULT_TURN_SECONDS`). */
  readonly turnSeconds?: number;
  /** Where `next` goes when no objection blocks (positions and test steps). */
  readonly whenClear?: string;
  /** Where `next` goes otherwise (default: the following step). */
  readonly then?: string;
  /** The proposer (and facilitators) may edit the proposal's text in this step (SPEC AMEND-1). */
  readonly amends?: boolean;
}

export type TemplateId =
  'consent' | 'idm' | 'tension' | 'information' | 'check-in' | 'closing' | 'election';

export interface ProcessTemplate {
  readonly id: TemplateId;
  readonly steps: readonly ProcessStep[];
  /** The positions a participant may record in a positions step. */
  readonly positions: readonly PositionValue[];
}

export const DEFAULT_TURN_SECONDS = 120;

/** Sociocracy For All consent decision (SPEC CONSENT-1). */
const CONSENT: ProcessTemplate = {
  id: 'consent',
  positions: ['consent', 'concern', 'objection', 'stand-aside'],
  steps: [
    { key: 'present', kind: 'open' },
    { key: 'clarify', kind: 'round' },
    { key: 'react', kind: 'round', turnSeconds: 60 },
    { key: 'amend', kind: 'open', amends: true },
    { key: 'consent', kind: 'positions', whenClear: 'outcome' },
    { key: 'integrate', kind: 'integration', then: 'consent', amends: true },
    { key: 'outcome', kind: 'outcome' },
  ],
};

/** Holacracy integrative decision-making (SPEC IDM-1). */
const IDM: ProcessTemplate = {
  id: 'idm',
  positions: ['no-objection', 'objection'],
  steps: [
    { key: 'present', kind: 'open' },
    { key: 'clarify', kind: 'round' },
    { key: 'react', kind: 'round', turnSeconds: 60 },
    { key: 'amend', kind: 'open', amends: true },
    { key: 'objections', kind: 'positions', whenClear: 'outcome' },
    { key: 'test', kind: 'test', whenClear: 'outcome' },
    { key: 'integrate', kind: 'integration', then: 'objections', amends: true },
    { key: 'outcome', kind: 'outcome' },
  ],
};

/**
 * Integrative election (SPEC ELECT-2): role and term presented, sealed
 * nominations, the reveal and nomination round, the change round, the
 * facilitator's proposal, an objection round with the nominee in it,
 * objections integrated (another person, a shorter term, a focus), the
 * role filled.
 */
const ELECTION: ProcessTemplate = {
  id: 'election',
  positions: ['consent', 'concern', 'objection'],
  steps: [
    { key: 'present', kind: 'open' },
    { key: 'nominate', kind: 'nominate' },
    { key: 'nominations', kind: 'round' },
    { key: 'change', kind: 'round' },
    { key: 'propose', kind: 'propose' },
    { key: 'objections', kind: 'positions', whenClear: 'outcome' },
    { key: 'integrate', kind: 'integration', then: 'objections' },
    { key: 'outcome', kind: 'outcome' },
  ],
};

const single = (id: TemplateId, kind: StepKind): ProcessTemplate => ({
  id,
  positions: [],
  steps: [{ key: id, kind }],
});

export const PROCESS_TEMPLATES: Readonly<Record<TemplateId, ProcessTemplate>> = {
  consent: CONSENT,
  idm: IDM,
  tension: single('tension', 'open'),
  information: single('information', 'open'),
  'check-in': single('check-in', 'round'),
  closing: single('closing', 'round'),
  election: ELECTION,
};

/**
 * The template an agenda item goes through: its decision process for a
 * proposal (consent when unset), else its kind's single open step.
 *
 * @example
 * templateFor({ ...item, kind: 'proposal', process: 'idm' }).id; // 'idm'
 */
export function templateFor(item: Pick<AgendaItem, 'kind' | 'process'>): ProcessTemplate {
  if (item.kind === 'proposal') return PROCESS_TEMPLATES[item.process ?? 'consent'];
  return PROCESS_TEMPLATES[item.kind];
}

/** The step with this key, or null. */
export function templateStep(template: ProcessTemplate, key: string): ProcessStep | null {
  return template.steps.find((step) => step.key === key) ?? null;
}
