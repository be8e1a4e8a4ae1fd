import { isId } from '../ids.ts';
import { isReviewDate } from '../process/outcome.ts';
import { isTextDigest } from './textDigest.ts';

/**
 * The events of an asynchronous consent (SPEC ASYNC-1): plain JSON objects in
 * the consent document's `log`, appended by the server only. People's events
 * are signed and submitted through the event channel; the server's own
 * entries (`async.roll`, `async.revision`, `async.deadline`) carry
 * `by: SERVER_AUTHOR`.
 */

/** Positions one can take in an asynchronous consent. */
export const ASYNC_POSITIONS = ['consent', 'concern', 'objection', 'stand-aside'] as const;
export type AsyncPosition = (typeof ASYNC_POSITIONS)[number];

/** The `by` of the server's own entries: never a member's id (ids are `xx1…`). */
export const SERVER_AUTHOR = 'server';

/** What silence means at the deadline (SPEC ASYNC-11). */
export interface AsyncPolicy {
  /** Lazy consent: a member who has not positioned consents. */
  readonly lazy: boolean;
  /** Without lazy consent: the percentage of voters that must hold a current position. */
  readonly quorumPercent: number;
}

export const DEFAULT_ASYNC_POLICY: AsyncPolicy = { lazy: false, quorumPercent: 100 };

/** Shortest and longest time from opening (or extending) to the deadline (SPEC ASYNC-3). */
export const MIN_DEADLINE_MS = 60_000;
export const MAX_DEADLINE_MS = 90 * 24 * 3_600_000;
export const REASON_MAX = 2000;
export const SUMMARY_MAX = 500;

interface Base {
  readonly id: string;
  readonly by: string;
  /** The server's time as measured by the author's client (or the server's own, for its entries). */
  readonly at: number;
}

/** The proposer sends their proposal to asynchronous consent. */
export interface OpenEvent extends Base {
  readonly type: 'async.open';
  readonly proposalId: string;
  readonly deadline: number;
  /** The digest of the text sent (revision 0, SPEC ASYNC-15). */
  readonly digest: string;
  /** When the decision, if adopted, is up for review (`YYYY-MM-DD`), or `null` (SPEC ASYNC-17). */
  readonly reviewDate: string | null;
}

/** The server's snapshot right after the opening: who is asked, who facilitates, the policy. */
export interface RollEntry extends Base {
  readonly type: 'async.roll';
  readonly voters: readonly string[];
  readonly facilitators: readonly string[];
  readonly policy: AsyncPolicy;
  /** Display names by user id when opened, so the view and the decision log read alone. */
  readonly names: Readonly<Record<string, string>>;
}

/** A revision and the digest of the text it names, as the author's screen showed it (ASYNC-15). */
export interface TextRef {
  readonly revision: number;
  readonly digest: string;
}

export interface PositionEvent extends Base {
  readonly type: 'async.position';
  readonly expects: TextRef;
  readonly value: AsyncPosition;
  readonly reason: string;
}

/** The proposer amended the text: a new revision, earlier positions become stale. */
export interface AmendEvent extends Base {
  readonly type: 'async.amend';
  readonly expects: { readonly revision: number };
  readonly summary: string;
  /** The digest of the amended text (the new revision's, SPEC ASYNC-15). */
  readonly digest: string;
}

export interface ExtendEvent extends Base {
  readonly type: 'async.extend';
  readonly deadline: number;
}

export interface WithdrawEvent extends Base {
  readonly type: 'async.withdraw';
}

/** The proposer closes before the deadline, once everyone consented (SPEC ASYNC-9). */
export interface CloseEarlyEvent extends Base {
  readonly type: 'async.close';
  readonly expects: TextRef;
}

/**
 * The server's entry when the text differs from the last revision's without
 * a recorded amendment (SPEC ASYNC-16): a revision of its own, so every
 * earlier position is stale.
 */
export interface RevisionEntry extends Base {
  readonly type: 'async.revision';
  readonly expects: { readonly revision: number };
  readonly digest: string;
}

/** The server's entry at (or after) the deadline: the consent closes and its outcome is folded. */
export interface DeadlineEntry extends Base {
  readonly type: 'async.deadline';
}

export type AsyncPersonEvent =
  OpenEvent | PositionEvent | AmendEvent | ExtendEvent | WithdrawEvent | CloseEarlyEvent;
export type AsyncEvent = AsyncPersonEvent | RollEntry | RevisionEntry | DeadlineEntry;
export type AsyncEventType = AsyncEvent['type'];

type Raw = Record<string, unknown>;
const isObject = (v: unknown): v is Raw => v !== null && typeof v === 'object' && !Array.isArray(v);
const isTime = (v: unknown): v is number =>
  typeof v === 'number' && Number.isSafeInteger(v) && v >= 0;
const isText = (v: unknown, max: number): v is string => typeof v === 'string' && v.length <= max;
const isRevision = (v: unknown): v is number =>
  typeof v === 'number' && Number.isSafeInteger(v) && v >= 0;

