import { buildInbox, INBOX_SOURCES, inboxCount, type InboxSection } from '@ronde/domain';
import { useMemo, useSyncExternalStore } from 'react';
import type * as Y from 'yjs';
import { createYStore } from '../hooks/yStore.ts';

/**
 * My inbox in a space (domain INBOX-1…4), rebuilt when the space document
 * changes; `now` is the server's time (pass a coarse one: a minute).
 *
 * @example
 * const { sections, count } = useInbox(spaceDoc, me.id, useServerNow(60_000));
 */
export function useInbox(
  spaceDoc: Y.Doc,
  userId: string,
  now: number,
): { sections: readonly InboxSection[]; count: number } {
  // Whole minutes: the store is rebuilt once a minute, not on every render.
  const minute = Math.floor(now / 60_000) * 60_000;
  const store = useMemo(
    () =>
      createYStore(
        // Sections read several roots of the space: follow the whole document's changes.
        [
          {
            observeDeep: (f) => spaceDoc.on('update', f),
            unobserveDeep: (f) => spaceDoc.off('update', f),
          },
        ],
        () => buildInbox({ spaceDoc, userId, now: minute }, INBOX_SOURCES),
      ),
    [spaceDoc, userId, minute],
  );
  const sections = useSyncExternalStore(store.subscribe, store.getSnapshot);
  return { sections, count: inboxCount(sections) };
}
