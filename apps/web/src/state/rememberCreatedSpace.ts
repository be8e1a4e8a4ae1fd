import type { CreatedSpace } from '../api/createSpace.ts';
import { useSession, type RecentSpace } from './session.ts';

/**
 * Keeps on this device what creating a space grants its creator (a new
 * space, a practice one, or one imported from a backup): the admin
 * membership and its session, the admin and share links, and the space at
 * the top of the recent list (`recent` adds to that entry, e.g. the
 * practice mark).
 *
 * @example
 * const space = await createSpace({ name: 'Coop du Val', circleName: 'General circle', memberName: 'Awa' });
 * rememberCreatedSpace(space);
 * navigate(`/s/${space.id}`);
 */
export function rememberCreatedSpace(
  space: CreatedSpace,
  recent: Pick<RecentSpace, 'practice'> = {},
): void {
  const session = useSession.getState();
  session.setMembership(space.id, {
    ...space.member,
    token: space.session.token,
    expiresAt: space.session.expiresAt,
    receivedAt: Date.now(),
  });
  session.rememberLinks(space.id, {
    adminLink: space.adminLink,
    ...(space.invite ? { shareLink: space.invite.link } : {}),
  });
  session.rememberSpace({ id: space.id, name: space.name, openedAt: Date.now(), ...recent });
}
