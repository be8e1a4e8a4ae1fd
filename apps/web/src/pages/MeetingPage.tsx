import { isId, roleOf, roomName, spaceRoom } from '@ronde/domain';
import { useEffect } from 'react';
import { Link, useParams } from 'react-router';
import { AccessNotice } from '../components/AccessNotice.tsx';
import { BackLink } from '../components/BackLink.tsx';
import { Loading } from '../components/Loading.tsx';
import { RequireMembership } from '../components/RequireMembership.tsx';
import { RequireName } from '../components/RequireName.tsx';
import { useCircles } from '../hooks/useCircles.ts';
import { useMeeting } from '../hooks/useMeeting.ts';
import { usePeople } from '../hooks/usePeople.ts';
import { useProposals } from '../hooks/useProposals.ts';
import { useSpace } from '../hooks/useSpace.ts';
import { formatDateTime } from '../i18n/formatTime.ts';
import { useLanguage, useT } from '../i18n/useT.ts';
import { Agenda } from '../meeting/Agenda.tsx';
import { MeetingProcess } from '../meeting/MeetingProcess.tsx';
import { PeoplePanel } from '../meeting/PeoplePanel.tsx';
import { joinRole, useJoinMeeting } from '../meeting/useJoinMeeting.ts';
import { watchers } from '../meeting/watchers.ts';
import { usePresence } from '../hooks/usePresence.ts';
import { isRunning } from '../process/steps.ts';
import { useMeetingState } from '../process/useMeetingState.ts';
import { useAccess } from '../state/useAccess.ts';
import { useIdentity } from '../state/useIdentity.ts';
import { useConnectionStatus } from '../sync/useConnectionStatus.ts';
import { useRoom, useRoomLoad } from '../sync/useRoom.ts';
import { TacticalBacklog } from '../tensions/TacticalBacklog.tsx';
import { NotFoundPage } from './NotFoundPage.tsx';

/** `/s/:spaceId/m/:meetingId`: a meeting, its people and its co-edited agenda. */
export function MeetingPage() {
  const { spaceId = '', meetingId = '' } = useParams();
  const t = useT();
  if (!isId(spaceId) || !isId(meetingId)) {
    return <NotFoundPage message={t('meeting.notFound')} />;
  }
  return (
    <RequireMembership key={`${spaceId}/${meetingId}`} spaceId={spaceId}>
      <RequireName>
        <Meeting spaceId={spaceId} meetingId={meetingId} />
      </RequireName>
    </RequireMembership>
  );
}

