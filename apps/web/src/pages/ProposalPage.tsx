import {
  DRIVER_MAX,
  isEditable,
  isId,
  proposalDriver,
  proposalTitle,
  roomName,
  spaceRoom,
  TITLE_MAX,
} from '@ronde/domain';
import { useEffect, useState } from 'react';
import { Link, useParams } from 'react-router';
import { AccessNotice } from '../components/AccessNotice.tsx';
import { BackLink } from '../components/BackLink.tsx';
import { Loading } from '../components/Loading.tsx';
import { RequireMembership } from '../components/RequireMembership.tsx';
import { PresenceList } from '../components/PresenceList.tsx';
import { RequireName } from '../components/RequireName.tsx';
import { StatusBadge } from '../components/StatusBadge.tsx';
import { YTextArea, YTextInput } from '../components/YTextField.tsx';
import { AsyncConsentPanel } from '../asyncConsent/AsyncConsentPanel.tsx';
import { useAsyncHold } from '../asyncConsent/useAsyncConsent.ts';
import { ProposalEditor } from '../editor/ProposalEditor.tsx';
import { ProposalTension } from '../tensions/ProposalTension.tsx';
import { ProposalChanges } from '../governance/ProposalChanges.tsx';
import { useCircles } from '../hooks/useCircles.ts';
import { useNow } from '../hooks/useNow.ts';
import { useProposalMeta } from '../hooks/useProposalMeta.ts';
import { useSpace } from '../hooks/useSpace.ts';
import { useYText } from '../hooks/useYText.ts';
import { formatDateTime, formatRelative } from '../i18n/formatTime.ts';
import { useLanguage, useT } from '../i18n/useT.ts';
import { MeetingAmendWatch, useMeetingHold } from '../proposal/meetingHold.tsx';
import { useIndexUpdater } from '../proposal/useIndexUpdater.ts';
import { useAccess } from '../state/useAccess.ts';
import { useIdentity } from '../state/useIdentity.ts';
import { useConnectionStatus } from '../sync/useConnectionStatus.ts';
import { useRoom, useRoomLoad } from '../sync/useRoom.ts';
import { NotFoundPage } from './NotFoundPage.tsx';
import { CommonsExport } from '../commons/CommonsExport.tsx';

/** `/s/:spaceId/p/:proposalId`: the proposal editor. */
export function ProposalPage() {
  const { spaceId = '', proposalId = '' } = useParams();
  const t = useT();
  if (!isId(spaceId) || !isId(proposalId)) {
    return <NotFoundPage message={t('proposal.notFound')} />;
  }
  return (
    <RequireMembership key={`${spaceId}/${proposalId}`} spaceId={spaceId}>
      <RequireName>
        <Proposal spaceId={spaceId} proposalId={proposalId} />
      </RequireName>
    </RequireMembership>
  );
}

