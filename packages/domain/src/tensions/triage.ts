import { newId } from '../ids.ts';
import { isReviewDate } from '../process/outcome.ts';
import { id, isRecord, oneOf, str, type Json } from '../process/parseFields.ts';
import { refuse, type Handled } from '../process/reduceHelpers.ts';
import { isFacilitator } from '../process/selectors.ts';
import type { FoldContext, MeetingState } from '../process/state.ts';
import { cleanActionTitle } from './actions.ts';
import { ACTION_TITLE_MAX, CLOSE_REASON_MAX } from './model.ts';

/**
 * A tactical meeting's triage and follow-up, as signed process events in the
 * meeting's log (SPEC TRIAGE-1 … TRIAGE-5). The fold judges who may and when;
 * it keeps no state of them: what they did is read back from the applied
 * results (`appliedTriages`, `appliedReviews`), and the server writes their
 * effects in the space's backlog (apps/server/src/tensionsConsequences.ts).
 */

/** What a triage makes of a tension. */
export const TRIAGE_OUTCOMES = ['action', 'project', 'proposal', 'dropped'] as const;
export type TriageOutcome = (typeof TRIAGE_OUTCOMES)[number];

/** The action or project a triage creates. */
export interface TriagedAction {
  readonly id: string;
  readonly title: string;
  readonly ownerId: string;
  /** `YYYY-MM-DD`, or null. */
  readonly dueDate: string | null;
}

interface TriageBase<T extends string> {
  readonly id: string;
  readonly type: T;
  readonly by: string;
  readonly at: number;
  readonly expects: Record<string, never>;
}

/** A facilitator triages a tension of the backlog (SPEC TRIAGE-1, TRIAGE-2). */
export interface TensionTriageEvent extends TriageBase<'tension.triage'> {
  readonly tensionId: string;
  readonly outcome: TriageOutcome;
  /** Why (required to drop it), at most 500 characters. */
  readonly reason: string;
  /** The action or project to create: set for those outcomes only. */
  readonly action: TriagedAction | null;
}

/** A facilitator records whether an action or project followed up is done (SPEC TRIAGE-3). */
export interface ActionReviewEvent extends TriageBase<'action.review'> {
  readonly actionId: string;
  readonly done: boolean;
}

export type BacklogEvent = TensionTriageEvent | ActionReviewEvent;
type BacklogBody =
  Omit<TensionTriageEvent, 'id' | 'by' | 'at'> | Omit<ActionReviewEvent, 'id' | 'by' | 'at'>;

function triagedAction(value: unknown): TriagedAction | null | undefined {
  if (value === null || value === undefined) return null;
  if (!isRecord(value)) return undefined;
  const { id: actionId, title, ownerId, dueDate } = value;
  if (!id(actionId) || !str(title, ACTION_TITLE_MAX * 2) || !id(ownerId)) return undefined;
  if (!(dueDate === null || dueDate === undefined || str(dueDate, 10))) return undefined;
  return { id: actionId, title, ownerId, dueDate: (dueDate ?? null) as string | null };
}

/**
 * The type-specific fields of a backlog event (SPEC MEET-12), or null when
 * they are ill-typed; undefined when the type is not one of them.
 */
export function backlogPayload(type: string, raw: Json): BacklogBody | null | undefined {
  if (type === 'tension.triage') {
    const action = triagedAction(raw.action);
    const { tensionId, outcome, reason } = raw;
    if (!isRecord(raw.expects) || !id(tensionId) || !oneOf(TRIAGE_OUTCOMES, outcome)) return null;
    if (!str(reason ?? '', CLOSE_REASON_MAX) || action === undefined) return null;
    return {
      type,
      expects: {},
      tensionId,
      outcome,
      reason: (reason ?? '') as string,
      action,
    };
  }
  if (type === 'action.review') {
    const { actionId, done } = raw;
    if (!isRecord(raw.expects) || !id(actionId) || typeof done !== 'boolean') return null;
    return { type, expects: {}, actionId, done };
  }
  return undefined;
}

const RUNNING = new Set(['check-in', 'item', 'closing']);

function running(state: MeetingState): Handled | null {
  if (state.phase === 'not-started') return refuse('not-started');
  if (!RUNNING.has(state.phase)) return refuse('meeting-ended');
  return null;
}

