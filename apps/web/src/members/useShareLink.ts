import { useEffect } from 'react';
import { spaceAdminApi, type InviteInfo } from '../api/trust.ts';
import { useSession } from '../state/session.ts';

/** The space's share link: its oldest active member invite. */
export function pickShareLink(invites: readonly InviteInfo[]): string | null {
  const members = invites.filter((i) => i.role === 'member' && i.status === 'active');
  members.sort((a, b) => (a.createdAt ?? 0) - (b.createdAt ?? 0));
  return members[0]?.link ?? null;
}

/**
 * The share link of a space for an admin: the one known on this device
 * (from the space's creation), else fetched from the invite list.
 *
 * @example
 * const link = useShareLink(spaceId, access.admin);
 */
export function useShareLink(spaceId: string, admin: boolean): string | null {
  const known = useSession((s) => s.shareLinks[spaceId] ?? null);
  const token = useSession((s) => s.memberships[spaceId]?.token ?? '');
  const hasToken = token !== '';
  useEffect(() => {
    if (!admin || known !== null || !hasToken) return;
    let cancelled = false;
    const current = useSession.getState().memberships[spaceId]?.token ?? '';
    spaceAdminApi(spaceId, current)
      .listInvites()
      .then((invites) => {
        const link = pickShareLink(invites);
        if (!cancelled && link) useSession.getState().rememberLinks(spaceId, { shareLink: link });
      })
      .catch(() => {});
    return () => {
      cancelled = true;
    };
  }, [spaceId, admin, known, hasToken]);
  return admin ? known : null;
}
