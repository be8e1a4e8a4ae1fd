import { isId, spaceRoom, type SpaceInfo } from '@ronde/domain';
import { useEffect, type ReactNode } from 'react';
import { useParams } from 'react-router';
import type * as Y from 'yjs';
import { useSpace } from '../hooks/useSpace.ts';
import type { MessageKey } from '../i18n/en.ts';
import { useT } from '../i18n/useT.ts';
import { NotFoundPage } from '../pages/NotFoundPage.tsx';
import { useRoom, useRoomLoad } from '../sync/useRoom.ts';
import { Loading } from './Loading.tsx';
import { RequireMembership } from './RequireMembership.tsx';
import { RequireName } from './RequireName.tsx';

/**
 * The shell of a page that shows one view of a space document
 * (`/s/:spaceId/…`): a valid id, membership and a name first, then the space
 * document loaded (or "not found" once the server's copy has none), the page
 * title set, and `children` given the space and its document.
 *
 * @example
 * <SpaceDocPage titleKey="decisions.title" loadingKey="decisions.loading">
 *   {(space, doc) => <DecisionLog spaceId={space.id} spaceName={space.name} spaceDoc={doc} />}
 * </SpaceDocPage>
 */
export function SpaceDocPage(props: {
  titleKey: MessageKey;
  loadingKey: MessageKey;
  children: (space: SpaceInfo, doc: Y.Doc) => ReactNode;
}) {
  const { spaceId = '' } = useParams();
  const t = useT();
  if (!isId(spaceId)) return <NotFoundPage message={t('space.notFound')} />;
  return (
    <RequireMembership key={spaceId} spaceId={spaceId}>
      <RequireName>
        <SpaceDocRoom spaceId={spaceId} {...props} />
      </RequireName>
    </RequireMembership>
  );
}

function SpaceDocRoom({
  spaceId,
  titleKey,
  loadingKey,
  children,
}: {
  spaceId: string;
  titleKey: MessageKey;
  loadingKey: MessageKey;
  children: (space: SpaceInfo, doc: Y.Doc) => ReactNode;
}) {
  const t = useT();
  const room = useRoom(spaceRoom(spaceId));
  const load = useRoomLoad(room);
  const space = useSpace(room.doc);
  useEffect(() => {
    if (space) document.title = `${t(titleKey)} · ${space.name} · Ronde`;
  }, [space, t, titleKey]);
  if (!space) {
    if (load === 'synced') return <NotFoundPage message={t('space.notFound')} />;
    return <Loading message={t(loadingKey)} />;
  }
  return children(space, room.doc);
}
