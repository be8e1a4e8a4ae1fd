import type { StepExpects } from './events.ts';
import type { ItemState, MeetingState, RejectReason, ResultStatus } from './state.ts';

/** Why a handler did not apply an event. */
export interface Rejection {
  readonly status: Exclude<ResultStatus, 'applied'>;
  readonly reason: RejectReason;
}

/** A handler's answer: the next state, or why the event was not applied. */
export type Handled = MeetingState | Rejection;

export function refuse(reason: RejectReason): Rejection {
  return { status: 'refused', reason };
}

/** The event was issued against a state that no longer holds (SPEC MEET-3). */
export const STALE: Rejection = { status: 'superseded', reason: 'stale' };

export function isRejection(value: Handled): value is Rejection {
  return 'status' in value && 'reason' in value && !('phase' in value);
}

/** Whether the meeting still stands where a step command was issued. */
export function stepHolds(state: MeetingState, expects: StepExpects): boolean {
  return (
    expects.phase === state.phase &&
    expects.itemId === state.currentItemId &&
    expects.stepId === (state.step?.id ?? null)
  );
}

/** The state with one item replaced (by id). */
export function withItem(state: MeetingState, item: ItemState): MeetingState {
  return { ...state, items: state.items.map((it) => (it.id === item.id ? item : it)) };
}

/** Sorted union of two id lists. */
export function union(a: readonly string[], b: readonly string[]): string[] {
  return [...new Set([...a, ...b])].sort(compareCodeUnits);
}

/** Code-unit order, the same on every replica and locale (the tie-break rule). */
export function compareCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
