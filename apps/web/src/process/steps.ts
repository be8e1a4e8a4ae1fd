import {
  currentItem,
  templateFor,
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
