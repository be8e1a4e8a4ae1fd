import {
  blockingObjections,
  currentItem,
  templateFor,
  templateStep,
  type ItemState,
  type MeetingState,
  type ProcessTemplate,
  type StepState,
  PROCESS_TEMPLATES,
} from '@ronde/domain';
import type { MessageKey } from '../i18n/en.ts';

/** The template the current step belongs to (check-in, an item's, closing), or null. */
export function currentTemplate(state: MeetingState): ProcessTemplate | null {
  if (state.phase === 'check-in') return PROCESS_TEMPLATES['check-in'];
  if (state.phase === 'closing') return PROCESS_TEMPLATES.closing;
  const item = currentItem(state);
  return item === null ? null : templateFor(item);
}

/** The catalogue key naming a step (`process.step.idm.objections`). */
export function stepNameKey(template: ProcessTemplate, step: Pick<StepState, 'key'>): MessageKey {
  return `process.step.${template.id}.${step.key}` as MessageKey;
}

/** The catalogue key of what the facilitator says and the group does in a step. */
export function stepPromptKey(template: ProcessTemplate, step: Pick<StepState, 'key'>): MessageKey {
  return `process.prompt.${template.id}.${step.key}` as MessageKey;
}

/** Where a running meeting may go with the facilitator's "Next" button. */
export type NextAction = 'next' | 'end' | null;

/**
 * The facilitator's Next button: none before the start or after the end, nor
 * at an outcome step before the outcome is recorded (MEET-7 refuses it);
 * "End meeting" in the closing round (MEET-5).
 */
export function nextAction(state: MeetingState): NextAction {
  if (state.phase === 'not-started' || state.phase === 'ended' || state.step === null) return null;
  if (state.phase === 'closing') return 'end';
  const item = currentItem(state);
  if (item !== null && state.step.kind === 'outcome' && item.outcome === null) return null;
  return 'next';
}

/** Undo is possible within an item that is not done, past its first step (MEET-8). */
export function canUndo(state: MeetingState): boolean {
  const item = currentItem(state);
  return state.phase === 'item' && item !== null && item.status !== 'done' && item.trail.length > 1;
}

/** How the agenda shows an item. */
export type ItemDisplayStatus = 'pending' | 'current' | 'skipped' | 'done';

export function itemDisplayStatus(state: MeetingState, item: ItemState): ItemDisplayStatus {
  if (item.id === state.currentItemId && item.status !== 'done') return 'current';
  return item.status;
}

/** Whether the meeting runs (started, not ended). */
export function isRunning(state: MeetingState): boolean {
  return state.phase !== 'not-started' && state.phase !== 'ended';
}

/** Where "Next step" leads from here, as the step rail says it. */
export type Upcoming =
  | { readonly kind: 'step'; readonly name: MessageKey }
  | { readonly kind: 'item'; readonly title: string }
  | { readonly kind: 'closing' }
  | { readonly kind: 'end' };

/**
 * What comes after the current step, by the fold's own rule (domain MEET-7):
 * a gated step (positions, test) goes to its `whenClear` step when no
 * objection blocks, else to the next one; a step with `then` goes there; the
 * last step of an item leads to the next pending item, or to the closing
 * round. Null before the start, after the end, or at an outcome step whose
 * outcome is not recorded yet, when nothing can follow.
 *
 * @example
 * upcoming(state); // { kind: 'step', name: 'process.step.consent.clarify' }
 */
export function upcoming(state: MeetingState): Upcoming | null {
  if (state.step === null || !isRunning(state)) return null;
  if (state.phase === 'closing') return { kind: 'end' };
  const item = currentItem(state);
  const template = currentTemplate(state);
  if (template !== null && item !== null && item.status !== 'done') {
    const here = templateStep(template, state.step.key);
    if (here !== null && template.steps.length > 1) {
      if (here.kind === 'outcome' && item.outcome === null) return null;
      if (here.kind !== 'outcome') {
        const following = template.steps[template.steps.indexOf(here) + 1]?.key ?? here.key;
        const gated = here.kind === 'positions' || here.kind === 'test';
        const clear = gated && blockingObjections(item, state.step.positionRound).length === 0;
        const key = clear ? (here.whenClear ?? following) : (here.then ?? following);
        return { kind: 'step', name: stepNameKey(template, { key }) };
      }
    }
  }
  const next = state.items.find((it) => it.status === 'pending' && it.id !== state.currentItemId);
  return next === undefined ? { kind: 'closing' } : { kind: 'item', title: next.title };
}

/** Where a template's step stands on the rail: passed, current or still ahead. */
export type RailStatus = 'done' | 'current' | 'ahead';

/**
 * The template's steps with their place on the rail: those before the
 * current one in the template are done, the current one is current.
 */
export function railSteps(
  template: ProcessTemplate,
  step: Pick<StepState, 'key'>,
): { readonly key: string; readonly name: MessageKey; readonly status: RailStatus }[] {
  const at = template.steps.findIndex((s) => s.key === step.key);
  return template.steps.map((s, index) => ({
    key: s.key,
    name: stepNameKey(template, s),
    status: index < at ? 'done' : index === at ? 'current' : 'ahead',
  }));
}
