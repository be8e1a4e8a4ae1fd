import {
  AGENDA_ITEMS_MAX,
  TENSION_TEXT_MAX,
  AGENDA_TITLE_MAX,
  isTimebox,
} from '../meeting/agendaFields.ts';
import { AGENDA_ITEM_KINDS, DECISION_PROCESSES } from '../meeting/types.ts';
import { parseElectionTarget } from '../election/target.ts';
import type { AgendaItemChanges, LoggedAgendaItem } from './events.ts';
import {
  ID_MAX,
  id,
  idOrNull,
  isRecord,
  oneOf,
  str,
  type Json,
  type MeetingEventBody,
} from './parseFields.ts';

/**
 * Parsing of the agenda a start carries and of the live agenda events
 * (SPEC MEET-12, AGENDA-8 … AGENDA-12). Only types and sizes are checked
 * here; whether a title, a time box or a kind fits is the fold's to judge,
 * so a well-typed event with a bad value is refused with a reason.
 */

const isNumber = (value: unknown): value is number =>
  typeof value === 'number' && Number.isFinite(value);

/** The fields an item carries, without its owner; null when one is ill-typed. */
function itemFields(value: unknown): Omit<LoggedAgendaItem, 'ownerId'> | null {
  if (!isRecord(value)) return null;
  const { id: itemId, kind, title, proposalId, process, text, timeboxMinutes } = value;
  if (
    !id(itemId) ||
    !oneOf(AGENDA_ITEM_KINDS, kind) ||
    !str(title, AGENDA_TITLE_MAX) ||
    !idOrNull(proposalId) ||
    !(process === null || oneOf(DECISION_PROCESSES, process)) ||
    !str(text, TENSION_TEXT_MAX) ||
    !isNumber(timeboxMinutes)
  ) {
    return null;
  }
  // An election item names its role and term (ELECT-1); no other kind carries one.
  if (kind !== 'election') {
    return value.election === undefined
      ? { id: itemId, kind, title, proposalId, process, text, timeboxMinutes }
      : null;
  }
  const election = parseElectionTarget(value.election);
  if (election === null) return null;
  return { id: itemId, kind, title, proposalId, process, text, timeboxMinutes, election };
}

/**
 * The agenda a `meeting.start` carries: at most `AGENDA_ITEMS_MAX` items
 * with distinct ids and valid time boxes, or null.
 */
export function agendaSnapshot(value: unknown): LoggedAgendaItem[] | null {
  if (!Array.isArray(value) || value.length > AGENDA_ITEMS_MAX) return null;
  const items: LoggedAgendaItem[] = [];
  const ids = new Set<string>();
  for (const entry of value) {
    const fields = itemFields(entry);
    // An owner may be missing (an item written by hand): '' owns nothing.
    const ownerId = isRecord(entry) ? entry.ownerId : undefined;
    if (fields === null || !str(ownerId, ID_MAX) || !isTimebox(fields.timeboxMinutes)) return null;
    if (ids.has(fields.id)) return null;
    ids.add(fields.id);
    items.push({ ...fields, ownerId });
  }
  return items;
}

/** A patch of the changeable fields; unknown keys are dropped, a present one must be well-typed. */
function changes(value: unknown): AgendaItemChanges | null {
  if (!isRecord(value)) return null;
  const { title, ownerId, timeboxMinutes, process, text } = value;
  if (
    (title !== undefined && !str(title, AGENDA_TITLE_MAX)) ||
    (ownerId !== undefined && !id(ownerId)) ||
    (timeboxMinutes !== undefined && !isNumber(timeboxMinutes)) ||
    (process !== undefined && !oneOf(DECISION_PROCESSES, process)) ||
    (text !== undefined && !str(text, TENSION_TEXT_MAX))
  ) {
    return null;
  }
  const patch = { title, ownerId, timeboxMinutes, process, text };
  return Object.fromEntries(
    Object.entries(patch).filter(([, field]) => field !== undefined),
  ) as AgendaItemChanges;
}

/** The body of an `agenda.*` event, or null when the type is unknown or a field ill-typed. */
export function agendaPayload(type: string, raw: Json): MeetingEventBody | null {
  if (!isRecord(raw.expects)) return null;
  const expects = {};
  switch (type) {
    case 'agenda.add': {
      const item = itemFields(raw.item);
      if (item === null || !isRecord(raw.item)) return null;
      // A proposal's proposer, when named (AGENDA-9); kept only when present, as signed.
      const ownerId = raw.item.ownerId;
      if (ownerId === undefined) return { type, expects, item };
      return id(ownerId) ? { type, expects, item: { ...item, ownerId } } : null;
    }
    case 'agenda.update': {
      const patch = changes(raw.patch);
      return id(raw.itemId) && patch ? { type, expects, itemId: raw.itemId, patch } : null;
    }
    case 'agenda.remove':
      return id(raw.itemId) ? { type, expects, itemId: raw.itemId } : null;
    case 'agenda.move':
      return id(raw.itemId) && idOrNull(raw.beforeItemId)
        ? { type, expects, itemId: raw.itemId, beforeItemId: raw.beforeItemId }
        : null;
    default:
      return null;
  }
}
