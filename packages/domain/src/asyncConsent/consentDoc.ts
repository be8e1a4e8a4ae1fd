import type * as Y from 'yjs';
import { DEFAULT_ASYNC_POLICY, parsePolicy, type AsyncPolicy } from './events.ts';
import { awaitingPosition, type AsyncConsentState, type AsyncResult } from './fold.ts';

/**
 * Where an asynchronous consent lives (SPEC ASYNC-13):
 * - the consent document `<spaceId>/consent/<id>` holds one root, `log`
 *   (Y.Array of plain events), written by the server only;
 * - the space document's `asyncConsents` (Y.Map of plain JSON entries, one
 *   per consent, {@link AsyncConsentSummary}) is the index the space page
 *   and the inbox read, written by the server only;
 * - the space document's `settings` map holds `asyncConsent`, the policy
 *   (what silence means), changed by admins.
 */

/** The consent's log. Observe it to follow the process. */
export function consentLog(doc: Y.Doc): Y.Array<unknown> {
  return doc.getArray('log');
}

/** The log's entries as plain values. */
export function readConsentLog(doc: Y.Doc): unknown[] {
  return consentLog(doc).toArray();
}

/** The space's settings map (admins write it). */
export function spaceSettings(doc: Y.Doc): Y.Map<unknown> {
  return doc.getMap('settings');
}

/** The key of the asynchronous consent policy in the space's settings. */
export const ASYNC_POLICY_KEY = 'asyncConsent';

/**
 * The space's policy for asynchronous consents (SPEC ASYNC-11), or the
 * default (no lazy consent, everyone positions) when unset or unreadable.
 *
 * @example
 * readAsyncPolicy(spaceDoc); // { lazy: false, quorumPercent: 100 }
 */
export function readAsyncPolicy(doc: Y.Doc): AsyncPolicy {
  return parsePolicy(spaceSettings(doc).get(ASYNC_POLICY_KEY)) ?? DEFAULT_ASYNC_POLICY;
}

/**
 * Sets the policy (an admin's client; the server refuses anyone else's).
 * Throws a RangeError on an invalid quorum.
 *
 * @example
 * setAsyncPolicy(spaceDoc, { lazy: true, quorumPercent: 100 });
 */
export function setAsyncPolicy(doc: Y.Doc, policy: AsyncPolicy): void {
  const clean = parsePolicy(policy);
  if (clean === null) throw new RangeError('quorumPercent must be an integer from 1 to 100');
  spaceSettings(doc).set(ASYNC_POLICY_KEY, { ...clean });
}

/** One asynchronous consent as the space lists it (server-written). */
export interface AsyncConsentSummary {
  readonly id: string;
  readonly proposalId: string;
  readonly title: string;
  readonly proposerId: string;
  readonly openedAt: number;
  readonly deadline: number;
  readonly revision: number;
  readonly status: 'open' | 'closed';
  readonly result: AsyncResult | null;
  /** Voters asked for a position now (silent or stale). */
  readonly awaiting: readonly string[];
}

/** The space's index of asynchronous consents. */
export function spaceAsyncConsents(doc: Y.Doc): Y.Map<unknown> {
  return doc.getMap('asyncConsents');
}

type Raw = Record<string, unknown>;
const isObject = (v: unknown): v is Raw => v !== null && typeof v === 'object' && !Array.isArray(v);
const num = (v: unknown): number => (typeof v === 'number' && Number.isFinite(v) ? v : 0);
const str = (v: unknown): string => (typeof v === 'string' ? v : '');
const RESULTS: readonly AsyncResult[] = ['adopted', 'objections', 'no-quorum', 'withdrawn'];

function parseSummary(raw: unknown): AsyncConsentSummary | null {
  if (!isObject(raw) || typeof raw.id !== 'string' || typeof raw.proposalId !== 'string') {
    return null;
  }
  return {
    id: raw.id,
    proposalId: raw.proposalId,
    title: str(raw.title),
    proposerId: str(raw.proposerId),
    openedAt: num(raw.openedAt),
    deadline: num(raw.deadline),
    revision: num(raw.revision),
    status: raw.status === 'closed' ? 'closed' : 'open',
    result: RESULTS.find((r) => r === raw.result) ?? null,
    awaiting: Array.isArray(raw.awaiting)
      ? raw.awaiting.filter((s): s is string => typeof s === 'string')
      : [],
  };
}

/**
 * The space's asynchronous consents, newest first (ties by id).
 *
 * @example
 * listAsyncConsents(spaceDoc).filter((c) => c.status === 'open');
 */
export function listAsyncConsents(doc: Y.Doc): AsyncConsentSummary[] {
  const list: AsyncConsentSummary[] = [];
  spaceAsyncConsents(doc).forEach((raw) => {
    const summary = parseSummary(raw);
    if (summary !== null) list.push(summary);
  });
  return list.sort((a, b) => b.openedAt - a.openedAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/** The summary of one consent, or `null`. */
export function readAsyncConsentSummary(doc: Y.Doc, id: string): AsyncConsentSummary | null {
  return parseSummary(spaceAsyncConsents(doc).get(id));
}

/**
 * The index entry a folded consent implies (the server writes it when it
 * differs from the stored one, SPEC ASYNC-13).
 *
 * @example
 * const summary = summarizeAsyncConsent(id, title, state);
 */
export function summarizeAsyncConsent(
  id: string,
  title: string,
  state: AsyncConsentState,
): AsyncConsentSummary {
  return {
    id,
    proposalId: state.proposalId,
    title,
    proposerId: state.proposerId,
    openedAt: state.openedAt,
    deadline: state.deadline,
    revision: state.revision,
    status: state.phase === 'closed' ? 'closed' : 'open',
    result: state.closing?.result ?? null,
    awaiting: awaitingPosition(state),
  };
}

/** Whether two summaries say the same (the server writes only a change). */
export function sameSummary(a: AsyncConsentSummary | null, b: AsyncConsentSummary): boolean {
  return a !== null && JSON.stringify(a) === JSON.stringify(b);
}
