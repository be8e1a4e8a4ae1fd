import {
  MAX_DEADLINE_MS,
  MIN_DEADLINE_MS,
  SERVER_AUTHOR,
  parseAsyncEntry,
  type AsyncEvent,
  type AsyncPolicy,
  type AsyncPosition,
} from './events.ts';

/** One position as recorded, with the revision of the text it answered. */
export interface RecordedPosition {
  readonly eventId: string;
  readonly person: string;
  readonly value: AsyncPosition;
  readonly reason: string;
  readonly revision: number;
  readonly at: number;
}

export interface Amendment {
  readonly eventId: string;
  /** The revision this amendment created (1 for the first). */
  readonly revision: number;
  readonly summary: string;
  /** The proposer's id, or `server` for a change of the text nobody recorded (ASYNC-16). */
  readonly by: string;
  readonly at: number;
  /** The digest of the text of this revision (ASYNC-15). */
  readonly digest: string;
  /** False when the server filed it: the text changed without a recorded amendment (ASYNC-16). */
  readonly recorded: boolean;
}

/**
 * How an asynchronous consent ended (SPEC ASYNC-12): adopted; not adopted
 * because an objection stands; not adopted because too few positioned
 * (without lazy consent); withdrawn by its proposer.
 */
export type AsyncResult = 'adopted' | 'objections' | 'no-quorum' | 'withdrawn';

export interface AsyncClosing {
  readonly eventId: string;
  readonly at: number;
  readonly reason: 'deadline' | 'early' | 'withdrawn';
  readonly result: AsyncResult;
}

export type EntryStatus = 'applied' | 'ignored';

export interface EntryResult {
  readonly index: number;
  readonly id: string | null;
  readonly status: EntryStatus;
  /** Why an entry was ignored (a short code), `null` when applied. */
  readonly why: string | null;
}

export interface AsyncConsentState {
  /** `empty` until an opening with its roll; `open` until closed. */
  readonly phase: 'empty' | 'open' | 'closed';
  readonly proposalId: string;
  readonly proposerId: string;
  readonly openedAt: number;
  readonly deadline: number;
  readonly policy: AsyncPolicy;
  readonly voters: readonly string[];
  readonly facilitators: readonly string[];
  readonly names: Readonly<Record<string, string>>;
  /** 0 at the opening, +1 per amendment. */
  readonly revision: number;
  /** The digest of the current revision's text (ASYNC-15). */
  readonly digest: string;
  /** The review date the proposer set when sending (ASYNC-17), or `null`. */
  readonly reviewDate: string | null;
  readonly amendments: readonly Amendment[];
  /** Every applied position, in log order. */
  readonly history: readonly RecordedPosition[];
  /** Each voter's latest position (absent: silent). */
  readonly latest: ReadonlyMap<string, RecordedPosition>;
  readonly closing: AsyncClosing | null;
  readonly results: readonly EntryResult[];
}

const EMPTY: AsyncConsentState = {
  phase: 'empty',
  proposalId: '',
  proposerId: '',
  openedAt: 0,
  deadline: 0,
  policy: { lazy: false, quorumPercent: 100 },
  voters: [],
  facilitators: [],
  names: {},
  revision: 0,
  digest: '',
  reviewDate: null,
  amendments: [],
  history: [],
  latest: new Map(),
  closing: null,
  results: [],
};

/** Whether a voter's latest position answers an earlier revision: they are asked again (ASYNC-6). */
export function isStale(state: AsyncConsentState, position: RecordedPosition): boolean {
  return position.revision < state.revision;
}

/**
 * Whether every voter holds a current consent or stand-aside, and none
 * objects: the proposer may close early (SPEC ASYNC-9).
 */
export function everyoneConsented(state: AsyncConsentState): boolean {
  if (state.voters.length === 0) return false;
  return state.voters.every((voter) => {
    const p = state.latest.get(voter);
    return (
      p !== undefined && !isStale(state, p) && (p.value === 'consent' || p.value === 'stand-aside')
    );
  });
}

/**
 * The result if the consent closed now (SPEC ASYNC-11): an objection stands
 * until its author positions again, even after an amendment (ASYNC-7); then,
 * with lazy consent, silence (or a stale position) consents; without it, at
 * least `quorumPercent` of the voters must hold a current position.
 *
 * @example
 * resultNow(state); // 'adopted'
 */
