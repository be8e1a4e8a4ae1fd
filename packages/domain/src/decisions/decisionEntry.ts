import { DECISION_PROCESSES, type DecisionProcess } from '../meeting/types.ts';
import { OUTCOMES, POSITION_VALUES, type Outcome } from '../process/events.ts';
import type { DecisionObjection, DecisionPosition } from '../process/decisionRecord.ts';
import { isDocNode, type DocNode } from './docTree.ts';
import { str } from '../fields.ts';
import { parseElectionDecision, type ElectionDecision } from '../election/electionDecision.ts';

export const DECISION_SCHEMA_VERSION = 1;

/** The meeting a decision was taken in, as it was then. */
export interface DecisionMeeting {
  readonly id: string;
  readonly title: string;
  readonly circleId: string;
  /** The circle's name when recorded ('' when unknown). */
  readonly circleName: string;
}

/** An objection as the log keeps it: the anchor's quote, not its positions in a live text. */
export type LoggedObjection = Omit<DecisionObjection, 'anchor'> & {
  readonly quote: string | null;
};

/**
 * One entry of the decision log (SPEC DEC-1, DEC-3): the meeting's
 * `decisionRecord` plus what the fold does not know, copied from the
 * documents when recorded, so the log reads on its own for years.
 * Plain JSON, written whole, never edited.
 */
export interface DecisionEntry {
  readonly schema: number;
  /** The id of the applied `outcome.record` event: the entry's key. */
  readonly id: string;
  readonly meeting: DecisionMeeting;
  readonly itemId: string;
  readonly proposalId: string | null;
  readonly process: DecisionProcess | null;
  /** The proposal's title when recorded (the agenda item's title if the proposal was missing). */
  readonly title: string;
  readonly driver: string;
  /** The proposal's text when recorded: at adoption for an adopted one. */
  readonly body: readonly DocNode[];
  readonly outcome: Outcome;
  readonly reviewDate: string | null;
  readonly decidedBy: string;
  /** The outcome event's `at` (server clock). */
  readonly decidedAt: number;
  readonly startedAt: number | null;
  readonly durationMs: number | null;
  readonly proposerId: string;
  readonly participants: readonly string[];
  readonly facilitators: readonly string[];
  readonly positionRounds: number;
  readonly positions: readonly DecisionPosition[];
  readonly objections: readonly LoggedObjection[];
  /**
   * Who wrote the recorded text (title, driver, body), as the server's client
   * bindings attest, most first (SPEC HIST-6); absent on entries recorded
   * before it.
   */
  readonly authors?: readonly TextAuthor[];
  /** Display names by user id, for every id the entry mentions that the meeting knew. */
  readonly names: Readonly<Record<string, string>>;
  readonly recordedBy: string;
  readonly recordedAt: number;
  /** An election's role, person, term and nominations (SPEC ELECT-8). */
  readonly election?: ElectionDecision;
  /** `async` for an asynchronous consent (ASYNC-14): `meeting` then names the consent. */
  readonly source?: 'async';
}

/** An author of a decision's text: a member id (`@server`, or `''` when unbound) and code points. */
export interface TextAuthor {
  readonly id: string;
  readonly chars: number;
}

type Raw = Record<string, unknown>;
const isObject = (v: unknown): v is Raw => v !== null && typeof v === 'object' && !Array.isArray(v);
const strOrNull = (v: unknown): string | null => (typeof v === 'string' ? v : null);
const numOrNull = (v: unknown): number | null =>
  typeof v === 'number' && Number.isFinite(v) ? v : null;
const strings = (v: unknown): string[] =>
  Array.isArray(v) ? v.filter((s): s is string => typeof s === 'string') : [];
const objects = (v: unknown): Raw[] => (Array.isArray(v) ? v.filter(isObject) : []);
const oneOf = <T extends string>(values: readonly T[], v: unknown): T | null =>
  typeof v === 'string' && (values as readonly string[]).includes(v) ? (v as T) : null;

/**
 * Reads a stored entry, or `null` when it lacks what the log cannot do
 * without (id, outcome, time, title). Other fields fall back to empty values:
 * an entry written by an older or newer client still shows (SPEC DEC-5).
 */
