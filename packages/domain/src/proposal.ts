import type * as Y from 'yjs';
import { num, oneOf, str } from './fields.ts';
import { canTransition, PROPOSAL_STATUSES, type ProposalStatus } from './proposalStatus.ts';
import type { ProposalSummary } from './space.ts';

/**
 * The proposal document (DESIGN 2). Top-level shared types:
 * - `proposal` (Y.Map): `id`, `spaceId`, `circleId`, `status`, `createdAt`, `createdBy`, `schema`
 * - `title` (Y.Text) and `driver` (Y.Text): co-edited plain text
 * - `body` (Y.XmlFragment): the TipTap document
 */
export const PROPOSAL_SCHEMA_VERSION = 1;
/** The name of the Y.XmlFragment TipTap edits (its `field` option). */
export const PROPOSAL_BODY_FIELD = 'body';
export const TITLE_MAX = 200;
export const DRIVER_MAX = 2000;

export interface ProposalMeta {
  readonly id: string;
  readonly spaceId: string;
  readonly circleId: string;
  readonly status: ProposalStatus;
  readonly createdAt: number;
  readonly createdBy: string;
  /** The user id of the person who created it: its proposer by default (SPEC PROP-6); '' on older proposals. */
  readonly authorId: string;
}

/** The proposal's fields (status, circle, author). Observe it to follow them. */
export function proposalFields(doc: Y.Doc): Y.Map<unknown> {
  return doc.getMap('proposal');
}

/** The co-edited title. */
export function proposalTitle(doc: Y.Doc): Y.Text {
  return doc.getText('title');
}

/** The co-edited driver: the tension the proposal answers. */
export function proposalDriver(doc: Y.Doc): Y.Text {
  return doc.getText('driver');
}

/** The rich-text body, bound to TipTap's Collaboration extension. */
export function proposalBody(doc: Y.Doc): Y.XmlFragment {
  return doc.getXmlFragment(PROPOSAL_BODY_FIELD);
}

export interface InitProposalInput {
  readonly id: string;
  readonly spaceId: string;
  readonly circleId: string;
  readonly title: string;
  readonly driver: string;
  /** The display name of the person who created it. */
  readonly createdBy: string;
  /** Their user id: the proposal's proposer by default (SPEC PROP-6). */
  readonly authorId?: string;
  readonly now: number;
}

/**
 * Writes a new draft proposal into an empty document (SPEC PROP-1). Throws if
 * the document already holds one, or if the title is empty or too long.
 *
 * @example
 * initProposal(doc, { id, spaceId, circleId, title: 'Four-day week', driver: '', createdBy: 'Awa', now });
 */
export function initProposal(doc: Y.Doc, input: InitProposalInput): ProposalMeta {
  if (proposalFields(doc).has('id')) throw new Error('this document already holds a proposal');
  const title = input.title.trim();
  if (title.length === 0) throw new RangeError('title must not be empty');
  if (title.length > TITLE_MAX)
    throw new RangeError(`title must be at most ${TITLE_MAX} characters`);
  if (input.driver.length > DRIVER_MAX) {
    throw new RangeError(`driver must be at most ${DRIVER_MAX} characters`);
  }
  doc.transact(() => {
    const meta = proposalFields(doc);
    meta.set('schema', PROPOSAL_SCHEMA_VERSION);
    meta.set('id', input.id);
    meta.set('spaceId', input.spaceId);
    meta.set('circleId', input.circleId);
    meta.set('status', 'draft');
    meta.set('createdAt', input.now);
    meta.set('createdBy', input.createdBy);
    if (input.authorId) meta.set('authorId', input.authorId);
    proposalTitle(doc).insert(0, title);
    if (input.driver) proposalDriver(doc).insert(0, input.driver);
  });
  return {
    id: input.id,
    spaceId: input.spaceId,
    circleId: input.circleId,
    status: 'draft',
    createdAt: input.now,
    createdBy: input.createdBy,
    authorId: input.authorId ?? '',
  };
}

/**
 * Reads the proposal's fields, or `null` while the document has not arrived.
 *
 * @example
 * readProposal(doc)?.status; // 'draft'
 */
export function readProposal(doc: Y.Doc): ProposalMeta | null {
  const meta = proposalFields(doc);
  const id = meta.get('id');
  if (typeof id !== 'string') return null;
  const status = meta.get('status');
  return {
    id,
    spaceId: str(meta.get('spaceId')),
    circleId: str(meta.get('circleId')),
    status: oneOf(PROPOSAL_STATUSES, status, 'draft'),
    createdAt: num(meta.get('createdAt')),
    createdBy: str(meta.get('createdBy')),
    authorId: str(meta.get('authorId')),
  };
}

/**
 * Moves the proposal to another status; throws when the transition is not
 * allowed (SPEC PROP-3).
 */
export function setProposalStatus(doc: Y.Doc, to: ProposalStatus): void {
  const current = readProposal(doc);
  if (!current) throw new Error('the proposal has not loaded');
  if (current.status === to) return;
  if (!canTransition(current.status, to)) {
    throw new Error(`a proposal cannot go from ${current.status} to ${to}`);
  }
  proposalFields(doc).set('status', to);
}

/** Files the proposal under another circle of its space. */
export function setProposalCircle(doc: Y.Doc, circleId: string): void {
  proposalFields(doc).set('circleId', circleId);
}

/**
 * The index entry the space lists for this proposal (SPEC PROP-5: a title is
 * listed trimmed, on one line).
 *
 * @example
 * updateProposalSummary(spaceDoc, id, summarizeProposal(proposalDoc, Date.now()));
 */
export function summarizeProposal(
  doc: Y.Doc,
  updatedAt: number,
): Pick<ProposalSummary, 'title' | 'status' | 'circleId' | 'updatedAt'> {
  const meta = readProposal(doc);
  return {
    title: proposalTitle(doc).toString().replace(/\s+/g, ' ').trim(),
    status: meta?.status ?? 'draft',
    circleId: meta?.circleId ?? '',
    updatedAt,
  };
}