function base(raw: Raw): Base | null {
  if (typeof raw.id !== 'string' || raw.id.length === 0 || raw.id.length > 64) return null;
  if (typeof raw.by !== 'string' || raw.by.length === 0 || raw.by.length > 64) return null;
  if (!isTime(raw.at)) return null;
  return { id: raw.id, by: raw.by, at: raw.at };
}

function revisionOf(raw: Raw): { revision: number } | null {
  const expects = raw.expects;
  if (!isObject(expects) || !isRevision(expects.revision)) return null;
  return { revision: expects.revision };
}

function textRefOf(raw: Raw): TextRef | null {
  const expects = raw.expects;
  if (!isObject(expects) || !isRevision(expects.revision) || !isTextDigest(expects.digest)) {
    return null;
  }
  return { revision: expects.revision, digest: expects.digest };
}

/**
 * Parses a person's event as submitted or stored, keeping only known fields
 * (SPEC ASYNC-1), or `null` when it is not one. The server's entry types are
 * not person events: a submitted roll or deadline is refused.
 *
 * @example
 * const event = parseAsyncPersonEvent(JSON.parse(json));
 * if (!event) refuse('malformed');
 */
export function parseAsyncPersonEvent(raw: unknown): AsyncPersonEvent | null {
  if (!isObject(raw)) return null;
  const b = base(raw);
  if (b === null || b.by === SERVER_AUTHOR) return null;
  switch (raw.type) {
    case 'async.open':
      if (typeof raw.proposalId !== 'string' || !isId(raw.proposalId)) return null;
      if (!isTime(raw.deadline) || !isTextDigest(raw.digest)) return null;
      if (
        raw.reviewDate != null &&
        !(typeof raw.reviewDate === 'string' && isReviewDate(raw.reviewDate))
      ) {
        return null;
      }
      return {
        ...b,
        type: 'async.open',
        proposalId: raw.proposalId,
        deadline: raw.deadline,
        digest: raw.digest,
        reviewDate: typeof raw.reviewDate === 'string' ? raw.reviewDate : null,
      };
    case 'async.position': {
      const expects = textRefOf(raw);
      const value = raw.value;
      if (expects === null || !(ASYNC_POSITIONS as readonly unknown[]).includes(value)) return null;
      if (!isText(raw.reason, REASON_MAX)) return null;
      return {
        ...b,
        type: 'async.position',
        expects,
        value: value as AsyncPosition,
        reason: raw.reason,
      };
    }
    case 'async.amend': {
      const expects = revisionOf(raw);
      if (expects === null || !isText(raw.summary, SUMMARY_MAX)) return null;
      if (!isTextDigest(raw.digest)) return null;
      return { ...b, type: 'async.amend', expects, summary: raw.summary, digest: raw.digest };
    }
    case 'async.extend':
      if (!isTime(raw.deadline)) return null;
      return { ...b, type: 'async.extend', deadline: raw.deadline };
    case 'async.withdraw':
      return { ...b, type: 'async.withdraw' };
    case 'async.close': {
      const expects = textRefOf(raw);
      if (expects === null) return null;
      return { ...b, type: 'async.close', expects };
    }
    default:
      return null;
  }
}

/** Reads a policy (a space setting or a roll's snapshot), or `null` when it is not one. */
export function parsePolicy(raw: unknown): AsyncPolicy | null {
  if (!isObject(raw) || typeof raw.lazy !== 'boolean') return null;
  const q = raw.quorumPercent;
  if (typeof q !== 'number' || !Number.isInteger(q) || q < 1 || q > 100) return null;
  return { lazy: raw.lazy, quorumPercent: q };
}

const strings = (v: unknown): string[] | null =>
  Array.isArray(v) && v.every((s) => typeof s === 'string') ? (v as string[]) : null;

/**
 * Parses any stored entry: a person's event, or the server's roll or
 * deadline entry (only with `by: SERVER_AUTHOR`), else `null`.
 *
 * @example
 * const events = readConsentLog(doc).map(parseAsyncEntry);
 */
export function parseAsyncEntry(raw: unknown): AsyncEvent | null {
  if (!isObject(raw)) return null;
  if (raw.by !== SERVER_AUTHOR) return parseAsyncPersonEvent(raw);
  const b = base(raw);
  if (b === null) return null;
  if (raw.type === 'async.deadline') return { ...b, type: 'async.deadline' };
  if (raw.type === 'async.revision') {
    const expects = revisionOf(raw);
    if (expects === null || !isTextDigest(raw.digest)) return null;
    return { ...b, type: 'async.revision', expects, digest: raw.digest };
  }
  if (raw.type !== 'async.roll') return null;
  const voters = strings(raw.voters);
  const facilitators = strings(raw.facilitators);
  const policy = parsePolicy(raw.policy);
  if (voters === null || facilitators === null || policy === null) return null;
  const names: Record<string, string> = {};
  if (isObject(raw.names)) {
    for (const [k, v] of Object.entries(raw.names)) if (typeof v === 'string') names[k] = v;
  }
  return { ...b, type: 'async.roll', voters, facilitators, policy, names };
}
