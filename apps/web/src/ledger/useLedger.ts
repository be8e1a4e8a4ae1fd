import {
  deriveLedger,
  ledgerInputOf,
  ledgerTotals,
  type LedgerLine,
  type LedgerTotals,
  type WrittenText,
} from '@ronde/domain';
import { useCallback, useEffect, useMemo, useState, useSyncExternalStore } from 'react';
import type * as Y from 'yjs';
import { apiJson } from '../api/http.ts';
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

/** A value that changes at each update of the document. */
function useDocVersion(doc: Y.Doc): { at: number } {
  const [box] = useState(() => ({ current: { at: 0 } }));
  const subscribe = useCallback(
    (listener: () => void) => {
      const onUpdate = () => {
        box.current = { at: Date.now() };
        listener();
      };
      doc.on('update', onUpdate);
      return () => doc.off('update', onUpdate);
    },
    [doc, box],
  );
  return useSyncExternalStore(subscribe, () => box.current);
}
