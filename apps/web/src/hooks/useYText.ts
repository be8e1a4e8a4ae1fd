import { useCallback, useSyncExternalStore } from 'react';
import type * as Y from 'yjs';

/**
 * The current string of a Y.Text; re-renders when it changes. Strings
 * compare by value, so equal snapshots never re-render.
 *
 * @example
 * const title = useYText(proposalTitle(doc));
 * useEffect(() => { document.title = title; }, [title]);
 */
export function useYText(text: Y.Text): string {
  const subscribe = useCallback(
    (listener: () => void) => {
      text.observe(listener);
      return () => text.unobserve(listener);
    },
    [text],
  );
  const read = useCallback(() => text.toString(), [text]);
  return useSyncExternalStore(subscribe, read);
}
