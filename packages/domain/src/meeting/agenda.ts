import type * as Y from 'yjs';
import { isId } from '../ids.ts';
import { compareIds } from '../space.ts';
import { parseElectionTarget, type ElectionTarget } from '../election/target.ts';
import { orderBetween } from './fractionalOrder.ts';
import {
  AGENDA_ITEM_KINDS,
  DECISION_PROCESSES,
  type AgendaItem,
  type AgendaItemKind,
  type DecisionProcess,
} from './types.ts';
import { mapOf, num, oneOf, setChanged, str } from '../fields.ts';

import {
  AGENDA_ITEMS_MAX,
  AGENDA_TITLE_MAX,
  DEFAULT_TIMEBOX_MINUTES,
  TENSION_TEXT_MAX,
  TIMEBOX_MAX,
  TIMEBOX_MIN,
  cleanItemTitle,
  cleanTensionText,
  isTimebox,
  tensionTitle,
} from './agendaFields.ts';

export {
  AGENDA_ITEMS_MAX,
  AGENDA_TITLE_MAX,
  DEFAULT_TIMEBOX_MINUTES,
  TENSION_TEXT_MAX,
  TIMEBOX_MAX,
  TIMEBOX_MIN,
};

/** The agenda items by id. Observe it deeply to follow additions, edits and moves. */
export function meetingAgenda(doc: Y.Doc): Y.Map<Y.Map<unknown>> {
  return doc.getMap('agenda');
}

export interface AddAgendaItemInput {
  readonly id: string;
  readonly kind: AgendaItemKind;
  /** Required, except for a tension, whose title defaults to its text. */
  readonly title?: string;
  readonly proposalId?: string;
  readonly process?: DecisionProcess;
  readonly text?: string;
  /** Who brings the item; defaults to `createdBy`. */
  readonly ownerId?: string;
  readonly timeboxMinutes?: number;
  /** Required for an election: the elected role and the term's last day (SPEC ELECT-1). */
  readonly election?: ElectionTarget;
  readonly createdBy: string;
  readonly now: number;
}

/**
 * Appends an item to the agenda after the current last one (SPEC AGENDA-1,
 * AGENDA-2, AGENDA-3). Throws a RangeError naming the first invalid field.
 *
 * @example
 * addAgendaItem(doc, { id: newId(), kind: 'proposal', title: 'Budget 2030', proposalId,
 *   process: 'consent', createdBy: me.id, now: Date.now() });
 */
export function addAgendaItem(doc: Y.Doc, input: AddAgendaItemInput): AgendaItem {
  const agenda = meetingAgenda(doc);
  if (!isId(input.id)) throw new RangeError('invalid item id');
  if (agenda.has(input.id)) throw new Error(`agenda item ${input.id} already exists`);
  if (agenda.size >= AGENDA_ITEMS_MAX) {
    throw new RangeError(`an agenda holds at most ${AGENDA_ITEMS_MAX} items`);
  }
  if (!(AGENDA_ITEM_KINDS as readonly string[]).includes(input.kind)) {
    throw new RangeError(`unknown item kind ${input.kind}`);
  }
  const text = input.kind === 'tension' ? cleanTension(input.text ?? '') : '';
  const title = cleanTitle(input.title ?? (input.kind === 'tension' ? tensionTitle(text) : ''));
  let proposalId: string | null = null;
  let process: DecisionProcess | null = null;
  if (input.kind === 'proposal') {
    if (!input.proposalId || !isId(input.proposalId)) {
      throw new RangeError('a proposal item needs a proposal');
    }
    proposalId = input.proposalId;
    process = checkProcess(input.process);
  }
  const election = input.kind === 'election' ? checkElection(input.election) : null;
  const last = listAgenda(doc).at(-1);
  const item: AgendaItem = {
    id: input.id,
    kind: input.kind,
    title,
    proposalId,
    process,
    text,
    ownerId: checkOwner(input.ownerId ?? input.createdBy),
    timeboxMinutes: checkTimebox(input.timeboxMinutes ?? DEFAULT_TIMEBOX_MINUTES),
    order: orderBetween(last?.order, undefined) ?? 1,
    createdAt: input.now,
    createdBy: input.createdBy,
    ...(election === null ? {} : { election }),
  };
  const { election: target, ...fields } = item;
  // An election's role and term are three plain fields of its entry (ELECT-1).
  agenda.set(item.id, mapOf({ ...fields, ...(target ?? {}) }));
  return item;
}

export type AgendaItemPatch = Partial<
  Pick<AgendaItem, 'title' | 'text' | 'ownerId' | 'timeboxMinutes' | 'process'>
>;

/**
 * Edits an item's title, tension text, owner, time box or process, with the
 * rules of {@link addAgendaItem}; its kind and proposal never change (SPEC
 * AGENDA-4). Writes only the fields that changed.
 *
 * @example
 * updateAgendaItem(doc, itemId, { timeboxMinutes: 20 });
 */
