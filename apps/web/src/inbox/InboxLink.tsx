import { spaceRoom } from '@ronde/domain';
import { Link, useMatch } from 'react-router';
import { useServerNow } from '../hooks/useServerNow.ts';
import { useTn } from '../i18n/useT.ts';
import { useSession } from '../state/session.ts';
import { useRoom } from '../sync/useRoom.ts';
import { useInbox } from './useInbox.ts';

/**
 * The header's link to my inbox in the space shown, with how many things
 * await me; nothing outside a space or without a membership.
 *
 * @example
 * <InboxLink />
 */
export function InboxLink() {
  const match = useMatch('/s/:spaceId/*');
  const spaceId = match?.params.spaceId ?? '';
  const membership = useSession((s) => (spaceId ? s.memberships[spaceId] : undefined));
  if (!membership || membership.revoked) return null;
  return <SpaceInboxLink spaceId={spaceId} userId={membership.userId} />;
}

/** The link itself, with the count (reads the space document). */
export function SpaceInboxLink({ spaceId, userId }: { spaceId: string; userId: string }) {
  const tn = useTn();
  const room = useRoom(spaceRoom(spaceId));
  const { count } = useInbox(room.doc, userId, useServerNow(60_000), spaceId);
  return (
    <Link to={`/s/${spaceId}/inbox`} className="button button--quiet inbox-link">
      {tn('inbox.link', count)}
    </Link>
  );
}
