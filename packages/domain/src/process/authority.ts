import type { FacilitatorHandoverEvent, TimeoutCallEvent, TimeoutEndEvent } from './events.ts';
import { STALE, refuse, union, withItem, type Handled } from './reduceHelpers.ts';
import { activeTimeout, currentItem, findPerson, isFacilitator } from './selectors.ts';
import type { FoldContext, MeetingState } from './state.ts';

/** Time-outs and facilitator handover (SPEC MEET-9, MEET-10). */

/** Anyone taking part calls a time-out; it names no step, so it is never stale by step. */
export function applyTimeoutCall(state: MeetingState, event: TimeoutCallEvent): Handled {
  if (event.expects.timeoutId !== (activeTimeout(state)?.id ?? null)) return STALE;
  if (event.expects.timeoutId !== null) return refuse('timeout-active');
  if (state.phase === 'ended') return refuse('meeting-ended');
  const timeout = { id: event.id, by: event.by, at: event.at, endedBy: null, endedAt: null };
  return { ...state, timeouts: [...state.timeouts, timeout] };
}

export function applyTimeoutEnd(state: MeetingState, event: TimeoutEndEvent): Handled {
  if (!isFacilitator(state, event.by)) return refuse('not-facilitator');
  const active = activeTimeout(state);
  if (active === null || event.expects.timeoutId !== active.id) return STALE;
  const ended = { ...active, endedBy: event.by, endedAt: event.at };
  return { ...state, timeouts: [...state.timeouts.slice(0, -1), ended] };
}

/**
 * A facilitator hands the role to someone taking part who is not one yet;
 * the giver stops being a facilitator, even when others remain (SPEC MEET-10).
 */
export function applyHandover(
  state: MeetingState,
  event: FacilitatorHandoverEvent,
  context: FoldContext,
): Handled {
  if (!isFacilitator(state, event.by)) return refuse('not-facilitator');
  const receiver = findPerson(context, event.to);
  if (receiver === null) return refuse('unknown-person');
  if (receiver.role === 'observer') return refuse('observer');
  if (isFacilitator(state, event.to)) return refuse('already-facilitator');
  const facilitators = union(
    state.facilitators.filter((id) => id !== event.by),
    [event.to],
  );
  const next = { ...state, facilitators };
  const item = currentItem(state);
  if (item === null) return next;
  return withItem(next, { ...item, facilitators: union(item.facilitators, facilitators) });
}
