import type {
  ItemGotoEvent,
  ItemNoteEvent,
  ItemSkipEvent,
  MeetingEvent,
  MeetingStartEvent,
  StepNextEvent,
  StepUndoEvent,
} from './events.ts';
import { pendingItem } from './agendaItems.ts';
import {
  STALE,
  refuse,
  stepHolds,
  union,
  withItem,
  type Handled,
  type Rejection,
} from './reduceHelpers.ts';
import {
  blockingObjections,
  currentItem,
  facilitatorsOf,
  findItem,
  isFacilitator,
} from './selectors.ts';
import type { ItemState, MeetingState, StepState } from './state.ts';
import { templateFor, templateStep } from './templates.ts';

/** Meeting flow: start, next, undo, go to and skip items (SPEC MEET-4 … MEET-8). */

/** Leaving a step files its round with the past ones. */
function leaveStep(state: MeetingState): MeetingState {
  if (state.round === null) return state;
  return { ...state, round: null, pastRounds: [...state.pastRounds, state.round] };
}

function stageStep(key: 'check-in' | 'closing', event: MeetingEvent): StepState {
  return { id: event.id, key, kind: 'round', startedAt: event.at, positionRound: 0 };
}

/**
 * Closes the current item's visit: the time it was current is added to its
 * `spentMs`, counted up to its end when it is done (SPEC TIME-1).
 */
function closeVisit(state: MeetingState, at: number): MeetingState {
  const item = currentItem(state);
  if (item === null || item.currentSince === null) return state;
  const end = item.endedAt !== null ? Math.min(at, item.endedAt) : at;
  const spentMs = item.spentMs + Math.max(0, end - item.currentSince);
  return withItem(state, { ...item, spentMs, currentSince: null });
}

/** Enters an item where it stands (its first step the first time) (SPEC MEET-6). */
function enterItem(current: MeetingState, item: ItemState, event: MeetingEvent): MeetingState {
  const state = closeVisit(current, event.at);
  const first = templateFor(item).steps[0]!;
  const top = item.trail.at(-1);
  const step: StepState =
    top === undefined
      ? { id: event.id, key: first.key, kind: first.kind, startedAt: event.at, positionRound: 0 }
      : { ...top, id: event.id, startedAt: event.at };
  const entered: ItemState = {
    ...item,
    status: 'pending',
    trail: [...item.trail.slice(0, -1), step],
    history: [...item.history, step],
    startedAt: item.startedAt ?? event.at,
    currentSince: event.at,
    facilitators: union(item.facilitators, state.facilitators),
  };
  const left = leaveStep(state);
  return { ...withItem(left, entered), phase: 'item', currentItemId: item.id, step };
}

/**
 * The default move after a stage: the first pending item in agenda order
 * (not done, not skipped, not the current one), else closing; after closing,
 * the end (SPEC MEET-5).
 */
function moveOn(state: MeetingState, event: MeetingEvent): MeetingState {
  if (state.phase === 'closing') {
    return { ...leaveStep(state), phase: 'ended', step: null, endedAt: event.at };
  }
  const next = state.items.find((it) => it.status === 'pending' && it.id !== state.currentItemId);
  if (next !== undefined) return enterItem(state, next, event);
  return {
    ...leaveStep(closeVisit(state, event.at)),
    phase: 'closing',
    currentItemId: null,
    step: stageStep('closing', event),
  };
}

/** Authority, expects and phase checks shared by facilitator navigation. */
function navigationRefusal(
  state: MeetingState,
  event: StepNextEvent | StepUndoEvent | ItemGotoEvent | ItemSkipEvent,
): Rejection | null {
  if (!isFacilitator(state, event.by)) return refuse('not-facilitator');
  if (!stepHolds(state, event.expects)) return STALE;
  if (state.phase === 'not-started') return refuse('not-started');
  if (state.phase === 'ended') return refuse('meeting-ended');
  return null;
}

export function applyMeetingStart(state: MeetingState, event: MeetingStartEvent): Handled {
  if (!isFacilitator(state, event.by)) return refuse('not-facilitator');
  if (!stepHolds(state, event.expects)) return STALE;
  if (state.phase !== 'not-started') return refuse('not-allowed');
  // The snapshot fixes the roles for the rest of the log; it must keep its
  // author a facilitator, or nobody could run the meeting it starts.
  if (event.roles[event.by] !== 'facilitator') return refuse('not-allowed');
  return {
    ...state,
    phase: 'check-in',
    step: stageStep('check-in', event),
    startedAt: event.at,
    roles: event.roles,
    facilitators: facilitatorsOf(event.roles),
    // The kind is fixed here: a later edit of the document cannot re-judge the log (TRIAGE-5).
    kind: event.kind ?? null,
    // From here on the agenda is the log's; a legacy start keeps the document's (AGENDA-8).
    items: event.agenda === undefined ? state.items : event.agenda.map(pendingItem),
  };
}

