import {
  proposalTitle,
  summarizeProposal,
  type ProposalSummary,
  proposalFields,
} from '@ronde/domain';
import type * as Y from 'yjs';

export type SummaryPatch = Pick<ProposalSummary, 'title' | 'status' | 'circleId' | 'updatedAt'>;

export interface IndexUpdaterOptions {
  /** Writes the summary into the space's index. */
  readonly write: (summary: SummaryPatch) => void;
  /** Delay after a title or status edit: a burst of keystrokes is one write. */
  readonly promptDelayMs?: number;
  /** Body and driver edits are written at most this often. */
  readonly bodyIntervalMs?: number;
  readonly now?: () => number;
}

/**
 * Keeps a proposal's entry in the space index current while this device
 * edits it. Only local transactions count, so viewers receiving remote edits
 * never write the index: each editor reports their own edits. Title and
 * status changes are written promptly; body edits at most every
 * `bodyIntervalMs`. `dispose` writes what is pending and stops.
 *
 * @example
 * const stop = watchProposalEdits(proposalDoc, {
 *   write: (s) => updateProposalSummary(spaceDoc, id, s),
 * });
 * // later
 * stop();
 */
export function watchProposalEdits(doc: Y.Doc, options: IndexUpdaterOptions): () => void {
  const promptDelayMs = options.promptDelayMs ?? 300;
  const bodyIntervalMs = options.bodyIntervalMs ?? 10_000;
  const now = options.now ?? Date.now;
  const title = proposalTitle(doc);
  const fields = proposalFields(doc);
  let timer: ReturnType<typeof setTimeout> | null = null;
  let due = Infinity;
  let lastWriteAt = -Infinity;
  let lastEditAt = 0;
  let pending = false;

  const flush = (): void => {
    if (timer !== null) clearTimeout(timer);
    timer = null;
    due = Infinity;
    if (!pending) return;
    pending = false;
    lastWriteAt = now();
    options.write(summarizeProposal(doc, lastEditAt));
  };

  const scheduleAt = (at: number): void => {
    if (at >= due) return;
    if (timer !== null) clearTimeout(timer);
    due = at;
    timer = setTimeout(flush, Math.max(0, at - now()));
  };

  const onUpdate = (_update: Uint8Array, _origin: unknown, _doc: Y.Doc, tr: Y.Transaction) => {
    if (!tr.local) return;
    const at = now();
    lastEditAt = at;
    pending = true;
    // Yjs's event-type generics make the types distinct to TypeScript; compare
    // the objects themselves.
    const watched: readonly unknown[] = [title, fields];
    const prompt = [...tr.changed.keys()].some((type) => watched.includes(type));
    scheduleAt(prompt ? at + promptDelayMs : Math.max(at, lastWriteAt + bodyIntervalMs));
  };

  doc.on('update', onUpdate);
  return () => {
    doc.off('update', onUpdate);
    flush();
  };
}
