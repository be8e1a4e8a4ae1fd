import type { MeetingPerson, MeetingRole } from '../meeting/types.ts';
import type {
  FoldContext,
  ItemState,
  MeetingState,
  ObjectionState,
  PositionState,
  RoundState,
  TimeoutState,
} from './state.ts';

/**
 * Derived facts about the folded state: computed, never stored.
 */

/**
 * Who speaks now in a round, or null once every turn is taken (SPEC ROUND-2).
 *
 * @example
 * currentSpeaker(state.round); // 'u2'
 */
export function currentSpeaker(round: RoundState | null): string | null {
  return round?.order[round.turns.length] ?? null;
}

/** Whether every turn of the round was taken or passed (SPEC ROUND-4). */
export function isRoundComplete(round: RoundState): boolean {
  return round.turns.length >= round.order.length;
}

/** The running round of the current step (not complete), or null. */
export function runningRound(state: MeetingState): RoundState | null {
  return state.round !== null && !isRoundComplete(state.round) ? state.round : null;
}

/** Every round, oldest first. */
export function allRounds(state: MeetingState): readonly RoundState[] {
  return state.round === null ? state.pastRounds : [...state.pastRounds, state.round];
}

/** The time-out in progress, or null (SPEC MEET-9). */
export function activeTimeout(state: MeetingState): TimeoutState | null {
  const last = state.timeouts.at(-1);
  return last !== undefined && last.endedAt === null ? last : null;
}

export function findItem(state: MeetingState, itemId: string | null): ItemState | null {
  return itemId === null ? null : (state.items.find((item) => item.id === itemId) ?? null);
}

/** The item the meeting is on, or null. */
export function currentItem(state: MeetingState): ItemState | null {
  return findItem(state, state.currentItemId);
}

export function findPerson(context: FoldContext, id: string): MeetingPerson | null {
  return context.people.find((person) => person.id === id) ?? null;
}

/**
 * A person's role as the log fixes it (SPEC MEET-2): the start snapshot and
 * later role changes, whatever the people map now says of them; someone who
 * joined after the start takes part with their own role, but facilitation is
 * only ever granted through the log. Null for someone the meeting does not
 * know.
 *
 * @example
 * roleOf(state, context, 'ben'); // 'participant'
 */
export function roleOf(state: MeetingState, context: FoldContext, id: string): MeetingRole | null {
  // Someone the log knows is judged by the log alone: not even their
  // removal from the people map may re-judge what they did.
  const fixed = Object.hasOwn(state.roles, id) ? state.roles[id] : undefined;
  if (fixed !== undefined) return fixed;
  const person = findPerson(context, id);
  if (person === null) return null;
  return person.role === 'facilitator' ? 'participant' : person.role;
}

/** The sorted ids of the people whose role is facilitator. */
export function facilitatorsOf(roles: Readonly<Record<string, MeetingRole>>): string[] {
  return Object.keys(roles)
    .filter((id) => roles[id] === 'facilitator')
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

export function isFacilitator(state: MeetingState, userId: string): boolean {
  return state.facilitators.includes(userId);
}

/**
 * The positions that count in one round: each person's latest (SPEC POS-3),
 * in the order they were first recorded.
 *
 * @example
 * effectivePositions(item, 1).map((p) => p.value); // ['consent', 'objection']
 */
export function effectivePositions(item: ItemState, round: number): PositionState[] {
  const latest = new Map<string, PositionState>();
  for (const position of item.positions) {
    if (position.round === round) latest.set(position.person, position);
  }
  return [...latest.values()];
}

export function findObjection(item: ItemState, objectionId: string): ObjectionState | null {
  return item.objections.find((objection) => objection.id === objectionId) ?? null;
}

/** How an objection ended up, for the decision log (SPEC OUT-5). */
export type ObjectionResolution =
  'open' | 'integrated' | 'ruled-invalid' | 'converted-to-concern' | 'confirmed';

/**
 * An objection's resolution: a ruling of invalid or concern ends it; in
 * consent a linked amendment integrates it, and the objector's yes to it
 * confirms it (CONSENT-4); in IDM it is resolved only when the objector and
 * the proposer both confirmed its latest amendment (IDM-6). A "no" confirms
 * nothing.
 */
export function objectionResolution(
  item: ItemState,
  objection: ObjectionState,
): ObjectionResolution {
  if (objection.test?.ruling === 'invalid') return 'ruled-invalid';
  if (objection.test?.ruling === 'concern') return 'converted-to-concern';
  const latest = objection.amendments.at(-1);
  if (latest === undefined) return 'open';
  const confirmed = (person: string): boolean =>
    objection.confirmations.some(
      (c) => c.by === person && c.amendmentId === latest.id && c.resolves !== false,
    );
  if (item.process !== 'idm') return confirmed(objection.objector) ? 'confirmed' : 'integrated';
  return confirmed(objection.objector) && confirmed(item.ownerId) ? 'confirmed' : 'open';
}

/** Whether an objection stops the proposal: untested or ruled valid (SPEC POS-6). */
export function isBlocking(objection: ObjectionState): boolean {
  return objection.test === null || objection.test.ruling === 'valid';
}

/** The blocking objections of one positions round. */
export function blockingObjections(item: ItemState, round: number): ObjectionState[] {
  return item.objections.filter((o) => o.round === round && isBlocking(o));
}