export function parseDecisionEntry(raw: unknown): DecisionEntry | null {
  if (!isObject(raw)) return null;
  const outcome = oneOf(OUTCOMES, raw.outcome);
  const decidedAt = numOrNull(raw.decidedAt);
  if (typeof raw.id !== 'string' || outcome === null || decidedAt === null) return null;
  if (typeof raw.title !== 'string') return null;
  const meeting = isObject(raw.meeting) ? raw.meeting : {};
  const names = isObject(raw.names) ? raw.names : {};
  return {
    schema: numOrNull(raw.schema) ?? DECISION_SCHEMA_VERSION,
    id: raw.id,
    meeting: {
      id: str(meeting.id),
      title: str(meeting.title),
      circleId: str(meeting.circleId),
      circleName: str(meeting.circleName),
    },
    itemId: str(raw.itemId),
    proposalId: strOrNull(raw.proposalId),
    process: oneOf(DECISION_PROCESSES, raw.process),
    title: raw.title,
    driver: str(raw.driver),
    body: Array.isArray(raw.body) ? raw.body.filter(isDocNode) : [],
    outcome,
    reviewDate: strOrNull(raw.reviewDate),
    decidedBy: str(raw.decidedBy),
    decidedAt,
    startedAt: numOrNull(raw.startedAt),
    durationMs: numOrNull(raw.durationMs),
    proposerId: str(raw.proposerId),
    participants: strings(raw.participants),
    facilitators: strings(raw.facilitators),
    positionRounds: numOrNull(raw.positionRounds) ?? 0,
    positions: objects(raw.positions).flatMap(parsePosition),
    objections: objects(raw.objections).flatMap(parseObjection),
    names: Object.fromEntries(
      Object.entries(names).filter((e): e is [string, string] => typeof e[1] === 'string'),
    ),
    recordedBy: str(raw.recordedBy),
    recordedAt: numOrNull(raw.recordedAt) ?? decidedAt,
    ...(Array.isArray(raw.authors) ? { authors: objects(raw.authors).flatMap(parseAuthor) } : {}),
    ...electionField(raw.election),
    ...(raw.source === 'async' ? { source: 'async' as const } : {}),
  };
}

function electionField(raw: unknown): Pick<DecisionEntry, 'election'> {
  const election = parseElectionDecision(raw);
  return election === undefined ? {} : { election };
}

function parseAuthor(raw: Raw): TextAuthor[] {
  const chars = numOrNull(raw.chars);
  if (typeof raw.id !== 'string' || chars === null || chars < 0) return [];
  return [{ id: raw.id, chars }];
}

function parsePosition(raw: Raw): DecisionPosition[] {
  const value = oneOf(POSITION_VALUES, raw.value);
  if (value === null || typeof raw.person !== 'string') return [];
  return [
    {
      round: numOrNull(raw.round) ?? 0,
      person: raw.person,
      value,
      reason: str(raw.reason),
      onBehalfOf: strOrNull(raw.onBehalfOf),
      recordedBy: str(raw.recordedBy),
      at: numOrNull(raw.at) ?? 0,
      counted: raw.counted !== false,
      ...parseInterest(raw.interest),
    },
  ];
}

/** A stored interest (SPEC INTEREST-2), or nothing when absent or unreadable. */
function parseInterest(raw: unknown): Pick<DecisionPosition, 'interest'> {
  if (!isObject(raw) || typeof raw.text !== 'string') return {};
  return { interest: { text: raw.text, conflict: raw.conflict === true } };
}

const RESOLUTIONS = [
  'open',
  'integrated',
  'ruled-invalid',
  'converted-to-concern',
  'confirmed',
] as const;
const RULINGS = ['valid', 'invalid', 'concern'] as const;

function parseObjection(raw: Raw): LoggedObjection[] {
  if (typeof raw.id !== 'string' || typeof raw.objector !== 'string') return [];
  const test = isObject(raw.test) ? raw.test : null;
  const answers = test && isObject(test.answers) ? test.answers : {};
  const ruling = test ? oneOf(RULINGS, test.ruling) : null;
  return [
    {
      id: raw.id,
      round: numOrNull(raw.round) ?? 0,
      objector: raw.objector,
      reason: str(raw.reason),
      quote: strOrNull(raw.quote),
      test:
        ruling === null
          ? null
          : {
              answers: {
                harm: answers.harm === true,
                createdByProposal: answers.createdByProposal === true,
                urgent: answers.urgent === true,
                limitsRole: answers.limitsRole === true,
              },
              ruling,
            },
      amendments: objects(raw.amendments).map((a) => ({
        id: str(a.id),
        summary: str(a.summary),
        by: str(a.by),
        at: numOrNull(a.at) ?? 0,
      })),
      confirmations: objects(raw.confirmations).map((c) => ({
        by: str(c.by),
        amendmentId: str(c.amendmentId),
        at: numOrNull(c.at) ?? 0,
        ...(c.resolves === false ? { resolves: false } : {}),
      })),
      resolution: oneOf(RESOLUTIONS, raw.resolution) ?? 'open',
    },
  ];
}
