import { useEffect, useRef } from 'react';
import { useLocation } from 'react-router';
import { recordAnchor, recordOfHash } from './recordAnchor.ts';

/**
 * Arriving at the governance page with a record's anchor (`#role-r1`, from
 * the decision log or a shared link) scrolls to that record and focuses it,
 * once per navigation. A search that hides it is cleared first; records
 * still loading are waited for (the effect runs again as `records` change).
 *
 * @example
 * useFocusRecord(view, query, () => setQuery(''));
 */
export function useFocusRecord(records: unknown, query: string, clearQuery: () => void): void {
  const { hash, key } = useLocation();
  const handled = useRef<string | null>(null);
  useEffect(() => {
    const target = recordOfHash(hash);
    if (target === null || handled.current === key) return;
    const element = document.getElementById(recordAnchor(target));
    if (element === null) {
      // Hidden by the search (or not there yet): show everything, then look again.
      if (query !== '') clearQuery();
      return;
    }
    handled.current = key;
    element.scrollIntoView({ block: 'start' });
    element.focus({ preventScroll: true });
  }, [hash, key, records, query, clearQuery]);
}
