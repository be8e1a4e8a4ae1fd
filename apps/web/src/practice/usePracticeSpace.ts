import { useEffect, useState } from 'react';
import { useSession } from '../state/session.ts';
import { fetchPractice, type PracticeInfo } from './practiceApi.ts';

/** Answers already known, by space id: a space's mark never changes. */
const known = new Map<string, PracticeInfo | null>();

/** Forgets what is known of a space (after it was deleted). */
export function forgetPractice(spaceId: string): void {
  known.delete(spaceId);
}

/**
 * Whether this device's space is a practice space, asked of the server once
 * per space (null while unknown, for non-members and ordinary spaces).
 *
 * @example
 * const practice = usePracticeSpace(spaceId);
 * if (practice) return <PracticeBanner practice={practice} />;
 */
export function usePracticeSpace(spaceId: string | null): PracticeInfo | null {
  const member = useSession((s) => (spaceId ? s.memberships[spaceId] !== undefined : false));
  const [answer, setAnswer] = useState<{ spaceId: string; info: PracticeInfo | null } | null>(null);
  useEffect(() => {
    if (!spaceId || !member) return;
    if (known.has(spaceId)) {
      setAnswer({ spaceId, info: known.get(spaceId) ?? null });
      return;
    }
    let live = true;
    fetchPractice(spaceId).then(
      (info) => {
        known.set(spaceId, info);
        if (live) setAnswer({ spaceId, info });
      },
      () => undefined, // unknown for now: no banner rather than a wrong one
    );
    return () => {
      live = false;
    };
  }, [spaceId, member]);
  return answer !== null && answer.spaceId === spaceId ? answer.info : null;
}
