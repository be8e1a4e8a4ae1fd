import { currentItem, isFacilitator } from './selectors.ts';
import type { MeetingState } from './state.ts';
import { templateFor, templateStep } from './templates.ts';

/**
 * Whether the current step lets the proposal's text be amended (SPEC
 * AMEND-1): "Amend and clarify" and "Integrate" in both consent and IDM,
 * while the item is not done.
 *
 * @example
 * isAmendStep(state); // true at the amend step
 */
export function isAmendStep(state: MeetingState): boolean {
  const item = currentItem(state);
  if (item === null || item.kind !== 'proposal' || item.status === 'done') return false;
  if (state.step === null || state.phase !== 'item') return false;
  return templateStep(templateFor(item), state.step.key)?.amends === true;
}

/**
 * Whether this person may amend the proposal's text now (SPEC AMEND-1): the
 * item's proposer (its owner) or a facilitator, at an amending step.
 *
 * @example
 * mayAmendText(state, me); // the proposer at "Amend and clarify": true
 */
export function mayAmendText(state: MeetingState, userId: string): boolean {
  if (!isAmendStep(state)) return false;
  return isFacilitator(state, userId) || currentItem(state)?.ownerId === userId;
}
