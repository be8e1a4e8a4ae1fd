import type {
  FacilitatorHandoverEvent,
  RoleSetEvent,
  TimeoutCallEvent,
  TimeoutEndEvent,
} from './events.ts';
import { STALE, refuse, union, withItem, type Handled } from './reduceHelpers.ts';
import { activeTimeout, currentItem, facilitatorsOf, isFacilitator, roleOf } from './selectors.ts';
import type { FoldContext, MeetingState } from './state.ts';

/** Time-outs, facilitator handover and role changes (SPEC MEET-9, MEET-10, MEET-15). */

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
  const receiver = roleOf(state, context, event.to);
  if (receiver === null) return refuse('unknown-person');
  if (receiver === 'observer') return refuse('observer');
  if (isFacilitator(state, event.to)) return refuse('already-facilitator');
  return withRoles(state, { ...state.roles, [event.by]: 'participant', [event.to]: 'facilitator' });
}

/**
 * A facilitator changes someone's role once the meeting has started
 * (SPEC MEET-15): the log, not the people map, says who may do what, so a
 * later edit never re-judges what was done.
 */
export function applyRoleSet(
  state: MeetingState,
  event: RoleSetEvent,
  context: FoldContext,
): Handled {
  if (!isFacilitator(state, event.by)) return refuse('not-facilitator');
  if (state.phase === 'not-started') return refuse('not-started');
  if (state.phase === 'ended') return refuse('meeting-ended');
  const current = roleOf(state, context, event.person);
  if (current === null) return refuse('unknown-person');
  if (current === event.role) return refuse('same-role');
  const roles = { ...state.roles, [event.person]: event.role };
  if (facilitatorsOf(roles).length === 0) return refuse('last-facilitator');
  return withRoles(state, roles);
}

/** The state with new roles; whoever facilitates now is credited on the current item. */
function withRoles(state: MeetingState, roles: MeetingState['roles']): MeetingState {
  const facilitators = facilitatorsOf(roles);
  const next = { ...state, roles, facilitators };
  const item = currentItem(state);
  if (item === null) return next;
  return withItem(next, { ...item, facilitators: union(item.facilitators, facilitators) });
}
