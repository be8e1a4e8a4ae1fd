import type { DecisionEntry } from '../decisions/decisionEntry.ts';
import type { ParticipationEntry } from '../decisions/participation.ts';
import type { Tension } from '../tensions/model.ts';

/** What a ledger line credits (SPEC LEDGER-1). */
export const LEDGER_KINDS = [
  'text-written',
  'text-adopted',
  'tension-raised',
  'objection-integrated',
  'meeting-attended',
  'role-filled',
] as const;
export type LedgerKind = (typeof LEDGER_KINDS)[number];

/** Where a line comes from: what the page links to. */
export interface LedgerSource {
  readonly type: 'proposal' | 'decision' | 'tension' | 'meeting' | 'role';
  readonly id: string;
  readonly title: string;
}

/** Characters one member wrote in one proposal, from the server's attested rows (AUTHOR-3). */
export interface WrittenText {
  readonly proposalId: string;
  readonly member: string;
  readonly inserted: number;
  readonly deleted: number;
}

/**
 * A span during which someone filled a role: who, which role, from when,
 * until when (`null`: still held, no term end), and the decision that ended
 * it (`null` when it is still held or its term ran out) (SPEC LEDGER-7).
 */
export interface RoleTerm {
  readonly assignmentId: string;
  readonly roleId: string;
  readonly roleName: string;
  readonly personId: string;
  readonly from: number;
  readonly until: number | null;
  readonly endedBy: string | null;
}

export interface LedgerInput {
  readonly decisions: readonly DecisionEntry[];
  readonly participation: readonly ParticipationEntry[];
  readonly tensions: readonly Tension[];
  readonly roles: readonly RoleTerm[];
  /** Proposal titles by id (the space's index). */
  readonly proposalTitles: Readonly<Record<string, string>>;
  /** Text written per proposal and member (the server's rows); `[]` when not known. */
  readonly written: readonly WrittenText[];
  /** How many records each decision changed (its applied governance unit, GOV-10). */
  readonly recordsChanged: Readonly<Record<string, number>>;
  /** The time a role still held is counted up to. */
  readonly now: number;
}

/** One credited contribution of one person. */
export interface LedgerLine {
  readonly person: string;
  readonly kind: LedgerKind;
  /** When it happened (a decision's, meeting's end, tension's, role's start time; 0 when unknown). */
  readonly at: number;
  readonly source: LedgerSource;
  /**
   * Its size, in the kind's unit: characters (text), milliseconds spoken
   * (meeting), milliseconds held (role), 1 (tension, objection).
   */
  readonly amount: number;
  /** Kind-specific facts: the chain of a tension, a share, turns… */
  readonly detail: Readonly<Record<string, string | number | null>>;
}
