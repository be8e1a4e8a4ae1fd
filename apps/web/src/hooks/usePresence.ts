import { useMemo, useSyncExternalStore } from 'react';
import type { Awareness } from 'y-protocols/awareness';
import { presentPeople, type PresentPerson } from './presence.ts';
import { plainEqual } from './yStore.ts';

/**
 * Who is present in a document, from its awareness, deduplicated by user id.
 * Re-renders only when someone arrives, leaves or changes name or colour
 * (cursor moves do not count).
 *
 * @example
 * const people = usePresence(room.provider.awareness, me.id);
 * people.map((p) => <li key={p.userId}>{p.name}</li>);
 */
export function usePresence(awareness: Awareness, selfUserId: string): readonly PresentPerson[] {
  const store = useMemo(() => {
    let cached: PresentPerson[] | null = null;
    return {
      subscribe(listener: () => void) {
        awareness.on('change', listener);
        return () => awareness.off('change', listener);
      },
      getSnapshot() {
        const next = presentPeople(awareness.getStates(), selfUserId);
        if (cached === null || !plainEqual(cached, next)) cached = next;
        return cached;
      },
    };
  }, [awareness, selfUserId]);
  return useSyncExternalStore(store.subscribe, store.getSnapshot);
}
