import type * as Y from 'yjs';

/**
 * The space's backlog (SPEC TENSION, ACTION): two roots of the space
 * document, each a Y.Map of Y.Maps keyed by id, so concurrent edits of
 * different fields of one entry both survive.
 *
 * - `tensions`: what is, what could be, who senses it (and in which role),
 *   and the links it gained (a proposal, a meeting's agenda, an action), or
 *   how it was closed.
 * - `actions`: next actions and projects, each with an owner, an optional
 *   due date, the role it belongs to and a done state.
 *
 * They live in the space document rather than a document of their own: a
 * backlog entry is a few hundred bytes, the space page and the inbox need
 * them with the proposal and meeting indexes they link to, and the write
 * policy checks a link against those indexes in the same document.
 */

export const TENSION_TEXT_LIMIT = 1000;
export const CLOSE_REASON_MAX = 500;
export const ACTION_TITLE_MAX = 200;
/** A display name kept beside an id, so lists read without a member directory. */
export const PERSON_NAME_LIMIT = 120;

/** How a tension was closed by hand or by a triage. */
export const TENSION_CLOSINGS = ['resolved', 'dropped'] as const;
export type TensionClosing = (typeof TENSION_CLOSINGS)[number];

/** Where a tension stands, derived from its links and closing (SPEC TENSION-6). */
export const TENSION_STATUSES = [
  'open',
  'on-agenda',
  'proposal',
  'action',
  'resolved',
  'dropped',
] as const;
export type TensionStatus = (typeof TENSION_STATUSES)[number];

export const ACTION_KINDS = ['action', 'project'] as const;
export type ActionKind = (typeof ACTION_KINDS)[number];

export interface Tension {
  readonly id: string;
  /** Who logged it (user id), and their display name then. */
  readonly by: string;
  readonly byName: string;
  readonly createdAt: number;
  /** What is. */
  readonly what: string;
  /** What could be. */
  readonly couldBe: string;
  /** The governance role that senses it, or null (sensed as oneself). */
  readonly roleId: string | null;
  readonly proposalId: string | null;
  /** The meeting whose agenda it was put on, and the item there. */
  readonly meetingId: string | null;
  readonly agendaItemId: string | null;
  readonly actionId: string | null;
  /** A triage sent it to a proposal not written yet (server-written). */
  readonly triagedTo: 'proposal' | null;
  readonly closing: TensionClosing | null;
  readonly closedBy: string | null;
  readonly closedAt: number | null;
  readonly closeReason: string;
  readonly status: TensionStatus;
}

export interface Action {
  readonly id: string;
  readonly kind: ActionKind;
  readonly title: string;
  readonly ownerId: string;
  /** The owner's display name when they were made owner. */
  readonly ownerName: string;
  /** Who created it (user id). */
  readonly by: string;
  readonly createdAt: number;
  /** `YYYY-MM-DD`, or null. */
  readonly dueDate: string | null;
  readonly roleId: string | null;
  readonly tensionId: string | null;
  /** The meeting whose triage created it (server-written), or null. */
  readonly meetingId: string | null;
  readonly done: boolean;
  readonly doneAt: number | null;
  readonly doneBy: string | null;
}

/** The tension backlog. Observe it deeply to follow it. */
export function spaceTensions(doc: Y.Doc): Y.Map<Y.Map<unknown>> {
  return doc.getMap('tensions');
}

/** The next actions and projects. Observe it deeply to follow them. */
export function spaceActions(doc: Y.Doc): Y.Map<Y.Map<unknown>> {
  return doc.getMap('actions');
}

/** The fields a client writes when it logs a tension (the write policy's list). */
export const TENSION_CREATE_FIELDS = [
  'id',
  'by',
  'byName',
  'createdAt',
  'what',
  'couldBe',
  'roleId',
] as const;

/** The fields a client writes when it creates an action (the write policy's list). */
export const ACTION_CREATE_FIELDS = [
  'id',
  'kind',
  'title',
  'ownerId',
  'ownerName',
  'by',
  'createdAt',
  'dueDate',
  'roleId',
  'tensionId',
  'done',
] as const;
