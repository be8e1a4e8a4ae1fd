import { useEffect, useState } from 'react';
import { listPeople, type SpacePerson } from '../api/trust.ts';
import { useSession } from '../state/session.ts';
import { withSession } from '../sync/sessionKeeper.ts';

/**
 * Where the directory of a space stands: `loading` until its first answer,
 * `loaded` when the last fetch succeeded, `failed` when it did not (the
 * server was unreachable or refused, or this device is no member).
 */
export type DirectoryStatus = 'loading' | 'loaded' | 'failed';

/** The directory of a space as this member last received it. */
export interface SpaceDirectory {
  /** The last list the server gave, kept when a later fetch fails; null before any. */
  readonly people: readonly SpacePerson[] | null;
  readonly status: DirectoryStatus;
}

const LOADING: SpaceDirectory = { people: null, status: 'loading' };

/**
 * The directory of a space (its current members and their registered names),
 * for the current member. Fetched again when the window regains focus and
 * when this member's access or name there changes (a role change, a removal,
 * a rename, NAME-5); a failed fetch keeps the last good list and says
 * `failed`, so callers can fall back to the names the records hold.
 *
 * @example
 * const { people, status } = useSpacePeople(spaceId);
 * const listed = people?.some((p) => p.userId === ownerId) ?? false;
 */
export function useSpacePeople(spaceId: string): SpaceDirectory {
  // What the server answers depends on who asks: fetch again when that changes.
  const userId = useSession((s) => s.memberships[spaceId]?.userId ?? '');
  const role = useSession((s) => s.memberships[spaceId]?.role ?? null);
  const name = useSession((s) => s.memberships[spaceId]?.name ?? '');
  const revoked = useSession((s) => s.memberships[spaceId]?.revoked === true);
  const [state, setState] = useState<SpaceDirectory & { spaceId: string }>({
    ...LOADING,
    spaceId,
  });

  useEffect(() => {
    let mounted = true;
    let started = 0;
    // The newest answer wins: an older fetch that ends late changes nothing.
    let applied = 0;
    const load = () => {
      const index = ++started;
      const settle = (next: (previous: SpaceDirectory) => SpaceDirectory) => {
        if (!mounted || index < applied) return;
        applied = index;
        setState((s) => ({ ...next(s.spaceId === spaceId ? s : LOADING), spaceId }));
      };
      withSession(spaceId, (token) => listPeople(spaceId, token)).then(
        (people) => settle(() => ({ people, status: 'loaded' })),
        () => settle((s) => ({ people: s.people, status: 'failed' })),
      );
    };
    load();
    window.addEventListener('focus', load);
    return () => {
      mounted = false;
      window.removeEventListener('focus', load);
    };
  }, [spaceId, userId, role, name, revoked]);

  // Another space's list is never shown for this one, even for a render.
  return state.spaceId === spaceId ? state : LOADING;
}
