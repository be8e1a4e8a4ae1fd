import type { RoundAddEvent, RoundStartEvent, TurnEndEvent, TurnPassEvent } from './events.ts';
import { STALE, refuse, stepHolds, type Handled, type Rejection } from './reduceHelpers.ts';
import {
  currentItem,
  currentSpeaker,
  isFacilitator,
  isRoundComplete,
  roleOf,
} from './selectors.ts';
import type { FoldContext, MeetingState, RoundState } from './state.ts';
import { DEFAULT_TURN_SECONDS, templateFor, templateStep } from './templates.ts';

/** Speaking rounds (SPEC ROUND-1 … ROUND-5). */

export const TURN_SECONDS_MIN = 10;
export const TURN_SECONDS_MAX = 3600;

/** Who may be in a speaking order: known people who take part (not observers). */
function speakerRefusal(state: MeetingState, context: FoldContext, id: string): Rejection | null {
  const role = roleOf(state, context, id);
  if (role === null) return refuse('unknown-person');
  return role === 'observer' ? refuse('observer') : null;
}

/** The step's default turn length: the template's, else 120 s (SPEC ROUND-5). */
function defaultTurnSeconds(state: MeetingState): number {
  const item = currentItem(state);
  if (item === null || state.step === null) return DEFAULT_TURN_SECONDS;
  return templateStep(templateFor(item), state.step.key)?.turnSeconds ?? DEFAULT_TURN_SECONDS;
}

export function applyRoundStart(
  state: MeetingState,
  event: RoundStartEvent,
  context: FoldContext,
): Handled {
  if (!isFacilitator(state, event.by)) return refuse('not-facilitator');
  if (!stepHolds(state, event.expects) || event.expects.roundId !== (state.round?.id ?? null)) {
    return STALE;
  }
  if (state.step === null) return refuse(state.phase === 'ended' ? 'meeting-ended' : 'not-started');
  if (state.round !== null && !isRoundComplete(state.round)) return refuse('round-running');
  if (event.order.length === 0) return refuse('empty-order');
  if (new Set(event.order).size !== event.order.length) return refuse('duplicate-person');
  for (const id of event.order) {
    const refusal = speakerRefusal(state, context, id);
    if (refusal !== null) return refusal;
  }
  const seconds = event.turnSeconds ?? defaultTurnSeconds(state);
  if (!Number.isInteger(seconds) || seconds < TURN_SECONDS_MIN || seconds > TURN_SECONDS_MAX) {
    return refuse('invalid-seconds');
  }
  const round: RoundState = {
    id: event.id,
    phase: state.phase,
    itemId: state.currentItemId,
    stepId: state.step.id,
    order: event.order,
    turns: [],
    startedBy: event.by,
    startedAt: event.at,
    turnStartedAt: event.at,
    turnSeconds: seconds,
  };
  const pastRounds = state.round === null ? state.pastRounds : [...state.pastRounds, state.round];
  return { ...state, round, pastRounds };
}

/** A latecomer joins the end of the running round (SPEC ROUND-3). */
export function applyRoundAdd(
  state: MeetingState,
  event: RoundAddEvent,
  context: FoldContext,
): Handled {
  if (!isFacilitator(state, event.by) && event.by !== event.person) return refuse('not-allowed');
  if (!stepHolds(state, event.expects) || event.expects.roundId !== (state.round?.id ?? null)) {
    return STALE;
  }
  const round = state.round;
  if (round === null) return refuse('no-round');
  if (isRoundComplete(round)) return refuse('round-complete');
  if (round.order.includes(event.person)) return refuse('duplicate-person');
  const refusal = speakerRefusal(state, context, event.person);
  if (refusal !== null) return refusal;
  return { ...state, round: { ...round, order: [...round.order, event.person] } };
}

/** The speaker or a facilitator ends or passes the current turn (SPEC ROUND-2). */
export function applyTurn(state: MeetingState, event: TurnEndEvent | TurnPassEvent): Handled {
  const round = state.round;
  const speaker = currentSpeaker(round);
  if (event.by !== speaker && !isFacilitator(state, event.by)) return refuse('not-allowed');
  if (
    round === null ||
    !stepHolds(state, event.expects) ||
    event.expects.roundId !== round.id ||
    event.expects.turn !== round.turns.length
  ) {
    return STALE;
  }
  if (speaker === null) return refuse('round-complete');
  const status = event.type === 'turn.pass' ? 'passed' : 'spoken';
  const turns = [...round.turns, { person: speaker, status, by: event.by, at: event.at } as const];
  return { ...state, round: { ...round, turns, turnStartedAt: event.at } };
}
