import type * as Y from 'yjs';
import { mapOf, num, str } from '../fields.ts';
import { isId } from '../ids.ts';
import { spaceMeetings } from '../meeting/meetingIndex.ts';
import { compareIds, spaceProposals } from '../space.ts';
import { toWellFormed } from '../text.ts';
import {
  CLOSE_REASON_MAX,
  PERSON_NAME_LIMIT,
  TENSION_CLOSINGS,
  TENSION_TEXT_LIMIT,
  spaceActions,
  spaceTensions,
  type Tension,
  type TensionClosing,
  type TensionStatus,
} from './model.ts';

export interface LogTensionInput {
  readonly id: string;
  readonly by: string;
  /** The author's display name (trimmed, at most 120 characters). */
  readonly byName?: string;
  readonly what: string;
  readonly couldBe: string;
  readonly roleId?: string | null;
  readonly now: number;
}

/** Trims a text and checks its length (SPEC TENSION-1); throws a RangeError naming the field. */
export function cleanBacklogText(value: string, field: string, required: boolean): string {
  const text = toWellFormed(value.trim());
  if (required && text.length === 0) throw new RangeError(`${field} must not be empty`);
  if (text.length > TENSION_TEXT_LIMIT) {
    throw new RangeError(`${field} must be at most ${TENSION_TEXT_LIMIT} characters`);
  }
  return text;
}

function optionalId(value: string | null | undefined, field: string): string {
  if (value === null || value === undefined || value === '') return '';
  if (!isId(value)) throw new RangeError(`${field} is not an id`);
  return value;
}

/**
 * Logs a tension in the space's backlog (SPEC TENSION-1): what is (1–1000
 * characters, trimmed), what could be (0–1000), the role that senses it
 * (optional). Logging an id already there throws.
 *
 * @example
 * logTension(spaceDoc, { id: newId(), by: userId, what: 'Invoices are late',
 *   couldBe: 'Paid within 30 days', roleId: null, now: Date.now() });
 */
export function logTension(doc: Y.Doc, input: LogTensionInput): void {
  if (!isId(input.id) || !isId(input.by)) throw new RangeError('invalid id');
  const backlog = spaceTensions(doc);
  if (backlog.has(input.id)) throw new Error(`tension ${input.id} is already logged`);
  const what = cleanBacklogText(input.what, 'what is', true);
  const couldBe = cleanBacklogText(input.couldBe, 'what could be', false);
  backlog.set(
    input.id,
    mapOf({
      id: input.id,
      by: input.by,
      byName: personName(input.byName),
      createdAt: input.now,
      what,
      couldBe,
      roleId: optionalId(input.roleId, 'role'),
    }),
  );
}

/** A display name as stored beside an id: trimmed, at most 120 characters. */
export function personName(value: string | undefined): string {
  return toWellFormed((value ?? '').trim()).slice(0, PERSON_NAME_LIMIT);
}

function entryOf(doc: Y.Doc, id: string): Y.Map<unknown> {
  const entry = spaceTensions(doc).get(id);
  if (!entry) throw new Error(`tension ${id} is not logged`);
  return entry;
}

function openEntry(doc: Y.Doc, id: string): Y.Map<unknown> {
  const entry = entryOf(doc, id);
  if (entry.get('closing') !== undefined) throw new Error(`tension ${id} is closed`);
  return entry;
}

/**
 * Edits an open tension's texts or role (SPEC TENSION-2), writing only what
 * changed; a closed tension throws.
 */
export function editTension(
  doc: Y.Doc,
  id: string,
  patch: { readonly what?: string; readonly couldBe?: string; readonly roleId?: string | null },
): void {
  const entry = openEntry(doc, id);
  const next: Record<string, string> = {};
  if (patch.what !== undefined) next.what = cleanBacklogText(patch.what, 'what is', true);
  if (patch.couldBe !== undefined) {
    next.couldBe = cleanBacklogText(patch.couldBe, 'what could be', false);
  }
  if (patch.roleId !== undefined) next.roleId = optionalId(patch.roleId, 'role');
  doc.transact(() => {
    for (const [key, value] of Object.entries(next)) {
      if (entry.get(key) !== value) entry.set(key, value);
    }
  });
}

/**
 * Links an open tension to the proposal written for it (SPEC TENSION-3): the
 * proposal must be listed in the space; a tension links one proposal, once.
 */
export function linkTensionToProposal(doc: Y.Doc, id: string, proposalId: string): void {
  const entry = openEntry(doc, id);
  if (!spaceProposals(doc).has(proposalId)) throw new Error(`proposal ${proposalId} is not listed`);
  if (entry.get('proposalId') !== undefined) throw new Error(`tension ${id} has a proposal`);
  entry.set('proposalId', proposalId);
}

/**
 * Records that an open tension was put on a meeting's agenda (SPEC
 * TENSION-4): the meeting must be listed and not ended. A tension whose
 * meeting ended without dealing with it may be put on another one.
 */
export function putTensionOnAgenda(
  doc: Y.Doc,
  id: string,
  meetingId: string,
  itemId: string,
): void {
  const entry = openEntry(doc, id);
  const meeting = spaceMeetings(doc).get(meetingId);
  if (!meeting || meeting.get('status') === 'ended') {
    throw new Error(`meeting ${meetingId} is not an upcoming or live meeting`);
  }
  if (!isId(itemId)) throw new RangeError('invalid agenda item id');
  doc.transact(() => {
    entry.set('meetingId', meetingId);
    entry.set('agendaItemId', itemId);
  });
}

