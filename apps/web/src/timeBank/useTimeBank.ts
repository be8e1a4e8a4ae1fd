import { foldTimeLog, timeLog, type TimeBankState } from '@ronde/domain';
import type * as Y from 'yjs';
import { useYStore } from '../hooks/useYStore.ts';

const readTimeBank = (doc: Y.Doc): TimeBankState => foldTimeLog(timeLog(doc).toJSON() as unknown[]);

/**
 * The space's time log folded into entries (domain TIME-3…6), refolded when
 * the server appends to it.
 *
 * @example
 * const { entries } = useTimeBank(spaceDoc);
 */
export function useTimeBank(doc: Y.Doc): TimeBankState {
  return useYStore(doc, timeLog, readTimeBank);
}
