import { useMemo, useSyncExternalStore } from 'react';
import type * as Y from 'yjs';
import { createYStore, type Observable } from './yStore.ts';

/**
 * Reads `read(doc)` through a {@link createYStore} over the types `observe`
 * picks from the doc. `observe` and `read` must be module-level functions
 * (stable), so the store is made once per document.
 *
 * @example
 * const space = useYStore(doc, spaceFields, readSpace);
 */
export function useYStore<T>(
  doc: Y.Doc,
  observe: (doc: Y.Doc) => Observable,
  read: (doc: Y.Doc) => T,
): T {
  const store = useMemo(() => createYStore([observe(doc)], () => read(doc)), [doc, observe, read]);
  return useSyncExternalStore(store.subscribe, store.getSnapshot);
}
