import type * as Y from 'yjs';
import { compareIds } from '../space.ts';
import { parseDecisionEntry, type DecisionEntry } from './decisionEntry.ts';

/**
 * The decision log of the space document: `decisions` (Y.Map), outcome
 * event id → a plain JSON entry. An entry is one value, not a Y.Map: it is a
 * snapshot written once by one client and never edited, so it should arrive
 * whole (no replica ever shows half an entry) and two writes of the same id
 * (two tabs of the author) must not merge field by field; the map's
 * last-writer-wins on the key keeps exactly one (SPEC DEC-1).
 */
export function spaceDecisions(doc: Y.Doc): Y.Map<unknown> {
  return doc.getMap('decisions');
}

/** Whether the log already holds the entry of that outcome event. */
export function hasDecision(doc: Y.Doc, id: string): boolean {
  return spaceDecisions(doc).has(id);
}

/**
 * Writes an entry unless one with its id is already there (SPEC DEC-1:
 * idempotent by outcome event id). Returns whether it wrote.
 *
 * @example
 * recordDecision(spaceDoc, buildDecisionEntry({ ... })); // true, then false
 */
export function recordDecision(doc: Y.Doc, entry: DecisionEntry): boolean {
  const log = spaceDecisions(doc);
  if (log.has(entry.id)) return false;
  // A JSON round trip drops `undefined` and keeps the stored value plain.
  log.set(entry.id, JSON.parse(JSON.stringify(entry)) as unknown);
  return true;
}

/** One entry, or `null` when missing or malformed. */
export function readDecision(doc: Y.Doc, id: string): DecisionEntry | null {
  return parseDecisionEntry(spaceDecisions(doc).get(id));
}

/**
 * The log, newest decision first; ties broken by id in code-unit order;
 * malformed entries left out (SPEC DEC-5).
 *
 * @example
 * listDecisions(spaceDoc)[0]?.title; // the latest decision's proposal
 */
export function listDecisions(doc: Y.Doc): DecisionEntry[] {
  const entries: DecisionEntry[] = [];
  spaceDecisions(doc).forEach((raw, id) => {
    const entry = parseDecisionEntry(raw);
    if (entry !== null && entry.id === id) entries.push(entry);
  });
  return entries.sort(newestFirst);
}

function newestFirst(a: DecisionEntry, b: DecisionEntry): number {
  return b.decidedAt - a.decidedAt || compareIds(a.id, b.id);
}

/**
 * Whether an entry is up for review on `today` (`YYYY-MM-DD`): its review
 * date has come (SPEC DEC-7). See {@link decisionsDueForReview} for the
 * entries superseded by a later decision on the same proposal.
 */
export function isDueForReview(entry: DecisionEntry, today: string): boolean {
  return entry.reviewDate !== null && entry.reviewDate <= today;
}

/**
 * The entries up for review on `today` (`YYYY-MM-DD`), the most overdue
 * first, ties by id: a review date on or before today, and no later decision
 * on the same proposal (SPEC DEC-7).
 *
 * @example
 * decisionsDueForReview(listDecisions(spaceDoc), '2026-05-01');
 */
export function decisionsDueForReview(
  entries: readonly DecisionEntry[],
  today: string,
): DecisionEntry[] {
  const latest = new Map<string, DecisionEntry>();
  for (const entry of entries) {
    const key = entry.proposalId ?? `item:${entry.id}`;
    const known = latest.get(key);
    if (known === undefined || newestFirst(entry, known) < 0) latest.set(key, entry);
  }
  return [...latest.values()]
    .filter((entry) => isDueForReview(entry, today))
    .sort(
      (a, b) =>
        (a.reviewDate! < b.reviewDate! ? -1 : a.reviewDate! > b.reviewDate! ? 1 : 0) ||
        compareIds(a.id, b.id),
    );
}