/**
 * Links an open tension to the action or project made of it (SPEC
 * TENSION-5): the action must exist and name this tension; once.
 */
export function linkTensionToAction(doc: Y.Doc, id: string, actionId: string): void {
  const entry = openEntry(doc, id);
  const action = spaceActions(doc).get(actionId);
  if (!action || action.get('tensionId') !== id) {
    throw new Error(`action ${actionId} is not made of tension ${id}`);
  }
  if (entry.get('actionId') !== undefined) throw new Error(`tension ${id} has an action`);
  entry.set('actionId', actionId);
}

/**
 * Closes an open tension as resolved or dropped, with a reason (SPEC
 * TENSION-2: at most 500 characters; a drop needs one). Closed is final.
 */
export function closeTension(
  doc: Y.Doc,
  id: string,
  input: {
    readonly closing: TensionClosing;
    readonly by: string;
    readonly reason: string;
    readonly now: number;
  },
): void {
  const entry = openEntry(doc, id);
  const reason = toWellFormed(input.reason.trim());
  if (reason.length > CLOSE_REASON_MAX) {
    throw new RangeError(`the reason must be at most ${CLOSE_REASON_MAX} characters`);
  }
  if (input.closing === 'dropped' && reason.length === 0) {
    throw new RangeError('dropping a tension needs a reason');
  }
  doc.transact(() => {
    entry.set('closeReason', reason);
    entry.set('closedBy', input.by);
    entry.set('closedAt', input.now);
    entry.set('closing', input.closing);
  });
}

const idOrNull = (value: unknown): string | null =>
  typeof value === 'string' && isId(value) ? value : null;

/**
 * Where a tension stands (SPEC TENSION-6), derived, never stored: closed by
 * hand → resolved or dropped; its proposal adopted or its action done →
 * resolved; a proposal (or a triage to one) → proposal; an action →
 * action; on the agenda of a meeting that has not ended → on-agenda; else
 * open.
 */
function statusOf(doc: Y.Doc, tension: Omit<Tension, 'status'>): TensionStatus {
  if (tension.closing !== null) return tension.closing;
  const proposal = tension.proposalId ? spaceProposals(doc).get(tension.proposalId) : undefined;
  const action = tension.actionId ? spaceActions(doc).get(tension.actionId) : undefined;
  if (proposal?.get('status') === 'adopted' || action?.get('done') === true) return 'resolved';
  if (proposal || tension.triagedTo === 'proposal') return 'proposal';
  if (action) return 'action';
  const meeting = tension.meetingId ? spaceMeetings(doc).get(tension.meetingId) : undefined;
  if (meeting && meeting.get('status') !== 'ended') return 'on-agenda';
  return 'open';
}

function readEntry(doc: Y.Doc, id: string, entry: Y.Map<unknown>): Tension | null {
  const by = entry.get('by');
  if (typeof by !== 'string' || !isId(by) || !isId(id)) return null;
  const closing = entry.get('closing');
  const closedAt = entry.get('closedAt');
  const base = {
    id,
    by,
    byName: str(entry.get('byName')).slice(0, PERSON_NAME_LIMIT),
    createdAt: num(entry.get('createdAt')),
    what: str(entry.get('what')).slice(0, TENSION_TEXT_LIMIT),
    couldBe: str(entry.get('couldBe')).slice(0, TENSION_TEXT_LIMIT),
    roleId: idOrNull(entry.get('roleId')),
    proposalId: idOrNull(entry.get('proposalId')),
    meetingId: idOrNull(entry.get('meetingId')),
    agendaItemId: idOrNull(entry.get('agendaItemId')),
    actionId: idOrNull(entry.get('actionId')),
    triagedTo: entry.get('triagedTo') === 'proposal' ? ('proposal' as const) : null,
    closing: (TENSION_CLOSINGS as readonly unknown[]).includes(closing)
      ? (closing as TensionClosing)
      : null,
    closedBy: idOrNull(entry.get('closedBy')),
    closedAt: typeof closedAt === 'number' && Number.isFinite(closedAt) ? closedAt : null,
    closeReason: str(entry.get('closeReason')).slice(0, CLOSE_REASON_MAX),
  };
  return { ...base, status: statusOf(doc, base) };
}

/** One tension, or null when there is none (or its entry is unreadable). */
export function readTension(doc: Y.Doc, id: string): Tension | null {
  const entry = spaceTensions(doc).get(id);
  return entry ? readEntry(doc, id, entry) : null;
}

/**
 * The backlog, newest first, ties broken by id in code-unit order (SPEC
 * TENSION-7). Entries without a readable author are left out.
 *
 * @example
 * listTensions(spaceDoc).filter((t) => t.status === 'open');
 */
export function listTensions(doc: Y.Doc): Tension[] {
  const list: Tension[] = [];
  spaceTensions(doc).forEach((entry, id) => {
    const tension = readEntry(doc, id, entry);
    if (tension) list.push(tension);
  });
  return list.sort((a, b) => b.createdAt - a.createdAt || compareIds(a.id, b.id));
}

/** Whether a tension still waits to be dealt with (open or on an agenda). */
export function isTensionPending(tension: Tension): boolean {
  return tension.status === 'open' || tension.status === 'on-agenda';
}