export function updateAgendaItem(doc: Y.Doc, id: string, patch: AgendaItemPatch): void {
  const entry = meetingAgenda(doc).get(id);
  if (!entry) throw new Error(`agenda item ${id} does not exist`);
  const kind = entry.get('kind');
  if (patch.text !== undefined && kind !== 'tension') {
    throw new RangeError('only a tension has a text');
  }
  if (patch.process !== undefined && kind !== 'proposal') {
    throw new RangeError('only a proposal item has a process');
  }
  const values = {
    title: patch.title === undefined ? undefined : cleanTitle(patch.title),
    text: patch.text === undefined ? undefined : cleanTension(patch.text),
    ownerId: patch.ownerId === undefined ? undefined : checkOwner(patch.ownerId),
    timeboxMinutes:
      patch.timeboxMinutes === undefined ? undefined : checkTimebox(patch.timeboxMinutes),
    process: patch.process === undefined ? undefined : checkProcess(patch.process),
  };
  doc.transact(() => setChanged(entry, values));
}

/** Removes an item; removing one that is already gone does nothing (SPEC AGENDA-7). */
export function removeAgendaItem(doc: Y.Doc, id: string): void {
  meetingAgenda(doc).delete(id);
}

/**
 * Moves an item to position `toIndex` (clamped) of the agenda as this replica
 * sees it, by giving it an order between its new neighbours (SPEC AGENDA-5).
 * When no number fits between them, every item is renumbered in the new
 * sequence, in one transaction.
 *
 * @example
 * moveAgendaItem(doc, itemId, 0); // to the top
 */
export function moveAgendaItem(doc: Y.Doc, id: string, toIndex: number): void {
  const agenda = meetingAgenda(doc);
  const entry = agenda.get(id);
  if (!entry) throw new Error(`agenda item ${id} does not exist`);
  const others = listAgenda(doc).filter((item) => item.id !== id);
  const index = Math.max(0, Math.min(Math.trunc(toIndex), others.length));
  const current = listAgenda(doc).findIndex((item) => item.id === id);
  if (current === index) return;
  const order = orderBetween(others[index - 1]?.order, others[index]?.order);
  if (order !== null) {
    entry.set('order', order);
    return;
  }
  const sequence = [
    ...others.slice(0, index).map((i) => i.id),
    id,
    ...others.slice(index).map((i) => i.id),
  ];
  doc.transact(() => {
    sequence.forEach((itemId, i) => agenda.get(itemId)?.set('order', i + 1));
  });
}

/**
 * The agenda in order: by `order`, ties broken by id in code-unit order (SPEC
 * AGENDA-6), so every replica shows the same sequence.
 *
 * @example
 * listAgenda(doc).map((item) => item.title);
 */
export function listAgenda(doc: Y.Doc): AgendaItem[] {
  const list: AgendaItem[] = [];
  meetingAgenda(doc).forEach((entry, id) => list.push(readItem(id, entry)));
  return list.sort((a, b) => a.order - b.order || compareIds(a.id, b.id));
}

function readItem(id: string, entry: Y.Map<unknown>): AgendaItem {
  const kind = oneOf(AGENDA_ITEM_KINDS, entry.get('kind'), 'information');
  const proposalId = entry.get('proposalId');
  const process = entry.get('process');
  const election =
    kind === 'election'
      ? parseElectionTarget({
          circleId: entry.get('circleId'),
          roleId: entry.get('roleId'),
          termEnd: entry.get('termEnd'),
        })
      : null;
  return {
    id,
    kind,
    title: str(entry.get('title')),
    proposalId: kind === 'proposal' && typeof proposalId === 'string' ? proposalId : null,
    process:
      kind === 'proposal' && typeof process === 'string'
        ? oneOf(DECISION_PROCESSES, process, 'consent')
        : null,
    text: str(entry.get('text')),
    ownerId: str(entry.get('ownerId')),
    timeboxMinutes: num(entry.get('timeboxMinutes')) || DEFAULT_TIMEBOX_MINUTES,
    order: num(entry.get('order')),
    createdAt: num(entry.get('createdAt')),
    createdBy: str(entry.get('createdBy')),
    ...(election === null ? {} : { election }),
  };
}

function cleanTitle(title: string): string {
  const clean = cleanItemTitle(title);
  if (clean !== null) return clean;
  throw new RangeError(
    title.trim().length === 0
      ? 'item title must not be empty'
      : `item title must be at most ${AGENDA_TITLE_MAX} characters`,
  );
}

function cleanTension(text: string): string {
  const clean = cleanTensionText(text);
  if (clean !== null) return clean;
  throw new RangeError(
    text.trim().length === 0
      ? 'a tension needs a text'
      : `a tension must be at most ${TENSION_TEXT_MAX} characters`,
  );
}

function checkProcess(process: string | undefined | null): DecisionProcess {
  if (!process || !(DECISION_PROCESSES as readonly string[]).includes(process)) {
    throw new RangeError('a proposal item needs a process: consent or idm');
  }
  return process as DecisionProcess;
}

function checkElection(target: ElectionTarget | undefined): ElectionTarget {
  const clean = parseElectionTarget(target);
  if (clean === null) {
    throw new RangeError('an election item needs a role and a term end (YYYY-MM-DD)');
  }
  return clean;
}

function checkTimebox(minutes: number): number {
  if (!isTimebox(minutes)) {
    throw new RangeError(`time box must be ${TIMEBOX_MIN} to ${TIMEBOX_MAX} minutes`);
  }
  return minutes;
}

function checkOwner(ownerId: string): string {
  if (!ownerId) throw new RangeError('an item needs an owner');
  return ownerId;
}