function Proposal({ spaceId, proposalId }: { spaceId: string; proposalId: string }) {
  const t = useT();
  const language = useLanguage();
  const me = useIdentity(spaceId);
  const now = useNow();
  const spaceRoomRef = useRoom(spaceRoom(spaceId));
  const room = useRoom(roomName({ spaceId, kind: 'proposal', id: proposalId }));
  const load = useRoomLoad(room);
  const meta = useProposalMeta(room.doc);
  const space = useSpace(spaceRoomRef.doc);
  const circles = useCircles(spaceRoomRef.doc);
  const status = useConnectionStatus(room.provider);
  const title = useYText(proposalTitle(room.doc));
  const access = useAccess(spaceId, [room.provider, spaceRoomRef.provider]);
  useIndexUpdater(room.doc, spaceRoomRef.doc, proposalId, !access.readOnly);
  const held = useAsyncHold(room.doc);
  const meetingHold = useMeetingHold(room.doc);
  const [amendingInMeeting, setAmendingInMeeting] = useState(false);

  useEffect(() => {
    document.title = `${title.trim() || t('proposal.untitled')} · Ronde`;
  }, [title, t]);

  if (!meta || meta.spaceId !== spaceId) {
    if (load === 'synced' || (meta && meta.spaceId !== spaceId)) {
      return <NotFoundPage message={t('proposal.notFound')} />;
    }
    return <Loading message={load === 'loading' ? t('proposal.loading') : t('proposal.waiting')} />;
  }

  const open = isEditable(meta.status);
  // In asynchronous consent its proposer amends the text (server ACONS-4).
  const amends = held !== null && meta.authorId === me.id;
  // Held by a meeting: its proposer and facilitators, at an amend step (AMEND-1, WRITE-8).
  const editable = (open || amends || amendingInMeeting) && !access.readOnly;
  const circle = circles.find((c) => c.id === meta.circleId);
  return (
    <div className="page page--proposal">
      <div className="proposal-top">
        <BackLink to={`/s/${spaceId}`}>
          {space ? t('proposal.back', { space: space.name }) : t('proposal.backFallback')}
        </BackLink>
        <div className="proposal-top__meta">
          <StatusBadge status={meta.status} />
          <Link to={`/s/${spaceId}/p/${proposalId}/history`}>{t('history.link')}</Link>
          {circle && <span className="meta">{t('proposal.circle', { circle: circle.name })}</span>}
          {meta.createdBy && (
            <span className="meta" title={formatDateTime(language, meta.createdAt)}>
              {t('proposal.createdBy', {
                name: meta.createdBy,
                when: formatRelative(
                  language,
                  Math.min(meta.createdAt, now),
                  now,
                  t('time.justNow'),
                ),
              })}
            </span>
          )}
        </div>
        <CommonsExport
          spaceId={spaceId}
          target={{ kind: 'proposal', id: proposalId }}
          name={title.trim() || t('proposal.untitled')}
        />
      </div>

      <div className="proposal-layout">
        <article className="proposal-main">
          <AccessNotice access={access} />
          <AsyncConsentPanel
            spaceId={spaceId}
            meta={meta}
            spaceDoc={spaceRoomRef.doc}
            me={me.id}
            held={held}
            canWrite={!access.readOnly}
          />
          {meetingHold !== null && (
            <MeetingAmendWatch
              spaceId={spaceId}
              meetingId={meetingHold}
              proposalId={proposalId}
              me={me.id}
              onChange={setAmendingInMeeting}
            />
          )}
          {meetingHold !== null ? (
            <p className="notice">
              {t(amendingInMeeting ? 'proposal.amendingInMeeting' : 'proposal.heldByMeeting')}{' '}
              <Link to={`/s/${spaceId}/m/${meetingHold}`}>{t('proposal.openMeeting')}</Link>
            </p>
          ) : (
            !open &&
            !amends && (
              <p className="notice">
                {t('proposal.readOnly', { status: t(`proposalStatus.inSentence.${meta.status}`) })}
              </p>
            )
          )}
          {(status === 'offline' || status === 'error') && editable && (
            <p className="notice notice--offline">{t('proposal.offlineHint')}</p>
          )}
          <div className="field field--title">
            <label htmlFor="proposal-title" className="field__label-quiet">
              {t('proposal.title')}
            </label>
            <YTextInput
              id="proposal-title"
              text={proposalTitle(room.doc)}
              maxLength={TITLE_MAX}
              readOnly={!editable}
              className="title-input"
            />
          </div>
          <div className="field field--driver">
            <label htmlFor="proposal-driver" className="field__label-quiet">
              {t('proposal.driver')}
            </label>
            <YTextArea
              id="proposal-driver"
              text={proposalDriver(room.doc)}
              maxLength={DRIVER_MAX}
              readOnly={!editable}
              className="driver-input"
              describedBy="proposal-driver-hint"
            />
            <p id="proposal-driver-hint" className="hint">
              {t('proposal.driverHint')}
            </p>
          </div>
          <ProposalTension
            spaceId={spaceId}
            spaceDoc={spaceRoomRef.doc}
            proposalDoc={room.doc}
            proposalId={proposalId}
          />
          <ProposalEditor doc={room.doc} provider={room.provider} me={me} editable={editable} />
          <ProposalChanges
            proposalDoc={room.doc}
            spaceDoc={spaceRoomRef.doc}
            // Like its text (WRITE-8): adopting the proposal applies them.
            editable={editable}
            me={me}
          />
        </article>
        <aside className="proposal-side">
          <PresenceList awareness={room.provider.awareness} selfUserId={me.id} />
        </aside>
      </div>
    </div>
  );
}
