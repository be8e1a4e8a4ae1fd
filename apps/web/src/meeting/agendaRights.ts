import { orderBetween, type AgendaItem, type ItemState, type MeetingState } from '@ronde/domain';

/** What one person may do to one agenda item; the row shows only these controls. */
export interface ItemRights {
  readonly title: boolean;
  readonly owner: boolean;
  readonly timebox: boolean;
  readonly move: boolean;
  readonly remove: boolean;
}

export const NO_RIGHTS: ItemRights = {
  title: false,
  owner: false,
  timebox: false,
  move: false,
  remove: false,
};

/** Who is looking at the planned agenda (before the start). */
export interface PlannerRole {
  readonly userId: string;
  /** A facilitator in the people map, or an admin of the space: edits every item. */
  readonly manages: boolean;
  /** May write at all (not an observer, not read-only). */
  readonly writes: boolean;
}

/**
 * Before the start the server lets an item's author, its owner or a
 * facilitator (people map) or admin edit, move or remove it (SPEC WRITE-6),
 * so each person is offered only that.
 *
 * @example
 * plannedItemRights(item, { userId: me.id, manages: false, writes: true }).remove;
 */
export function plannedItemRights(item: AgendaItem, who: PlannerRole): ItemRights {
  if (!who.writes) return NO_RIGHTS;
  const mine = item.createdBy === who.userId || item.ownerId === who.userId;
  if (!who.manages && !mine) return NO_RIGHTS;
  return { title: true, owner: true, timebox: true, move: true, remove: true };
}

/**
 * Whether moving an item to `toIndex` writes its own order only. When no
 * number fits between its new neighbours `moveAgendaItem` renumbers every
 * item (AGENDA-5), which only someone who may edit them all can do.
 *
 * @example
 * if (moveWritesOnlyItem(agenda, item.id, 0)) moveAgendaItem(doc, item.id, 0);
 */
export function moveWritesOnlyItem(
  agenda: readonly AgendaItem[],
  id: string,
  toIndex: number,
): boolean {
  const others = agenda.filter((item) => item.id !== id);
  const index = Math.max(0, Math.min(Math.trunc(toIndex), others.length));
  return orderBetween(others[index - 1]?.order, others[index]?.order) !== null;
}

/** Who is looking at the live agenda (after the start), as the log has it. */
export interface LiveRole {
  readonly userId: string;
  readonly facilitator: boolean;
  readonly takesPart: boolean;
}

/** Whether an item may still change: pending and never current (AGENDA-10…12). */
export function isUntouched(item: ItemState): boolean {
  return item.status === 'pending' && item.startedAt === null;
}

/**
 * While the meeting runs, only a pending item never current changes: a
 * facilitator edits, moves and removes it, its owner edits its title and
 * time box (SPEC AGENDA-10…12). The item being decided, and every started,
 * skipped or done item, is nobody's to change; once the meeting has ended
 * nothing is.
 *
 * @example
 * liveItemRights(state, item, { userId: me, facilitator: false, takesPart: true }).title;
 */
export function liveItemRights(state: MeetingState, item: ItemState, who: LiveRole): ItemRights {
  if (state.phase === 'not-started' || state.phase === 'ended') return NO_RIGHTS;
  if (!who.takesPart || !isUntouched(item) || item.id === state.currentItemId) return NO_RIGHTS;
  if (who.facilitator) {
    return { title: true, owner: true, timebox: true, move: true, remove: true };
  }
  if (item.ownerId !== who.userId) return NO_RIGHTS;
  return { title: true, owner: false, timebox: true, move: false, remove: false };
}

/** Whether anyone may add an item now: someone taking part while the meeting runs (AGENDA-9). */
export function mayAddLive(state: MeetingState, who: LiveRole): boolean {
  return who.takesPart && state.phase !== 'not-started' && state.phase !== 'ended';
}
