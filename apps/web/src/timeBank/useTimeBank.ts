import {
  circleRosterOf,
  foldTimeLog,
  governanceLog,
  recordRoot,
  spaceFields,
  timeLog,
  type CircleRoster,
  type TimeBankState,
} from '@ronde/domain';
import { useMemo, useSyncExternalStore } from 'react';
import type * as Y from 'yjs';
import { createYStore } from '../hooks/yStore.ts';

export interface TimeBankView extends TimeBankState {
  /** Who belongs to which circle, and when (domain TIME-12). */
  readonly roster: CircleRoster;
}

function readTimeBank(doc: Y.Doc): TimeBankView {
  const roster = circleRosterOf(doc);
  const { entries, refused } = foldTimeLog(timeLog(doc).toJSON() as unknown[], roster);
  return { entries, refused, roster };
}

/**
 * The space's time log folded into entries (domain TIME-3…6), judged
 * against the circles' members (TIME-12), refolded when the server appends
 * to it or the governance records change.
 *
 * @example
 * const { entries, roster } = useTimeBank(spaceDoc);
 */
export function useTimeBank(doc: Y.Doc): TimeBankView {
  const store = useMemo(
    () =>
      createYStore(
        [
          timeLog(doc),
          governanceLog(doc),
          spaceFields(doc),
          recordRoot(doc, 'circle'),
          recordRoot(doc, 'role'),
          recordRoot(doc, 'assignment'),
        ],
        () => readTimeBank(doc),
      ),
    [doc],
  );
  return useSyncExternalStore(store.subscribe, store.getSnapshot);
}
