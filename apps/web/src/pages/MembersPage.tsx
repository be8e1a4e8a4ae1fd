import { isId, spaceRoom } from '@ronde/domain';
import { useCallback, useEffect, useState } from 'react';
import { Link, useParams } from 'react-router';
import { ApiError } from '../api/http.ts';
import {
  listDeviceKeys,
  type DeviceKeyInfo,
  type InviteInfo,
  type MemberInfo,
  type SpaceRole,
} from '../api/trust.ts';
import { AccessNotice } from '../components/AccessNotice.tsx';
import { BackLink } from '../components/BackLink.tsx';
import { Loading } from '../components/Loading.tsx';
import { RequireMembership } from '../components/RequireMembership.tsx';
import { useSpace } from '../hooks/useSpace.ts';
import { useT, type Translate } from '../i18n/useT.ts';
import { adminCall } from '../members/adminCall.ts';
import { DeviceKeyList } from '../members/DeviceKeyList.tsx';
import { InviteList } from '../members/InviteList.tsx';
import { MemberDirectory } from '../members/MemberDirectory.tsx';
import { MemberList } from '../members/MemberList.tsx';
import { NewInviteForm, type NewInvite } from '../members/NewInviteForm.tsx';
import { useSession } from '../state/session.ts';
import { useAccess } from '../state/useAccess.ts';
import { freshToken, refreshSession } from '../sync/sessionKeeper.ts';
import { useRoom } from '../sync/useRoom.ts';
import { NotFoundPage } from './NotFoundPage.tsx';

/**
 * `/s/:spaceId/members`: for the space's admins, invite links and members to
 * manage; for any other member, who is in the space and their signing keys.
 */
export function MembersPage() {
  const { spaceId = '' } = useParams();
  const t = useT();
  if (!isId(spaceId)) return <NotFoundPage message={t('space.notFound')} />;
  return (
    <RequireMembership key={spaceId} spaceId={spaceId}>
      <Members spaceId={spaceId} />
    </RequireMembership>
  );
}

/** What to say when an admin action failed. */
export function adminErrorMessage(t: Translate, error: unknown): string {
  if (!(error instanceof ApiError) || error.kind === 'network') return t('members.error.network');
  if (error.status === 409) return t('members.error.lastAdmin');
  if (error.status === 401 || error.status === 403) return t('members.error.forbidden');
  return t('members.error.server', { message: error.message });
}

/** Where a failed admin action was taken. */
type Section = 'page' | 'invites' | 'people';

function ErrorAlert({ message }: { message: string }) {
  return (
    <p role="alert" className="alert">
      {message}
    </p>
  );
}

function Members({ spaceId }: { spaceId: string }) {
  const t = useT();
  const room = useRoom(spaceRoom(spaceId));
  const space = useSpace(room.doc);
  const access = useAccess(spaceId, [room.provider]);
  const selfId = useSession((s) => s.memberships[spaceId]?.userId ?? '');
  const [invites, setInvites] = useState<readonly InviteInfo[] | null>(null);
  const [members, setMembers] = useState<readonly MemberInfo[] | null>(null);
  const [keys, setKeys] = useState<readonly DeviceKeyInfo[] | null>(null);
  const [busy, setBusy] = useState(false);
  // Shown where the action was taken, so a phone user scrolled down to the
  // people sees a refusal there rather than at the top of the page.
  const [error, setError] = useState<{ message: string; where: Section } | null>(null);

  const reload = useCallback(async () => {
    const [i, m] = await Promise.all([
      adminCall(spaceId, (api) => api.listInvites()),
      adminCall(spaceId, (api) => api.listMembers()),
    ]);
    setInvites(i);
    setMembers(m);
    const token = await freshToken(spaceId);
    if (token !== null) setKeys(await listDeviceKeys(spaceId, token));
  }, [spaceId]);

  useEffect(() => {
    document.title = `${t('members.title')} · ${space?.name ?? ''} · Ronde`;
  }, [t, space]);

  useEffect(() => {
    if (!access.admin) return;
    reload().catch((e: unknown) => setError({ message: adminErrorMessage(t, e), where: 'page' }));
  }, [access.admin, reload, t]);

  const act = async (where: Section, action: () => Promise<unknown>) => {
    setBusy(true);
    setError(null);
    try {
      await action();
      await reload();
    } catch (e) {
      setError({ message: adminErrorMessage(t, e), where });
      await reload().catch(() => {});
    } finally {
      setBusy(false);
    }
  };

  const create = (invite: NewInvite) =>
    void act('invites', () => adminCall(spaceId, (api) => api.createInvite(invite)));
  const revoke = (invite: InviteInfo) =>
    void act('invites', () => adminCall(spaceId, (api) => api.revokeInvite(invite.id)));
  const setRole = (member: MemberInfo, role: SpaceRole) =>
    void act('people', async () => {
      await adminCall(spaceId, (api) => api.setRole(member.userId, role));
      // My own role changed: my token says otherwise; get a new one.
      if (member.userId === selfId) await refreshSession(spaceId).catch(() => null);
    });
  const remove = (member: MemberInfo) =>
    void act('people', () => adminCall(spaceId, (api) => api.removeMember(member.userId)));

  return (
    <div className="page page--members">
      <BackLink to={`/s/${spaceId}`}>
        {space ? t('members.back', { space: space.name }) : t('members.backFallback')}
      </BackLink>
      <h1 className="page-title">{t('members.title')}</h1>
      <p>
        <Link to={`/s/${spaceId}/contributions`}>{t('ledger.link')}</Link>
      </p>
      {access.revoked ? (
        <AccessNotice access={access} />
      ) : !access.admin ? (
        <MemberDirectory spaceId={spaceId} selfId={selfId} />
      ) : (
        <>
          {error?.where === 'page' && <ErrorAlert message={error.message} />}
          <section aria-labelledby="invites-title" className="stack">
            <h2 id="invites-title">{t('members.invites')}</h2>
            {error?.where === 'invites' && <ErrorAlert message={error.message} />}
            <NewInviteForm busy={busy} onCreate={create} />
            {invites === null ? (
              <Loading message={t('members.loading')} />
            ) : (
              <InviteList invites={invites} busy={busy} onRevoke={revoke} />
            )}
          </section>
          <section aria-labelledby="people-title" className="stack">
            <h2 id="people-title">{t('members.people')}</h2>
            {error?.where === 'people' && <ErrorAlert message={error.message} />}
            {members === null ? (
              <Loading message={t('members.loading')} />
            ) : (
              <MemberList
                members={members}
                selfId={selfId}
                busy={busy}
                onRole={setRole}
                onRemove={remove}
              />
            )}
          </section>
          <section aria-labelledby="keys-title" className="stack">
            <h2 id="keys-title">{t('members.keys.title')}</h2>
            <p className="hint">{t('members.keys.hint')}</p>
            {keys === null || members === null ? (
              <Loading message={t('members.loading')} />
            ) : (
              <DeviceKeyList keys={keys} members={members} />
            )}
          </section>
        </>
      )}
    </div>
  );
}
