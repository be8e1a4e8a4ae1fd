import type * as Y from 'yjs';
import { mapOf, num, str } from '../fields.ts';
import { isId } from '../ids.ts';
import { isReviewDate } from '../process/outcome.ts';
import { compareIds } from '../space.ts';
import { toWellFormed } from '../text.ts';
import { personName } from './tensions.ts';
import {
  ACTION_KINDS,
  ACTION_TITLE_MAX,
  PERSON_NAME_LIMIT,
  spaceActions,
  spaceTensions,
  type Action,
  type ActionKind,
} from './model.ts';

export interface AddActionInput {
  readonly id: string;
  readonly kind: ActionKind;
  readonly title: string;
  readonly ownerId: string;
  readonly ownerName?: string;
  readonly by: string;
  readonly dueDate?: string | null;
  readonly roleId?: string | null;
  readonly tensionId?: string | null;
  readonly now: number;
}

/** Trims an action's title and checks it (SPEC ACTION-1); throws a RangeError. */
export function cleanActionTitle(value: string): string {
  const title = toWellFormed(value.trim().replace(/\s+/g, ' '));
  if (title.length === 0) throw new RangeError('the title must not be empty');
  if (title.length > ACTION_TITLE_MAX) {
    throw new RangeError(`the title must be at most ${ACTION_TITLE_MAX} characters`);
  }
  return title;
}

function dueDateOf(value: string | null | undefined): string {
  if (value === null || value === undefined || value === '') return '';
  if (!isReviewDate(value)) throw new RangeError('the due date is not a YYYY-MM-DD date');
  return value;
}

function optionalId(value: string | null | undefined, field: string): string {
  if (value === null || value === undefined || value === '') return '';
  if (!isId(value)) throw new RangeError(`${field} is not an id`);
  return value;
}

/**
 * The fields of a new action as stored, checked (SPEC ACTION-1): a kind
 * (`action` or `project`), a title (1–200 characters), an owner, an optional
 * due date (`YYYY-MM-DD`), role and tension (which must be logged); not done.
 * The server's triage writes the same fields plus `meetingId`.
 */
export function actionFields(doc: Y.Doc, input: AddActionInput): Record<string, unknown> {
  if (!isId(input.id) || !isId(input.ownerId) || !isId(input.by)) {
    throw new RangeError('invalid id');
  }
  if (!(ACTION_KINDS as readonly string[]).includes(input.kind)) {
    throw new RangeError(`unknown kind ${String(input.kind)}`);
  }
  const tensionId = optionalId(input.tensionId, 'tension');
  if (tensionId !== '' && !spaceTensions(doc).has(tensionId)) {
    throw new Error(`tension ${tensionId} is not logged`);
  }
  return {
    id: input.id,
    kind: input.kind,
    title: cleanActionTitle(input.title),
    ownerId: input.ownerId,
    ownerName: personName(input.ownerName),
    by: input.by,
    createdAt: input.now,
    dueDate: dueDateOf(input.dueDate),
    roleId: optionalId(input.roleId, 'role'),
    tensionId,
    done: false,
  };
}

/**
 * Adds a next action or a project (SPEC ACTION-1); adding an id already
 * there throws.
 *
 * @example
 * addAction(spaceDoc, { id: newId(), kind: 'action', title: 'Call the bank',
 *   ownerId: bob, by: alice, dueDate: '2026-03-01', now: Date.now() });
 */
export function addAction(doc: Y.Doc, input: AddActionInput): void {
  const actions = spaceActions(doc);
  if (actions.has(input.id)) throw new Error(`action ${input.id} already exists`);
  actions.set(input.id, mapOf(actionFields(doc, input)));
}

/**
 * Marks an action done or not done (SPEC ACTION-2), writing only what
 * changed; done records who and when.
 */
export function setActionDone(
  doc: Y.Doc,
  id: string,
  input: { readonly done: boolean; readonly by: string; readonly now: number },
): void {
  const entry = spaceActions(doc).get(id);
  if (!entry) throw new Error(`action ${id} does not exist`);
  if ((entry.get('done') === true) === input.done) return;
  doc.transact(() => {
    if (input.done) {
      entry.set('doneBy', input.by);
      entry.set('doneAt', input.now);
    }
    entry.set('done', input.done);
  });
}