function Meeting({ spaceId, meetingId }: { spaceId: string; meetingId: string }) {
  const t = useT();
  const language = useLanguage();
  const me = useIdentity(spaceId);
  const spaceDocRoom = useRoom(spaceRoom(spaceId));
  const room = useRoom(roomName({ spaceId, kind: 'meeting', id: meetingId }));
  const load = useRoomLoad(room);
  const status = useConnectionStatus(room.provider);
  const meeting = useMeeting(room.doc);
  const people = usePeople(room.doc);
  // Observers write nothing; they are seen through presence (bug 8).
  const present = usePresence(room.provider.awareness, me.id);
  const meetingState = useMeetingState(room.doc);
  const space = useSpace(spaceDocRoom.doc);
  const circles = useCircles(spaceDocRoom.doc);
  const proposals = useProposals(spaceDocRoom.doc);
  const belongs = meeting !== null && meeting.spaceId === spaceId;
  const access = useAccess(spaceId, [room.provider, spaceDocRoom.provider]);
  // A space observer is always a meeting observer. The server drops an
  // observer's writes, so they do not write themselves into the people
  // either: they are present (awareness), never in the roles.
  const started = meetingState.phase !== 'not-started';
  const role =
    belongs && !access.readOnly
      ? joinRole({
          createdBy: meeting.createdBy,
          me: me.id,
          spaceRole: access.role,
          started,
          load,
          status,
        })
      : null;
  useJoinMeeting(room.doc, role, me);

  useEffect(() => {
    if (meeting) document.title = `${meeting.title} · Ronde`;
  }, [meeting]);

  if (!belongs) {
    if (load === 'synced' || meeting) return <NotFoundPage message={t('meeting.notFound')} />;
    return <Loading message={load === 'loading' ? t('meeting.loading') : t('meeting.waiting')} />;
  }

  // Once the meeting has started, roles are the log's (SPEC MEET-2), not the people map's.
  const myRole = access.readOnly
    ? undefined
    : (roleOf(meetingState, { agenda: [], people }, me.id) ?? undefined);
  // What the server lets me write (SPEC WRITE-4…6): before the start a
  // facilitator of the people map or a space admin manages roles, the
  // secretary and every agenda item; once started, the log's facilitators
  // change roles by events and the meeting's fields until it ends.
  const logFacilitator = !access.readOnly && meetingState.facilitators.includes(me.id);
  const mapFacilitator =
    !access.readOnly && people.some((p) => p.id === me.id && p.role === 'facilitator');
  const manages = !access.readOnly && (access.admin || mapFacilitator);
  const canSetRoles = started ? isRunning(meetingState) && logFacilitator : manages;
  const admin = !access.readOnly && access.admin;
  const canSetSecretary =
    meetingState.phase !== 'ended' && (started ? logFacilitator || admin : manages);
  const circle = circles.find((c) => c.id === meeting.circleId);
  const running = isRunning(meetingState);
  const agenda = (inDrawer: boolean) => (
    <Agenda
      doc={room.doc}
      state={meetingState}
      spaceId={spaceId}
      people={people}
      proposals={proposals}
      who={{
        userId: me.id,
        manages,
        writes: myRole !== undefined && myRole !== 'observer',
      }}
      readOnly={access.readOnly}
      inDrawer={inDrawer}
    />
  );
  const peoplePanel = (editable: boolean) => (
    <PeoplePanel
      doc={room.doc}
      people={people}
      state={meetingState}
      selfId={me.id}
      secretaryId={meeting.secretaryId}
      canSetRoles={editable && canSetRoles}
      canSetSecretary={editable && canSetSecretary}
      watching={watchers(people, present)}
    />
  );
  // While the meeting runs the stage keeps the screen: whoever may change
  // roles or the secretary finds them, and the agenda editor, in the
  // cockpit's drawer; everyone else sees the people read-only and no agenda
  // editor at all (where we are is in the side column); a tension they want
  // raised goes to the backlog, for a facilitator to put on the agenda.
  const drawer = running && (canSetRoles || canSetSecretary);
  const header = (
    <>
      <div className="proposal-top">
        <BackLink to={`/s/${spaceId}`}>
          {space ? t('meeting.back', { space: space.name }) : t('meeting.backFallback')}
        </BackLink>
      </div>
      <header className="meeting-head">
        <h1 className="page-title">{meeting.title}</h1>
        <div className="proposal-top__meta">
          <span className={`badge badge--meeting-${meeting.kind}`}>
            {t(`meetingKind.${meeting.kind}`)}
          </span>
          {circle && <span className="meta">{t('meeting.circle', { circle: circle.name })}</span>}
          <time className="meta" dateTime={new Date(meeting.startsAt).toISOString()}>
            {t('meeting.startsAt', { when: formatDateTime(language, meeting.startsAt) })}
          </time>
        </div>
      </header>
      <AccessNotice access={access} />
    </>
  );
  return (
    <div className={`page page--meeting${running ? ' page--cockpit' : ''}`}>
      {header}
      <div className={running ? 'cockpit-page' : 'proposal-layout meeting-layout'}>
        <div className="meeting-main">
          {/* One process at one place, so its live region keeps what it said across the start. */}
          <MeetingProcess
            doc={room.doc}
            readOnly={access.readOnly}
            tools={
              drawer ? (
                <>
                  {agenda(true)}
                  {peoplePanel(true)}
                </>
              ) : null
            }
            side={running ? peoplePanel(false) : null}
          />
          {!running && agenda(false)}
          {running && !drawer && !access.readOnly && (
            <p className="hint raise-tension">
              {t('cockpit.raiseTension')}{' '}
              <Link to={`/s/${spaceId}/tensions`}>{t('cockpit.raiseTensionLink')}</Link>
              {t('cockpit.raiseTensionHint')}
            </p>
          )}
          {/* The fold's kind: the start fixed it (domain TRIAGE-5). */}
          {meetingState.kind === 'tactical' && (
            <TacticalBacklog
              spaceId={spaceId}
              spaceDoc={spaceDocRoom.doc}
              meetingDoc={room.doc}
              meetingId={meeting.id}
              state={meetingState}
              people={people}
              me={me.id}
              readOnly={access.readOnly}
            />
          )}
        </div>
        {!running && <aside className="proposal-side">{peoplePanel(true)}</aside>}
      </div>
    </div>
  );
}
