import {
  proposalBody,
  proposalChanges,
  proposalDriver,
  proposalTextDigest,
  proposalTitle,
} from '@ronde/domain';
import { useMemo, useSyncExternalStore } from 'react';
import type * as Y from 'yjs';
import { createYStore } from '../hooks/yStore.ts';

/**
 * The digest of the proposal's text as this screen shows it (ASYNC-15),
 * recomputed only when its title, driver, body or changes change. A
 * position or an amendment names it, so the server counts a person only on
 * the text they read.
 *
 * @example
 * const digest = useTextDigest(proposalRoom.doc);
 * const changed = digest !== state.digest; // edited since the last recorded revision
 */
export function useTextDigest(proposalDoc: Y.Doc): string {
  const store = useMemo(
    () =>
      createYStore(
        [
          proposalTitle(proposalDoc),
          proposalDriver(proposalDoc),
          proposalBody(proposalDoc),
          proposalChanges(proposalDoc),
        ],
        () => proposalTextDigest(proposalDoc),
      ),
    [proposalDoc],
  );
  return useSyncExternalStore(store.subscribe, store.getSnapshot);
}