/** Edits an action's title, owner, due date, kind or role (SPEC ACTION-3), writing only what changed. */
export function editAction(
  doc: Y.Doc,
  id: string,
  patch: {
    readonly title?: string;
    readonly ownerId?: string;
    readonly ownerName?: string;
    readonly dueDate?: string | null;
    readonly kind?: ActionKind;
    readonly roleId?: string | null;
  },
): void {
  const entry = spaceActions(doc).get(id);
  if (!entry) throw new Error(`action ${id} does not exist`);
  const next: Record<string, string> = {};
  if (patch.title !== undefined) next.title = cleanActionTitle(patch.title);
  if (patch.ownerId !== undefined) {
    if (!isId(patch.ownerId)) throw new RangeError('the owner is not an id');
    next.ownerId = patch.ownerId;
    next.ownerName = personName(patch.ownerName);
  }
  if (patch.dueDate !== undefined) next.dueDate = dueDateOf(patch.dueDate);
  if (patch.kind !== undefined) {
    if (!(ACTION_KINDS as readonly string[]).includes(patch.kind)) throw new RangeError('kind');
    next.kind = patch.kind;
  }
  if (patch.roleId !== undefined) next.roleId = optionalId(patch.roleId, 'role');
  doc.transact(() => {
    for (const [key, value] of Object.entries(next)) {
      if (entry.get(key) !== value) entry.set(key, value);
    }
  });
}

const idOrNull = (value: unknown): string | null =>
  typeof value === 'string' && isId(value) ? value : null;

function readEntry(id: string, entry: Y.Map<unknown>): Action | null {
  const by = entry.get('by');
  const ownerId = entry.get('ownerId');
  if (!isId(id) || typeof by !== 'string' || !isId(by)) return null;
  if (typeof ownerId !== 'string' || !isId(ownerId)) return null;
  const kind = entry.get('kind');
  const due = str(entry.get('dueDate'));
  const done = entry.get('done') === true;
  const doneAt = entry.get('doneAt');
  return {
    id,
    kind: kind === 'project' ? 'project' : 'action',
    title: str(entry.get('title')).slice(0, ACTION_TITLE_MAX),
    ownerId,
    ownerName: str(entry.get('ownerName')).slice(0, PERSON_NAME_LIMIT),
    by,
    createdAt: num(entry.get('createdAt')),
    dueDate: isReviewDate(due) ? due : null,
    roleId: idOrNull(entry.get('roleId')),
    tensionId: idOrNull(entry.get('tensionId')),
    meetingId: idOrNull(entry.get('meetingId')),
    done,
    doneAt: done && typeof doneAt === 'number' && Number.isFinite(doneAt) ? doneAt : null,
    doneBy: done ? idOrNull(entry.get('doneBy')) : null,
  };
}

/** One action, or null. */
export function readAction(doc: Y.Doc, id: string): Action | null {
  const entry = spaceActions(doc).get(id);
  return entry ? readEntry(id, entry) : null;
}

/**
 * Actions and projects: not done first; then by due date (the soonest
 * first, undated last), then newest first, ties broken by id in code-unit
 * order (SPEC ACTION-4). Entries without a readable author or owner are left
 * out.
 *
 * @example
 * listActions(spaceDoc).filter((a) => a.ownerId === me && !a.done);
 */
export function listActions(doc: Y.Doc): Action[] {
  const list: Action[] = [];
  spaceActions(doc).forEach((entry, id) => {
    const action = readEntry(id, entry);
    if (action) list.push(action);
  });
  return list.sort(compareActions);
}

function compareActions(a: Action, b: Action): number {
  if (a.done !== b.done) return a.done ? 1 : -1;
  if (a.dueDate !== b.dueDate) {
    if (a.dueDate === null) return 1;
    if (b.dueDate === null) return -1;
    return a.dueDate < b.dueDate ? -1 : 1;
  }
  return b.createdAt - a.createdAt || compareIds(a.id, b.id);
}
