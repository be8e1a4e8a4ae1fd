import type * as Y from 'yjs';
import { mapOf, num, oneOf, str } from './fields.ts';
import { newId } from './ids.ts';
import { PROPOSAL_STATUSES, type ProposalStatus } from './proposalStatus.ts';

/**
 * The space document (DESIGN 2): its name, circles and the index of its
 * proposals. Top-level shared types:
 * - `space` (Y.Map): `id`, `name`, `createdAt`, `defaultCircleId`, `schema`
 * - `circles` (Y.Map of Y.Map): `id`, `name`, `purpose`, `createdAt`
 * - `proposals` (Y.Map of Y.Map): the proposal index, see {@link ProposalSummary}
 */
export const SPACE_SCHEMA_VERSION = 1;

export interface SpaceInfo {
  readonly id: string;
  readonly name: string;
  readonly createdAt: number;
  readonly defaultCircleId: string;
}

export interface Circle {
  readonly id: string;
  readonly name: string;
  readonly purpose: string;
  readonly createdAt: number;
}

/** A proposal as the space lists it; the proposal document is the source. */
export interface ProposalSummary {
  readonly id: string;
  readonly title: string;
  readonly status: ProposalStatus;
  readonly circleId: string;
  readonly createdAt: number;
  readonly updatedAt: number;
  /** The user id of its author, its proposer by default (SPEC PROP-6); absent on older entries. */
  readonly authorId?: string;
}

export const SPACE_NAME_MAX = 120;
export const CIRCLE_NAME_MAX = 120;

/** The space's own fields. Observe it to follow a rename. */
export function spaceFields(doc: Y.Doc): Y.Map<unknown> {
  return doc.getMap('space');
}

/** The circles of the space. Observe it deeply to follow any circle change. */
export function spaceCircles(doc: Y.Doc): Y.Map<Y.Map<unknown>> {
  return doc.getMap('circles');
}

/** The proposal index. Observe it deeply to follow the list. */
export function spaceProposals(doc: Y.Doc): Y.Map<Y.Map<unknown>> {
  return doc.getMap('proposals');
}

/** Trims a name and checks its length; throws a RangeError naming the field. */
export function cleanName(value: string, field: string, max: number): string {
  const name = value.trim().replace(/\s+/g, ' ');
  if (name.length === 0) throw new RangeError(`${field} must not be empty`);
  if (name.length > max) throw new RangeError(`${field} must be at most ${max} characters`);
  return name;
}

export interface InitSpaceInput {
  readonly id: string;
  readonly name: string;
  readonly circleName: string;
  readonly now: number;
}

/**
 * Writes a new space into an empty document, with its default circle
 * (SPEC SPACE-1). Throws if the document already holds a space.
 *
 * @example
 * const doc = new Y.Doc();
 * initSpace(doc, { id: newId(), name: 'Coop du Val', circleName: 'General circle', now: Date.now() });
 */
export function initSpace(doc: Y.Doc, input: InitSpaceInput): SpaceInfo {
  if (spaceFields(doc).has('id')) throw new Error('this document already holds a space');
  const name = cleanName(input.name, 'space name', SPACE_NAME_MAX);
  const circleName = cleanName(input.circleName, 'circle name', CIRCLE_NAME_MAX);
  const circleId = newId();
  doc.transact(() => {
    const meta = spaceFields(doc);
    meta.set('schema', SPACE_SCHEMA_VERSION);
    meta.set('id', input.id);
    meta.set('name', name);
    meta.set('createdAt', input.now);
    meta.set('defaultCircleId', circleId);
    spaceCircles(doc).set(
      circleId,
      mapOf({ id: circleId, name: circleName, purpose: '', createdAt: input.now }),
    );
  });
  return { id: input.id, name, createdAt: input.now, defaultCircleId: circleId };
}

/**
 * Reads the space, or `null` while the document has not arrived yet.
 *
 * @example
 * readSpace(doc)?.name; // 'Coop du Val'
 */
