import {
  deriveLedger,
  ledgerInputOf,
  ledgerTotals,
  type LedgerLine,
  type LedgerTotals,
  type WrittenText,
} from '@ronde/domain';
import { useEffect, useMemo, useState, useSyncExternalStore } from 'react';
import * as Y from 'yjs';
import { apiJson } from '../api/http.ts';
import type { ExternalStore } from '../hooks/yStore.ts';
import { freshToken } from '../sync/sessionKeeper.ts';

/** What the server attests of the space: text written per proposal, and members' names. */
export interface WrittenAnswer {
  readonly written: readonly WrittenText[];
  readonly names: Readonly<Record<string, string>>;
}

export interface Ledger {
  readonly lines: readonly LedgerLine[];
  readonly totals: readonly LedgerTotals[];
  readonly names: Readonly<Record<string, string>>;
  /** `loading` until the server answered the text written; `failed` when it could not. */
  readonly written: 'loading' | 'ready' | 'failed';
}

/**
 * The space's contribution ledger (domain LEDGER), derived again at every
 * change of the space document, with the text written that the server
 * attests (LEDGERSRV-1), fetched once per space.
 *
 * @example
 * const { lines, totals } = useLedger(spaceId, spaceDoc);
 */
export function useLedger(spaceId: string, doc: Y.Doc): Ledger {
  const [answer, setAnswer] = useState<WrittenAnswer | 'loading' | 'failed'>('loading');
  useEffect(() => {
    let live = true;
    setAnswer('loading');
    (async () => {
      const token = await freshToken(spaceId);
      if (token === null) throw new Error('not a member');
      return (await apiJson(`/api/spaces/${encodeURIComponent(spaceId)}/contributions`, {
        token,
      })) as WrittenAnswer;
    })().then(
      (value) => live && setAnswer(value),
      () => live && setAnswer('failed'),
    );
    return () => {
      live = false;
    };
  }, [spaceId]);
  const version = useDocVersion(doc);
  // The clock a held role counts to: the moment of this derivation.
  const [now] = useState(() => Date.now());
  return useMemo(() => {
    const written = typeof answer === 'object' ? answer.written : [];
    const lines = deriveLedger(ledgerInputOf(doc, written, Math.max(now, version.at)));
    return {
      lines,
      totals: ledgerTotals(lines),
      names: typeof answer === 'object' ? answer.names : {},
      written: typeof answer === 'object' ? 'ready' : answer,
    };
  }, [doc, answer, version, now]);
}

/**
 * A store of a value that changes at each update of the document: `at`,
 * the time it saw the update (0 until the first). While nobody listens it
 * cannot see updates (React renders, then subscribes in a later effect, and
 * a room's local or server copy can land in between), so a read then, and
 * the first read after a first subscription, compare the document's
 * snapshot (state vector and deletions) with the one of the last such read
 * or of the last unsubscription: a difference is a new value.
 *
 * @example
 * const store = docVersionStore(doc);
 * useSyncExternalStore(store.subscribe, store.getSnapshot);
 */
export function docVersionStore(doc: Y.Doc): ExternalStore<{ at: number }> {
  let current = { at: 0 };
  let listening = 0;
  // The document's snapshot that `current` stands for, taken when updates
  // could go unseen (a read then, the last unsubscription); null before the first read.
  let known: Y.Snapshot | null = null;
  let unseen = true;
  return {
    subscribe(listener) {
      const onUpdate = (): void => {
        current = { at: Date.now() };
        listener();
      };
      doc.on('update', onUpdate);
      if (listening === 0) unseen = true;
      listening++;
      return () => {
        doc.off('update', onUpdate);
        listening--;
        if (listening === 0) known = Y.snapshot(doc);
      };
    },
    getSnapshot() {
      if (!unseen && listening > 0) return current;
      const state = Y.snapshot(doc);
      if (known !== null && !Y.equalSnapshots(known, state)) current = { at: Date.now() };
      known = state;
      unseen = listening === 0;
      return current;
    },
  };
}

/** A value that changes at each update of the document (see {@link docVersionStore}). */
export function useDocVersion(doc: Y.Doc): { at: number } {
  const store = useMemo(() => docVersionStore(doc), [doc]);
  return useSyncExternalStore(store.subscribe, store.getSnapshot);
}
