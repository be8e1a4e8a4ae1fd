import {
  AGENDA_ITEMS_MAX,
  AGENDA_TITLE_MAX,
  DEFAULT_TIMEBOX_MINUTES,
  TENSION_TEXT_MAX,
  TIMEBOX_MAX,
  TIMEBOX_MIN,
} from '../meeting/agendaFields.ts';
import { emptyElection } from '../election/electionState.ts';
import type { AgendaItem } from '../meeting/types.ts';
import type { LoggedAgendaItem } from './events.ts';
import { ID_MAX, id } from './parseFields.ts';
import type { ItemState } from './state.ts';

/** Agenda items as the fold holds them, and as the start's snapshot carries them (SPEC AGENDA-8). */

/**
 * A pending item, never entered: how every item starts in the fold,
 * whether it came from the meeting document, a start's snapshot or
 * `agenda.add`.
 *
 * @example
 * pendingItem(snapshot[0]).status; // 'pending'
 */
export function pendingItem(item: LoggedAgendaItem): ItemState {
  const proposal = item.kind === 'proposal';
  return {
    id: item.id,
    kind: item.kind,
    process: proposal ? (item.process ?? 'consent') : null,
    proposalId: proposal ? item.proposalId : null,
    ownerId: item.ownerId,
    title: item.title,
    text: item.kind === 'tension' ? item.text : '',
    timeboxMinutes: item.timeboxMinutes,
    status: 'pending',
    trail: [],
    history: [],
    positionRound: 0,
    positions: [],
    objections: [],
    outcome: null,
    note: '',
    startedAt: null,
    endedAt: null,
    spentMs: 0,
    currentSince: null,
    facilitators: [],
    ...(item.kind === 'election' && item.election !== undefined
      ? { election: emptyElection(item.election) }
      : {}),
  };
}

/**
 * The meeting document's agenda made fit for a start's snapshot: anyone
 * before the start may write that map, so an item without a usable id, a
 * second item with the same id, items past `AGENDA_ITEMS_MAX`, overlong
 * texts and time boxes out of range are dropped, cut or clamped here rather
 * than making the start malformed (and the meeting impossible to start).
 *
 * @example
 * documentAgenda(listAgenda(doc)).length; // at most 200
 */
export function documentAgenda(agenda: readonly AgendaItem[]): LoggedAgendaItem[] {
  const ids = new Set<string>();
  const items: LoggedAgendaItem[] = [];
  for (const item of agenda) {
    if (items.length === AGENDA_ITEMS_MAX) break;
    if (!id(item.id) || ids.has(item.id)) continue;
    // An election without a readable role and term could never be held (ELECT-1).
    if (item.kind === 'election' && item.election === undefined) continue;
    ids.add(item.id);
    const minutes = Math.round(item.timeboxMinutes);
    items.push({
      id: item.id,
      kind: item.kind,
      title: item.title.slice(0, AGENDA_TITLE_MAX),
      proposalId: item.kind === 'proposal' && id(item.proposalId) ? item.proposalId : null,
      process: item.kind === 'proposal' ? (item.process ?? 'consent') : null,
      text: item.kind === 'tension' ? item.text.slice(0, TENSION_TEXT_MAX) : '',
      ownerId: item.ownerId.length <= ID_MAX ? item.ownerId : '',
      timeboxMinutes: Number.isFinite(minutes)
        ? Math.min(TIMEBOX_MAX, Math.max(TIMEBOX_MIN, minutes))
        : DEFAULT_TIMEBOX_MINUTES,
      ...(item.kind === 'election' && item.election !== undefined
        ? { election: item.election }
        : {}),
    });
  }
  return items;
}

/**
 * What a start's snapshot carries of the fold's items, in agenda order.
 *
 * @example
 * loggedAgenda(state.items).map((item) => item.id);
 */
export function loggedAgenda(items: readonly ItemState[]): LoggedAgendaItem[] {
  return items.map((item) => ({
    id: item.id,
    kind: item.kind,
    title: item.title,
    proposalId: item.proposalId,
    process: item.process,
    text: item.text,
    ownerId: item.ownerId,
    timeboxMinutes: item.timeboxMinutes,
    ...(item.election === undefined ? {} : { election: item.election.target }),
  }));
}
