import { isId, spaceRoom } from '@ronde/domain';
import { useEffect, useRef, useState } from 'react';
import { Link, useParams } from 'react-router';
import { AccessNotice } from '../components/AccessNotice.tsx';
import { AdminLink } from '../components/AdminLink.tsx';
import { RequireMembership } from '../components/RequireMembership.tsx';
import { useShareLink } from '../members/useShareLink.ts';
import { useAccess } from '../state/useAccess.ts';
import { Loading } from '../components/Loading.tsx';
import { MeetingList } from '../components/MeetingList.tsx';
import { NewMeetingForm } from '../components/NewMeetingForm.tsx';
import { NewProposalForm } from '../components/NewProposalForm.tsx';
import { ProposalList } from '../components/ProposalList.tsx';
import { RequireName } from '../components/RequireName.tsx';
import { ShareLink } from '../components/ShareLink.tsx';
import { AsyncPolicyForm } from '../asyncConsent/AsyncPolicyForm.tsx';
import { useIdentity } from '../state/useIdentity.ts';
import { LatestDecisions } from '../decisions/LatestDecisions.tsx';
import { SpaceInboxLink } from '../inbox/InboxLink.tsx';
import { ParticipationOverview } from '../equity/ParticipationOverview.tsx';
import { useCircles } from '../hooks/useCircles.ts';
import { useMeetings } from '../hooks/useMeetings.ts';
import { useProposals } from '../hooks/useProposals.ts';
import { useSpace } from '../hooks/useSpace.ts';
import { useT } from '../i18n/useT.ts';
import { useSession } from '../state/session.ts';
import { useRoom, useRoomLoad } from '../sync/useRoom.ts';
import { NotFoundPage } from './NotFoundPage.tsx';
import { BackupDownload } from '../commons/BackupDownload.tsx';

/** `/s/:spaceId`: a space, its circles and proposals. */
export function SpacePage() {
  const { spaceId = '' } = useParams();
  const t = useT();
  if (!isId(spaceId)) return <NotFoundPage message={t('space.notFound')} />;
  return (
    <RequireMembership key={spaceId} spaceId={spaceId}>
      <RequireName>
        <Space spaceId={spaceId} />
      </RequireName>
    </RequireMembership>
  );
}

function Space({ spaceId }: { spaceId: string }) {
  const t = useT();
  const room = useRoom(spaceRoom(spaceId));
  const load = useRoomLoad(room);
  const space = useSpace(room.doc);
  const circles = useCircles(room.doc);
  const proposals = useProposals(room.doc);
  const meetings = useMeetings(room.doc);
  const rememberSpace = useSession((s) => s.rememberSpace);
  const [creating, setCreating] = useState(false);
  const [planning, setPlanning] = useState(false);
  // A cancelled form gives focus back to the button that opened it.
  const refocus = useRef<'proposal' | 'meeting' | null>(null);
  const focusIfReturning =
    (which: 'proposal' | 'meeting') => (button: HTMLButtonElement | null) => {
      if (button && refocus.current === which) {
        refocus.current = null;
        button.focus();
      }
    };
  const access = useAccess(spaceId, [room.provider]);
  const me = useIdentity(spaceId);
  const shareLink = useShareLink(spaceId, access.admin);

  useEffect(() => {
    if (space) rememberSpace({ id: space.id, name: space.name, openedAt: Date.now() });
  }, [space, rememberSpace]);

  useEffect(() => {
    if (space) document.title = `${space.name} · Ronde`;
  }, [space]);

  if (!space) {
    if (load === 'synced') return <NotFoundPage message={t('space.notFound')} />;
    return <Loading message={load === 'loading' ? t('space.loading') : t('space.waiting')} />;
  }

  return (
    <div className="page">
      <AccessNotice access={access} />
      {access.admin && <AdminLink spaceId={spaceId} />}
      <div className={access.admin ? 'space-head space-head--admin' : 'space-head'}>
        <div>
          <h1 className="page-title">{space.name}</h1>
          <section aria-labelledby="circles-title" className="circles">
            <h2 id="circles-title" className="visually-hidden">
              {t('space.circles')}
            </h2>
            <ul className="chips">
              {circles.map((c) => (
                <li key={c.id} className="chip">
                  <span className="chip__ring" aria-hidden="true" />
                  {c.name}
                </li>
              ))}
            </ul>
            <Link to={`/s/${space.id}/governance`} className="button">
              {t('gov.spaceLink')}
            </Link>
            <Link to={`/s/${space.id}/tensions`} className="button">
              {t('tensions.link')}
            </Link>
            <Link to={`/s/${space.id}/actions`} className="button">
              {t('actions.link')}
            </Link>
            <Link to={`/s/${space.id}/time`} className="button">
              {t('timeBank.link')}
            </Link>
            <Link to={`/s/${space.id}/contributions`} className="button">
              {t('ledger.link')}
            </Link>
            {/* Admins find it beside the share link; everyone may see who is in the space (PEOPLE-1). */}
            {!access.admin && (
              <Link to={`/s/${space.id}/members`} className="button">
                {t('space.members')}
              </Link>
            )}
            <SpaceInboxLink spaceId={space.id} userId={me.id} />
          </section>
        </div>
        {access.admin && (
          <div className="space-admin">
            {shareLink && <ShareLink url={shareLink} />}
            <Link to={`/s/${space.id}/members`} className="button">
              {t('space.members')}
            </Link>
            <BackupDownload spaceId={space.id} spaceName={space.name} />
          </div>
        )}
      </div>

      <section aria-labelledby="proposals-title" className="proposals">
        <div className="section-head">
          <h2 id="proposals-title">{t('space.proposals')}</h2>
          {!creating && !access.readOnly && (
            <button
              ref={focusIfReturning('proposal')}
              type="button"
              className="button button--primary"
              onClick={() => setCreating(true)}
            >
              <span aria-hidden="true">+ </span>
              {t('space.newProposal')}
            </button>
          )}
        </div>
        {creating && !access.readOnly && (
          <NewProposalForm
            space={space}
            spaceDoc={room.doc}
            circles={circles}
            onCancel={() => {
              refocus.current = 'proposal';
              setCreating(false);
            }}
          />
        )}
        <ProposalList
          spaceId={space.id}
          proposals={proposals}
          circles={circles}
          readOnly={access.readOnly}
        />
      </section>

      <section aria-labelledby="meetings-title" className="meetings">
        <div className="section-head">
          <h2 id="meetings-title">{t('space.meetings')}</h2>
          {!planning && !access.readOnly && (
            <button
              ref={focusIfReturning('meeting')}
              type="button"
              className="button button--primary"
              onClick={() => setPlanning(true)}
            >
              <span aria-hidden="true">+ </span>
              {t('space.newMeeting')}
            </button>
          )}
        </div>
        {planning && !access.readOnly && (
          <NewMeetingForm
            space={space}
            spaceDoc={room.doc}
            circles={circles}
            onCancel={() => {
              refocus.current = 'meeting';
              setPlanning(false);
            }}
          />
        )}
        <MeetingList
          spaceId={space.id}
          meetings={meetings}
          circles={circles}
          readOnly={access.readOnly}
        />
      </section>

      <AsyncPolicyForm spaceDoc={room.doc} admin={access.admin} />
      <LatestDecisions spaceId={space.id} spaceDoc={room.doc} />
      <ParticipationOverview spaceDoc={room.doc} />
    </div>
  );
}