/** The step `next` leads to from the current step of a multi-step item (SPEC MEET-7). */
function nextStepOf(item: ItemState, step: StepState, event: StepNextEvent): StepState | Rejection {
  const template = templateFor(item);
  const here = templateStep(template, step.key);
  if (here === null) return refuse('wrong-step');
  if (here.kind === 'outcome') return refuse('outcome-missing');
  const index = template.steps.indexOf(here);
  const following = template.steps[index + 1]?.key ?? here.key;
  const gated = here.kind === 'positions' || here.kind === 'test';
  const clear = gated && blockingObjections(item, step.positionRound).length === 0;
  const key = clear ? (here.whenClear ?? following) : (here.then ?? following);
  const target = templateStep(template, key) ?? here;
  const positionRound = target.kind === 'positions' ? item.positionRound + 1 : step.positionRound;
  return { id: event.id, key: target.key, kind: target.kind, startedAt: event.at, positionRound };
}

export function applyStepNext(state: MeetingState, event: StepNextEvent): Handled {
  const refusal = navigationRefusal(state, event);
  if (refusal !== null) return refusal;
  const item = currentItem(state);
  if (item === null || state.step === null) return moveOn(state, event);
  if (item.status === 'done') return moveOn(state, event);
  if (templateFor(item).steps.length === 1) {
    const done: ItemState = { ...item, status: 'done', endedAt: event.at };
    return moveOn(withItem(state, done), event);
  }
  const step = nextStepOf(item, state.step, event);
  if ('status' in step) return step;
  const moved: ItemState = {
    ...item,
    trail: [...item.trail, step],
    history: [...item.history, step],
    positionRound: Math.max(item.positionRound, step.positionRound),
  };
  return { ...withItem(leaveStep(state), moved), step };
}

/** Back to the item's previous step, as a new visit; nothing is deleted (SPEC MEET-8). */
export function applyStepUndo(state: MeetingState, event: StepUndoEvent): Handled {
  const refusal = navigationRefusal(state, event);
  if (refusal !== null) return refusal;
  const item = currentItem(state);
  if (item === null) return refuse('no-previous-step');
  if (item.status === 'done') return refuse('item-done');
  const previous = item.trail.at(-2);
  if (previous === undefined) return refuse('no-previous-step');
  const step: StepState = { ...previous, id: event.id, startedAt: event.at };
  const back: ItemState = {
    ...item,
    trail: [...item.trail.slice(0, -2), step],
    history: [...item.history, step],
  };
  return { ...withItem(leaveStep(state), back), step };
}

export function applyItemGoto(state: MeetingState, event: ItemGotoEvent): Handled {
  const refusal = navigationRefusal(state, event);
  if (refusal !== null) return refusal;
  const target = findItem(state, event.target);
  if (target === null) return refuse('unknown-item');
  if (target.id === state.currentItemId) return refuse('same-item');
  if (target.status === 'done') return refuse('item-done');
  return enterItem(state, target, event);
}

/** Skips an item; skipping the current one moves on (SPEC MEET-6). */
export function applyItemSkip(state: MeetingState, event: ItemSkipEvent): Handled {
  const refusal = navigationRefusal(state, event);
  if (refusal !== null) return refusal;
  const target = findItem(state, event.target);
  if (target === null) return refuse('unknown-item');
  if (target.status === 'done') return refuse('item-done');
  const skipped = withItem(state, { ...target, status: 'skipped' });
  return target.id === state.currentItemId ? moveOn(skipped, event) : skipped;
}

/** A tension item's next-action note (SPEC OUT-4). */
export function applyItemNote(state: MeetingState, event: ItemNoteEvent): Handled {
  const item = currentItem(state);
  if (!isFacilitator(state, event.by) && item?.ownerId !== event.by) {
    return refuse('not-allowed');
  }
  if (!stepHolds(state, event.expects)) return STALE;
  if (item === null || item.kind !== 'tension') return refuse('wrong-item-kind');
  return withItem(state, { ...item, note: event.text.trim() });
}