export function resultNow(state: AsyncConsentState): Exclude<AsyncResult, 'withdrawn'> {
  const objects = state.voters.some((v) => state.latest.get(v)?.value === 'objection');
  if (objects) return 'objections';
  if (state.policy.lazy) return 'adopted';
  const current = state.voters.filter((v) => {
    const p = state.latest.get(v);
    return p !== undefined && !isStale(state, p);
  }).length;
  return current * 100 >= state.policy.quorumPercent * state.voters.length
    ? 'adopted'
    : 'no-quorum';
}

/** The voters asked for a position now: silent, or positioned before the last amendment (ASYNC-6). */
export function awaitingPosition(state: AsyncConsentState): string[] {
  if (state.phase !== 'open') return [];
  return state.voters.filter((v) => {
    const p = state.latest.get(v);
    return p === undefined || isStale(state, p);
  });
}

type Step = { state: AsyncConsentState; why: string | null };

/** A new revision of the text: every earlier position becomes stale (ASYNC-6). */
function revise(
  s: AsyncConsentState,
  e: { id: string; by: string; at: number; digest: string },
  summary: string,
  recorded: boolean,
): AsyncConsentState {
  const revision = s.revision + 1;
  const amendment: Amendment = {
    eventId: e.id,
    revision,
    summary,
    by: e.by,
    at: e.at,
    digest: e.digest,
    recorded,
  };
  return { ...s, revision, digest: e.digest, amendments: [...s.amendments, amendment] };
}

function ignore(state: AsyncConsentState, why: string): Step {
  return { state, why };
}

const canSteer = (s: AsyncConsentState, by: string): boolean =>
  by === s.proposerId || s.facilitators.includes(by);

function apply(s: AsyncConsentState, e: AsyncEvent, index: number, log: readonly unknown[]): Step {
  if (e.type === 'async.open') {
    if (s.phase !== 'empty' || s.proposerId !== '') return ignore(s, 'already-open');
    if (e.deadline < e.at + MIN_DEADLINE_MS || e.deadline > e.at + MAX_DEADLINE_MS) {
      return ignore(s, 'bad-deadline');
    }
    // The opening takes effect with the server's roll right after it (ASYNC-2).
    const roll = parseAsyncEntry(log[index + 1]);
    if (roll?.type !== 'async.roll') return ignore(s, 'no-roll');
    return {
      state: {
        ...s,
        phase: 'open',
        proposalId: e.proposalId,
        proposerId: e.by,
        openedAt: e.at,
        deadline: e.deadline,
        digest: e.digest,
        reviewDate: e.reviewDate,
      },
      why: null,
    };
  }
  if (e.type === 'async.roll') {
    // Only right after the opening it completes (ASYNC-2).
    const previous = s.results[index - 1];
    const afterOpen =
      previous?.status === 'applied' && parseAsyncEntry(log[index - 1])?.type === 'async.open';
    if (s.phase !== 'open' || s.voters.length > 0 || !afterOpen) return ignore(s, 'stray-roll');
    return {
      state: {
        ...s,
        voters: [...e.voters],
        facilitators: [...e.facilitators],
        policy: e.policy,
        names: e.names,
      },
      why: null,
    };
  }
  if (s.phase !== 'open') return ignore(s, s.phase === 'empty' ? 'not-open' : 'closed');
  switch (e.type) {
    case 'async.position': {
      if (!s.voters.includes(e.by)) return ignore(s, 'not-a-voter');
      if (e.expects.revision !== s.revision) return ignore(s, 'stale-revision');
      // The position names the text its author saw; another text is not this revision (ASYNC-15).
      if (e.expects.digest !== s.digest) return ignore(s, 'text-changed');
      if ((e.value === 'objection' || e.value === 'concern') && e.reason.trim() === '') {
        return ignore(s, 'reason-required');
      }
      const position: RecordedPosition = {
        eventId: e.id,
        person: e.by,
        value: e.value,
        reason: e.reason.trim(),
        revision: s.revision,
        at: e.at,
      };
      const latest = new Map(s.latest);
      latest.set(e.by, position);
      return { state: { ...s, history: [...s.history, position], latest }, why: null };
    }
    case 'async.amend': {
      if (e.by !== s.proposerId) return ignore(s, 'not-proposer');
      if (e.expects.revision !== s.revision) return ignore(s, 'stale-revision');
      if (e.summary.trim() === '') return ignore(s, 'summary-required');
      return { state: revise(s, e, e.summary.trim(), true), why: null };
    }
    case 'async.revision': {
      if (e.expects.revision !== s.revision) return ignore(s, 'stale-revision');
      if (e.digest === s.digest) return ignore(s, 'same-text');
      return { state: revise(s, e, '', false), why: null };
    }
    case 'async.extend': {
      if (!canSteer(s, e.by)) return ignore(s, 'not-allowed');
      if (e.deadline <= s.deadline || e.deadline > e.at + MAX_DEADLINE_MS) {
        return ignore(s, 'bad-deadline');
      }
      return { state: { ...s, deadline: e.deadline }, why: null };
    }
    case 'async.withdraw': {
      if (e.by !== s.proposerId) return ignore(s, 'not-proposer');
      const closing: AsyncClosing = {
        eventId: e.id,
        at: e.at,
        reason: 'withdrawn',
        result: 'withdrawn',
      };
      return { state: { ...s, phase: 'closed', closing }, why: null };
    }
    case 'async.close': {
      if (e.by !== s.proposerId) return ignore(s, 'not-proposer');
      if (e.expects.revision !== s.revision) return ignore(s, 'stale-revision');
      if (e.expects.digest !== s.digest) return ignore(s, 'text-changed');
      if (!everyoneConsented(s)) return ignore(s, 'not-everyone-consented');
      const closing: AsyncClosing = { eventId: e.id, at: e.at, reason: 'early', result: 'adopted' };
      return { state: { ...s, phase: 'closed', closing }, why: null };
    }
    case 'async.deadline': {
      if (e.at < s.deadline) return ignore(s, 'before-deadline');
      const closing: AsyncClosing = {
        eventId: e.id,
        at: e.at,
        reason: 'deadline',
        result: resultNow(s),
      };
      return { state: { ...s, phase: 'closed', closing }, why: null };
    }
  }
}

