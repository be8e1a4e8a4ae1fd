import { buildInbox, INBOX_SOURCES, inboxCount, type InboxSection } from '@ronde/domain';
import { useMemo, useSyncExternalStore } from 'react';
import type * as Y from 'yjs';
import { createYStore } from '../hooks/yStore.ts';
import { useInboxMeetings } from './useInboxMeetings.ts';

/**
 * My inbox in a space (domain INBOX-1…6), rebuilt when the space document
 * or one of its live meetings changes; `now` is the server's time (pass a
 * coarse one: a minute).
 *
 * @example
 * const { sections, count } = useInbox(spaceDoc, me.id, useServerNow(60_000), spaceId);
 */
export function useInbox(
  spaceDoc: Y.Doc,
  userId: string,
  now: number,
  spaceId: string,
): { sections: readonly InboxSection[]; count: number } {
  const meetings = useInboxMeetings(spaceDoc, spaceId);
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
        () => buildInbox({ spaceDoc, userId, now: minute, meetings }, INBOX_SOURCES),
      ),
    [spaceDoc, userId, minute, meetings],
  );
  const sections = useSyncExternalStore(store.subscribe, store.getSnapshot);
  return { sections, count: inboxCount(sections) };
}