export function readSpace(doc: Y.Doc): SpaceInfo | null {
  const meta = spaceFields(doc);
  const id = meta.get('id');
  if (typeof id !== 'string') return null;
  return {
    id,
    name: str(meta.get('name')),
    createdAt: num(meta.get('createdAt')),
    defaultCircleId: str(meta.get('defaultCircleId')),
  };
}

/** Renames the space (SPEC SPACE-2: same rules as at creation). */
export function renameSpace(doc: Y.Doc, name: string): void {
  spaceFields(doc).set('name', cleanName(name, 'space name', SPACE_NAME_MAX));
}

/**
 * The circles of a space, by name then id (SPEC SPACE-3).
 *
 * @example
 * listCircles(doc).map((c) => c.name); // ['General circle']
 */
export function listCircles(doc: Y.Doc): Circle[] {
  const circles: Circle[] = [];
  spaceCircles(doc).forEach((entry, id) => {
    circles.push({
      id,
      name: str(entry.get('name')),
      purpose: str(entry.get('purpose')),
      createdAt: num(entry.get('createdAt')),
    });
  });
  return circles.sort((a, b) => a.name.localeCompare(b.name) || compareIds(a.id, b.id));
}

/**
 * Adds a proposal to the space's index (SPEC SPACE-4: a proposal is listed
 * once; adding an id already listed throws).
 *
 * @example
 * addProposalSummary(doc, { id, title: '', status: 'draft', circleId, createdAt: now, updatedAt: now });
 */
export function addProposalSummary(doc: Y.Doc, summary: ProposalSummary): void {
  const index = spaceProposals(doc);
  if (index.has(summary.id)) throw new Error(`proposal ${summary.id} is already listed`);
  index.set(summary.id, mapOf({ ...summary }));
}

/**
 * Updates the listed title, status or last edit of a proposal. Writes only the
 * fields that changed, and never moves `updatedAt` backwards (SPEC SPACE-5),
 * so replicas reporting stale edits do not churn the index.
 */
export function updateProposalSummary(
  doc: Y.Doc,
  id: string,
  patch: Partial<Pick<ProposalSummary, 'title' | 'status' | 'updatedAt' | 'circleId'>>,
): void {
  const entry = spaceProposals(doc).get(id);
  if (!entry) throw new Error(`proposal ${id} is not listed`);
  doc.transact(() => {
    if (patch.title !== undefined && entry.get('title') !== patch.title)
      entry.set('title', patch.title);
    if (patch.status !== undefined && entry.get('status') !== patch.status)
      entry.set('status', patch.status);
    if (patch.circleId !== undefined && entry.get('circleId') !== patch.circleId) {
      entry.set('circleId', patch.circleId);
    }
    if (patch.updatedAt !== undefined && patch.updatedAt > num(entry.get('updatedAt'))) {
      entry.set('updatedAt', patch.updatedAt);
    }
  });
}

/**
 * The proposals of a space, most recently edited first; ties broken by id
 * (SPEC SPACE-6).
 *
 * @example
 * listProposals(doc)[0]?.title; // the last edited proposal
 */
export function listProposals(doc: Y.Doc): ProposalSummary[] {
  const list: ProposalSummary[] = [];
  spaceProposals(doc).forEach((entry, id) => {
    const status = entry.get('status');
    list.push({
      id,
      title: str(entry.get('title')),
      status: oneOf(PROPOSAL_STATUSES, status, 'draft'),
      circleId: str(entry.get('circleId')),
      createdAt: num(entry.get('createdAt')),
      updatedAt: num(entry.get('updatedAt')),
      ...authorOf(entry),
    });
  });
  return list.sort((a, b) => b.updatedAt - a.updatedAt || compareIds(a.id, b.id));
}

function authorOf(entry: Y.Map<unknown>): Pick<ProposalSummary, 'authorId'> {
  const authorId = entry.get('authorId');
  return typeof authorId === 'string' && authorId !== '' ? { authorId } : {};
}

/** Code-unit order, the same on every replica whatever its locale. */
export function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