/** What a fold may be told: how to check that a person's entry is signed by its author (ASYNC-18). */
export interface AsyncFoldContext {
  /**
   * Whether a person's entry carries a valid signature of its author's
   * device (a browser checks; the server, which verified before appending,
   * folds without). The server's own entries are the log's, never signed.
   */
  readonly isAuthentic?: (raw: unknown) => boolean;
}

/**
 * Folds a consent document's log into its state (SPEC ASYNC-1…18): pure and
 * deterministic, in log order (the server's arrival order). An entry that
 * does not parse, or whose conditions do not hold, is kept and reported as
 * ignored with a reason; it changes nothing. With `isAuthentic`, a person's
 * entry that is not signed by its author is ignored (`unsigned`).
 *
 * @example
 * const state = foldAsyncConsent(readConsentLog(doc));
 * if (state.closing) show(state.closing.result);
 */
export function foldAsyncConsent(
  log: readonly unknown[],
  context: AsyncFoldContext = {},
): AsyncConsentState {
  const { isAuthentic } = context;
  let state = EMPTY;
  const results: EntryResult[] = [];
  const seen = new Set<string>();
  log.forEach((raw, index) => {
    const event = parseAsyncEntry(raw);
    const id = event?.id ?? null;
    let why: string | null;
    if (event === null) why = 'malformed';
    else if (seen.has(event.id)) why = 'duplicate';
    else if (isAuthentic && event.by !== SERVER_AUTHOR && !isAuthentic(raw)) why = 'unsigned';
    else if (
      event.by === SERVER_AUTHOR &&
      event.type !== 'async.roll' &&
      event.type !== 'async.revision' &&
      event.type !== 'async.deadline'
    ) {
      why = 'malformed';
    } else {
      const step = apply({ ...state, results }, event, index, log);
      state = step.state;
      why = step.why;
    }
    if (id !== null) seen.add(id);
    results.push({ index, id, status: why === null ? 'applied' : 'ignored', why });
  });
  return { ...state, results };
}
