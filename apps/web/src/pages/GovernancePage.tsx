import { isId, spaceRoom } from '@ronde/domain';
import { useEffect } from 'react';
import { Loading } from '../components/Loading.tsx';
import { RequireMembership } from '../components/RequireMembership.tsx';
import { RequireName } from '../components/RequireName.tsx';
import { GovernanceRecords } from '../governance/GovernanceRecords.tsx';
import { useSpace } from '../hooks/useSpace.ts';
import { useT } from '../i18n/useT.ts';
import { useRoom, useRoomLoad } from '../sync/useRoom.ts';
import { NotFoundPage } from './NotFoundPage.tsx';
import { useParams } from 'react-router';

/** `/s/:spaceId/governance`: the space's circles, roles, policies and their history. */
export function GovernancePage() {
  const { spaceId = '' } = useParams();
  const t = useT();
  if (!isId(spaceId)) return <NotFoundPage message={t('space.notFound')} />;
  return (
    <RequireMembership key={spaceId} spaceId={spaceId}>
      <RequireName>
        <GovernanceRoom spaceId={spaceId} />
      </RequireName>
    </RequireMembership>
  );
}

function GovernanceRoom({ spaceId }: { spaceId: string }) {
  const t = useT();
  const room = useRoom(spaceRoom(spaceId));
  const load = useRoomLoad(room);
  const space = useSpace(room.doc);
  useEffect(() => {
    if (space) document.title = `${t('gov.page.title')} · ${space.name} · Ronde`;
  }, [space, t]);
  if (!space) {
    if (load === 'synced') return <NotFoundPage message={t('space.notFound')} />;
    return <Loading message={t('gov.page.loading')} />;
  }
  return <GovernanceRecords spaceId={space.id} spaceName={space.name} spaceDoc={room.doc} />;
}
