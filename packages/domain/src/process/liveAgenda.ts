import {
  AGENDA_ITEMS_MAX,
  cleanItemTitle,
  cleanTensionText,
  isTimebox,
  tensionTitle,
} from '../meeting/agendaFields.ts';
import { pendingItem } from './agendaItems.ts';
import type {
  AgendaAddEvent,
  AgendaItemChanges,
  AgendaMoveEvent,
  AgendaRemoveEvent,
  AgendaUpdateEvent,
} from './events.ts';
import { refuse, withItem, type Handled, type Rejection } from './reduceHelpers.ts';
import { findItem, isFacilitator, roleOf } from './selectors.ts';
import type { FoldContext, ItemState, MeetingState } from './state.ts';

/**
 * The agenda while the meeting runs (SPEC AGENDA-8 … AGENDA-13): once it
 * has started, the meeting document's agenda is frozen and these events
 * are the only way to change what the fold reads.
 *
 * They expect nothing (`{}`): what an agenda change means depends on its
 * item alone, not on the step, the phase or the other items, so a step
 * change made at the same time must not supersede it. What it needs of its
 * item (there, pending, never current) is checked when it applies and, when
 * it fails, named as the reason for the refusal.
 */

function runningRefusal(state: MeetingState): Rejection | null {
  if (state.phase === 'not-started') return refuse('not-started');
  if (state.phase === 'ended') return refuse('meeting-ended');
  return null;
}

/** Only an item nobody has started yet may change: its history stays as it was lived. */
function editRefusal(item: ItemState): Rejection | null {
  if (item.startedAt !== null) return refuse('item-started');
  if (item.status !== 'pending') return refuse('not-pending');
  return null;
}

/** A new item, checked like `addAgendaItem` checks one (AGENDA-2, AGENDA-3, AGENDA-9). */
export function applyAgendaAdd(state: MeetingState, event: AgendaAddEvent): Handled {
  const running = runningRefusal(state);
  if (running !== null) return running;
  const { item } = event;
  if (findItem(state, item.id) !== null) return refuse('item-exists');
  if (state.items.length >= AGENDA_ITEMS_MAX) return refuse('agenda-full');
  const text = item.kind === 'tension' ? cleanTensionText(item.text) : '';
  if (text === null) return refuse('invalid-text');
  const given = item.title.trim().length > 0 ? item.title : null;
  const title = cleanItemTitle(given ?? (item.kind === 'tension' ? tensionTitle(text) : ''));
  if (title === null) return refuse('invalid-title');
  if (item.kind === 'proposal' && item.proposalId === null) return refuse('proposal-required');
  if (item.kind === 'proposal' && item.process === null) return refuse('invalid-process');
  if (item.kind === 'election' && item.election === undefined) return refuse('election-required');
  if (!isTimebox(item.timeboxMinutes)) return refuse('invalid-timebox');
  // A proposal item is its proposer's: the proposal's author unless the adder names no one.
  const ownerId = item.kind === 'proposal' ? (item.ownerId ?? event.by) : event.by;
  const added = pendingItem({ ...item, title, text, ownerId });
  return { ...state, items: [...state.items, added] };
}

/** The fields only a facilitator may change: who brings the item and how it is decided. */
const FACILITATOR_FIELDS: readonly (keyof AgendaItemChanges)[] = ['ownerId', 'process'];

/**
 * Edits a pending item never current: a facilitator any field, its owner
 * the title, text and time box (AGENDA-10).
 */
export function applyAgendaUpdate(
  state: MeetingState,
  event: AgendaUpdateEvent,
  context: FoldContext,
): Handled {
  const running = runningRefusal(state);
  if (running !== null) return running;
  const item = findItem(state, event.itemId);
  if (item === null) return refuse('unknown-item');
  const { patch } = event;
  if (!isFacilitator(state, event.by)) {
    if (item.ownerId !== event.by) return refuse('not-allowed');
    if (FACILITATOR_FIELDS.some((key) => patch[key] !== undefined)) {
      return refuse('not-facilitator');
    }
  }
  const edit = editRefusal(item);
  if (edit !== null) return edit;
  const changed = patchedItem(item, patch);
  if ('reason' in changed) return changed;
  if (patch.ownerId !== undefined) {
    const role = roleOf(state, context, patch.ownerId);
    if (role === null) return refuse('unknown-person');
    if (role === 'observer') return refuse('observer');
  }
  return withItem(state, changed);
}

function patchedItem(item: ItemState, patch: AgendaItemChanges): ItemState | Rejection {
  let next = item;
  if (patch.title !== undefined) {
    const title = cleanItemTitle(patch.title);
    if (title === null) return refuse('invalid-title');
    next = { ...next, title };
  }
  if (patch.text !== undefined) {
    if (item.kind !== 'tension') return refuse('wrong-item-kind');
    const text = cleanTensionText(patch.text);
    if (text === null) return refuse('invalid-text');
    next = { ...next, text };
  }
  if (patch.timeboxMinutes !== undefined) {
    if (!isTimebox(patch.timeboxMinutes)) return refuse('invalid-timebox');
    next = { ...next, timeboxMinutes: patch.timeboxMinutes };
  }
  if (patch.process !== undefined) {
    if (item.kind !== 'proposal') return refuse('wrong-item-kind');
    next = { ...next, process: patch.process };
  }
  if (patch.ownerId !== undefined) next = { ...next, ownerId: patch.ownerId };
  return next;
}

/** A facilitator removes a pending item never current (AGENDA-11). */
export function applyAgendaRemove(state: MeetingState, event: AgendaRemoveEvent): Handled {
  if (!isFacilitator(state, event.by)) return refuse('not-facilitator');
  const running = runningRefusal(state);
  if (running !== null) return running;
  const item = findItem(state, event.itemId);
  if (item === null) return refuse('unknown-item');
  const edit = editRefusal(item);
  if (edit !== null) return edit;
  return { ...state, items: state.items.filter((it) => it.id !== item.id) };
}

/**
 * A facilitator moves a pending item never current before another item, or
 * to the end; `next` then follows the new order (AGENDA-12, MEET-5).
 */
export function applyAgendaMove(state: MeetingState, event: AgendaMoveEvent): Handled {
  if (!isFacilitator(state, event.by)) return refuse('not-facilitator');
  const running = runningRefusal(state);
  if (running !== null) return running;
  const item = findItem(state, event.itemId);
  if (item === null) return refuse('unknown-item');
  if (event.beforeItemId === item.id) return refuse('same-item');
  if (event.beforeItemId !== null && findItem(state, event.beforeItemId) === null) {
    return refuse('unknown-item');
  }
  const edit = editRefusal(item);
  if (edit !== null) return edit;
  const others = state.items.filter((it) => it.id !== item.id);
  const at = others.findIndex((it) => it.id === event.beforeItemId);
  const index = at === -1 ? others.length : at;
  return { ...state, items: [...others.slice(0, index), item, ...others.slice(index)] };
}
