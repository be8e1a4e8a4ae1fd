import type { DecisionEntry } from '../decisions/decisionEntry.ts';
import { decisionContributors } from '../decisions/buildDecisionEntry.ts';
import type { DocNode } from '../decisions/docTree.ts';
import { compareCodeUnits } from '../process/reduceHelpers.ts';

/**
 * Productions kept as commons (SPEC EXPORT-1…3): a decision, a proposal or
 * a whole decision log as one record, carrying its licence and everyone who
 * contributed, which the Markdown, HTML and JSON exports render.
 */

/** The licence of every export: Creative Commons Attribution-ShareAlike 4.0. */
export const COMMONS_LICENCE = {
  name: 'CC BY-SA 4.0',
  url: 'https://creativecommons.org/licenses/by-sa/4.0/',
} as const;

export type ContributorRole =
  'author' | 'proposer' | 'facilitator' | 'participant' | 'objector' | 'amender';

export interface Contributor {
  readonly id: string;
  readonly name: string;
  /** What they did, in the order of {@link CONTRIBUTOR_ROLES}. */
  readonly roles: readonly ContributorRole[];
}

export const CONTRIBUTOR_ROLES: readonly ContributorRole[] = [
  'author',
  'proposer',
  'facilitator',
  'participant',
  'objector',
  'amender',
];

/** A proposal's text as exported: the current text or one of its versions. */
export interface CommonsProposal {
  readonly id: string;
  readonly title: string;
  readonly driver: string;
  readonly body: readonly DocNode[];
  readonly status: string;
  /** The version shown; `null`: the current text. */
  readonly version: {
    readonly id: string;
    readonly kind: string;
    readonly name: string;
    readonly at: number;
  } | null;
}

export interface CommonsRecord {
  readonly scope: 'decision' | 'decision-log' | 'proposal';
  readonly title: string;
  readonly space: { readonly id: string; readonly name: string };
  readonly exportedAt: number;
  readonly licence: typeof COMMONS_LICENCE;
  readonly contributors: readonly Contributor[];
  readonly proposal: CommonsProposal | null;
  /** The decisions, oldest first. */
  readonly decisions: readonly DecisionEntry[];
}

/** Someone credited, before names and roles are merged. */
export interface Credit {
  readonly id: string;
  readonly name: string;
  readonly role: ContributorRole;
}

/**
 * Everyone a decision credits (SPEC EXPORT-2): the text's attested authors,
 * the proposer, facilitators, participants, objectors and those who amended
 * to integrate an objection, named as the entry knew them.
 *
 * @example
 * decisionCredits(entry).map((c) => c.role); // ['author', 'proposer', …]
 */
export function decisionCredits(entry: DecisionEntry): Credit[] {
  const name = (id: string) => entry.names[id] ?? '';
  const credits: Credit[] = [];
  const add = (id: string, role: ContributorRole) => {
    if (id && !id.startsWith('@')) credits.push({ id, name: name(id), role });
  };
  for (const a of entry.authors ?? []) add(a.id, 'author');
  add(entry.proposerId, 'proposer');
  for (const id of entry.facilitators) add(id, 'facilitator');
  for (const id of entry.participants) add(id, 'participant');
  for (const o of entry.objections) {
    add(o.objector, 'objector');
    for (const a of o.amendments) add(a.by, 'amender');
  }
  // Anyone decisionContributors knows of that the lists above missed still counts.
  for (const id of decisionContributors(entry)) {
    if (!credits.some((c) => c.id === id)) add(id, 'participant');
  }
  return credits;
}

/**
 * Credits merged per person (SPEC EXPORT-2): one contributor per id, the
 * first non-empty name given, each role once in {@link CONTRIBUTOR_ROLES}
 * order; listed by name, then id (code units, so every replica agrees).
 *
 * @example
 * mergeCredits([...decisionCredits(a), ...decisionCredits(b)]);
 */
export function mergeCredits(credits: readonly Credit[]): Contributor[] {
  const byId = new Map<string, { name: string; roles: Set<ContributorRole> }>();
  for (const c of credits) {
    const found = byId.get(c.id) ?? { name: '', roles: new Set<ContributorRole>() };
    if (!found.name && c.name) found.name = c.name;
    found.roles.add(c.role);
    byId.set(c.id, found);
  }
  return [...byId]
    .map(([id, { name, roles }]) => ({
      id,
      name,
      roles: CONTRIBUTOR_ROLES.filter((r) => roles.has(r)),
    }))
    .sort((a, b) => compareCodeUnits(a.name, b.name) || compareCodeUnits(a.id, b.id));
}

/**
 * The record of one decision or of a decision log (SPEC EXPORT-1).
 *
 * @example
 * const record = decisionsRecord({ scope: 'decision', title: entry.title, space, exportedAt, decisions: [entry] });
 */
export function decisionsRecord(input: {
  readonly scope: 'decision' | 'decision-log';
  readonly title: string;
  readonly space: CommonsRecord['space'];
  readonly exportedAt: number;
  readonly decisions: readonly DecisionEntry[];
}): CommonsRecord {
  const decisions = [...input.decisions].sort(
    (a, b) => a.decidedAt - b.decidedAt || compareCodeUnits(a.id, b.id),
  );
  return {
    scope: input.scope,
    title: input.title,
    space: input.space,
    exportedAt: input.exportedAt,
    licence: COMMONS_LICENCE,
    contributors: mergeCredits(decisions.flatMap(decisionCredits)),
    proposal: null,
    decisions,
  };
}

/**
 * The record of a proposal (SPEC EXPORT-1): its text (current or a
 * version), the decisions taken on it, and as contributors the text's
 * attested authors plus everyone those decisions credit.
 *
 * @example
 * proposalRecord({ space, exportedAt, proposal, authors, decisions });
 */
export function proposalRecord(input: {
  readonly space: CommonsRecord['space'];
  readonly exportedAt: number;
  readonly proposal: CommonsProposal;
  /** The text's attested authors with their names. */
  readonly authors: readonly { readonly id: string; readonly name: string }[];
  readonly decisions: readonly DecisionEntry[];
}): CommonsRecord {
  const decisions = input.decisions
    .filter((d) => d.proposalId === input.proposal.id)
    .sort((a, b) => a.decidedAt - b.decidedAt || compareCodeUnits(a.id, b.id));
  const authors: Credit[] = input.authors
    .filter((a) => a.id && !a.id.startsWith('@'))
    .map((a) => ({ id: a.id, name: a.name, role: 'author' }));
  return {
    scope: 'proposal',
    title: input.proposal.title,
    space: input.space,
    exportedAt: input.exportedAt,
    licence: COMMONS_LICENCE,
    contributors: mergeCredits([...authors, ...decisions.flatMap(decisionCredits)]),
    proposal: input.proposal,
    decisions,
  };
}