function knowsPerson(state: MeetingState, context: FoldContext, personId: string): boolean {
  return (
    Object.hasOwn(state.roles, personId) || context.people.some((person) => person.id === personId)
  );
}

/**
 * Applies a backlog event (SPEC TRIAGE-1 … TRIAGE-3, TRIAGE-5): a
 * facilitator, while a meeting the start fixed as tactical runs. A triage into an action or project carries one, whose
 * title follows ACTION-1, whose due date is a real date and whose owner is
 * a person of the meeting; a triage into anything else carries none; a drop
 * carries its reason. The state is unchanged: the applied result is the
 * record.
 */
export function applyBacklogEvent(
  state: MeetingState,
  event: BacklogEvent,
  context: FoldContext,
): Handled {
  const notRunning = running(state);
  if (notRunning !== null) return notRunning;
  // The start's snapshot of the kind, so a later edit cannot re-judge the log (TRIAGE-5).
  if (state.kind !== 'tactical') return refuse('not-tactical');
  if (!isFacilitator(state, event.by)) return refuse('not-facilitator');
  if (event.type === 'action.review') return state;
  const makesAction = event.outcome === 'action' || event.outcome === 'project';
  if (makesAction !== (event.action !== null)) return refuse('malformed');
  if (event.outcome === 'dropped' && event.reason.trim() === '') return refuse('reason-required');
  if (event.action !== null) {
    try {
      cleanActionTitle(event.action.title);
    } catch {
      return refuse('invalid-title');
    }
    if (event.action.dueDate !== null && !isReviewDate(event.action.dueDate)) {
      return refuse('invalid-date');
    }
    if (!knowsPerson(state, context, event.action.ownerId)) return refuse('unknown-person');
  }
  return state;
}

function appliedOf<T extends BacklogEvent['type']>(
  state: MeetingState,
  log: readonly unknown[],
  type: T,
): Extract<BacklogEvent, { type: T }>[] {
  const out: Extract<BacklogEvent, { type: T }>[] = [];
  for (const result of state.results) {
    if (result.status !== 'applied' || result.type !== type) continue;
    const raw = log[result.index];
    if (!isRecord(raw)) continue;
    const body = backlogPayload(type, raw);
    if (!body || typeof raw.id !== 'string' || typeof raw.by !== 'string') continue;
    const at = typeof raw.at === 'number' ? raw.at : 0;
    out.push({ id: raw.id, by: raw.by, at, ...body } as Extract<BacklogEvent, { type: T }>);
  }
  return out;
}

/**
 * The applied triages of a folded meeting, in log order (SPEC TRIAGE-4).
 *
 * @example
 * appliedTriages(foldMeeting(log, context), log).map((t) => t.outcome);
 */
export function appliedTriages(state: MeetingState, log: readonly unknown[]): TensionTriageEvent[] {
  return appliedOf(state, log, 'tension.triage');
}

/** The applied follow-ups of actions, in log order (SPEC TRIAGE-4). */
export function appliedReviews(state: MeetingState, log: readonly unknown[]): ActionReviewEvent[] {
  return appliedOf(state, log, 'action.review');
}

/**
 * Builds a triage event with a fresh id (the fold decides whether it
 * applies). The action, for an action or project, gets a fresh id too.
 *
 * @example
 * submit(triageTension(me, serverNow(), { tensionId, outcome: 'action', reason: '',
 *   action: { title: 'Call the bank', ownerId: bob, dueDate: null } }));
 */
export function triageTension(
  by: string,
  at: number,
  input: {
    readonly tensionId: string;
    readonly outcome: TriageOutcome;
    readonly reason: string;
    readonly action: Omit<TriagedAction, 'id'> | null;
  },
): TensionTriageEvent {
  return {
    id: newId(),
    type: 'tension.triage',
    by,
    at,
    expects: {},
    tensionId: input.tensionId,
    outcome: input.outcome,
    reason: input.reason.trim(),
    action: input.action === null ? null : { id: newId(), ...input.action },
  };
}

/** Builds a follow-up event for an action or project (done or not done). */
export function reviewAction(
  by: string,
  at: number,
  actionId: string,
  done: boolean,
): ActionReviewEvent {
  return { id: newId(), type: 'action.review', by, at, expects: {}, actionId, done };
}
