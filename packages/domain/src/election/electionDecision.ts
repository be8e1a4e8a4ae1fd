import { isRecord } from '../process/parseFields.ts';
import type { ItemState } from '../process/state.ts';
import { currentCandidate } from './electionSelectors.ts';

/**
 * What the decision log keeps of an election (SPEC ELECT-8): the role and
 * circle (names as the server found them when it filled the role), the
 * person elected with focus and term, every nomination made public and
 * every proposal of the facilitator, in order.
 */
export interface ElectionDecision {
  readonly circleId: string;
  readonly circleName: string;
  readonly roleId: string;
  readonly roleName: string;
  /** The standing candidate when decided: the person elected for an adopted outcome. */
  readonly personId: string | null;
  readonly focus: string;
  /** The term's last day (`YYYY-MM-DD`). */
  readonly termEnd: string;
  readonly nominations: readonly {
    readonly by: string;
    readonly nominee: string;
    readonly reason: string;
    readonly stage: 'revealed' | 'changed';
  }[];
  readonly proposals: readonly {
    readonly nominee: string;
    readonly focus: string;
    readonly termEnd: string;
    readonly by: string;
    readonly at: number;
  }[];
}

/**
 * An election item's part of its decision entry, or undefined for any
 * other item. Names are left empty: the server, which reads the records,
 * fills them when it writes the entry.
 *
 * @example
 * electionDecision(item)?.personId; // 'ben'
 */
export function electionDecision(item: ItemState): ElectionDecision | undefined {
  const election = item.election;
  if (election === undefined) return undefined;
  const candidate = currentCandidate(item);
  return {
    circleId: election.target.circleId,
    circleName: '',
    roleId: election.target.roleId,
    roleName: '',
    personId: candidate?.nominee ?? null,
    focus: candidate?.focus ?? '',
    termEnd: candidate?.termEnd ?? election.target.termEnd,
    nominations: election.nominations.map(({ by, nominee, reason, stage }) => ({
      by,
      nominee,
      reason,
      stage,
    })),
    proposals: election.proposals.map(({ nominee, focus, termEnd, by, at }) => ({
      nominee,
      focus,
      termEnd,
      by,
      at,
    })),
  };
}

/** Every person an election decision names. */
export function electionPeople(decision: ElectionDecision): string[] {
  return [
    ...(decision.personId === null ? [] : [decision.personId]),
    ...decision.nominations.flatMap((n) => [n.by, n.nominee]),
    ...decision.proposals.flatMap((p) => [p.by, p.nominee]),
  ];
}

const text = (value: unknown): string => (typeof value === 'string' ? value : '');
const list = (value: unknown): Record<string, unknown>[] =>
  Array.isArray(value) ? value.filter(isRecord) : [];

/**
 * A stored election decision read back, or undefined when absent or
 * unreadable (an entry from an older or newer server still shows, DEC-5).
 *
 * @example
 * parseElectionDecision(raw.election)?.roleName; // 'Facilitator'
 */
export function parseElectionDecision(raw: unknown): ElectionDecision | undefined {
  if (!isRecord(raw) || typeof raw.roleId !== 'string' || typeof raw.termEnd !== 'string') {
    return undefined;
  }
  return {
    circleId: text(raw.circleId),
    circleName: text(raw.circleName),
    roleId: raw.roleId,
    roleName: text(raw.roleName),
    personId: typeof raw.personId === 'string' ? raw.personId : null,
    focus: text(raw.focus),
    termEnd: raw.termEnd,
    nominations: list(raw.nominations).map((n) => ({
      by: text(n.by),
      nominee: text(n.nominee),
      reason: text(n.reason),
      stage: n.stage === 'changed' ? 'changed' : 'revealed',
    })),
    proposals: list(raw.proposals).map((p) => ({
      nominee: text(p.nominee),
      focus: text(p.focus),
      termEnd: text(p.termEnd),
      by: text(p.by),
      at: typeof p.at === 'number' ? p.at : 0,
    })),
  };
}
