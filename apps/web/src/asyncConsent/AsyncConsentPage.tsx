import { isId, proposalTitle, roomName, spaceRoom, type AsyncConsentState } from '@ronde/domain';
import { useEffect } from 'react';
import { Link, useParams } from 'react-router';
import { AccessNotice } from '../components/AccessNotice.tsx';
import { BackLink } from '../components/BackLink.tsx';
import { Loading } from '../components/Loading.tsx';
import { RequireMembership } from '../components/RequireMembership.tsx';
import { RequireName } from '../components/RequireName.tsx';
import { useSpace } from '../hooks/useSpace.ts';
import { useYText } from '../hooks/useYText.ts';
import { formatCalendarDate } from '../decisions/formatDecision.ts';
import { useLanguage, useT } from '../i18n/useT.ts';
import { NotFoundPage } from '../pages/NotFoundPage.tsx';
import { ProposalTextView } from '../process/ProposalTextView.tsx';
import { useAccess, type Access } from '../state/useAccess.ts';
import { useIdentity } from '../state/useIdentity.ts';
import { useRoom, useRoomLoad } from '../sync/useRoom.ts';
import { AsyncOutcome } from './AsyncOutcome.tsx';
import { AsyncPolicyText } from './AsyncPolicyText.tsx';
import { Countdown } from './Countdown.tsx';
import { PositionForm } from './PositionForm.tsx';
import { PositionsList } from './PositionsList.tsx';
import { ProposerControls } from './ProposerControls.tsx';
import { useAsyncConsentState } from './useAsyncConsent.ts';
import { useTextDigest } from './useTextDigest.ts';
import './asyncConsent.css';

const noMarks: never[] = [];
const ignoreSelection = (): void => {};

/** `/s/:spaceId/consent/:consentId`: an asynchronous consent, its positions and its outcome. */
export function AsyncConsentPage() {
  const { spaceId = '', consentId = '' } = useParams();
  const t = useT();
  if (!isId(spaceId) || !isId(consentId)) return <NotFoundPage message={t('async.notFound')} />;
  return (
    <RequireMembership key={`${spaceId}/${consentId}`} spaceId={spaceId}>
      <RequireName>
        <Consent spaceId={spaceId} consentId={consentId} />
      </RequireName>
    </RequireMembership>
  );
}

function Consent({ spaceId, consentId }: { spaceId: string; consentId: string }) {
  const t = useT();
  const me = useIdentity(spaceId);
  const room = useRoom(roomName({ spaceId, kind: 'consent', id: consentId }));
  const load = useRoomLoad(room);
  const spaceRoomRef = useRoom(spaceRoom(spaceId));
  const space = useSpace(spaceRoomRef.doc);
  const state = useAsyncConsentState(room.doc);
  const access = useAccess(spaceId, [room.provider]);
  if (state.phase === 'empty') {
    if (load === 'synced') return <NotFoundPage message={t('async.notFound')} />;
    return <Loading message={t('async.loading')} />;
  }
  return (
    <ConsentView
      spaceId={spaceId}
      roomName={room.name}
      state={state}
      me={me.id}
      access={access}
      spaceName={space?.name ?? null}
    />
  );
}

/** The consent once its opening is known: the proposal's document is opened then. */
function ConsentView({
  spaceId,
  roomName: consentRoom,
  state,
  me,
  access,
  spaceName,
}: {
  spaceId: string;
  roomName: string;
  state: AsyncConsentState;
  me: string;
  access: Access;
  spaceName: string | null;
}) {
  const t = useT();
  const proposalRoom = useRoom(roomName({ spaceId, kind: 'proposal', id: state.proposalId }));
  const proposalLoad = useRoomLoad(proposalRoom);
  const language = useLanguage();
  const title = useYText(proposalTitle(proposalRoom.doc)).trim();
  const shown = useTextDigest(proposalRoom.doc);
  // The text on screen, once loaded (ASYNC-15): positions name it.
  const textDigest = proposalLoad === 'synced' ? shown : null;
  const unrecorded = state.phase === 'open' && textDigest !== null && textDigest !== state.digest;
  useEffect(() => {
    document.title = `${title || t('async.title')} · Ronde`;
  }, [title, t]);
  const proposalHref = `/s/${spaceId}/p/${state.proposalId}`;
  const voter = state.voters.includes(me);
  return (
    <div className="page page--async">
      <BackLink to={`/s/${spaceId}`}>
        {spaceName ? t('proposal.back', { space: spaceName }) : t('proposal.backFallback')}
      </BackLink>
      <h1>
        <span className="eyebrow">{t('async.title')}</span> {title}
      </h1>
      <AccessNotice access={access} />
      <AsyncPolicyText policy={state.policy} />
      {state.phase === 'open' && <Countdown deadline={state.deadline} />}
      {state.reviewDate !== null && (
        <p className="async-review">
          {t('async.review.shown', { date: formatCalendarDate(language, state.reviewDate) })}
        </p>
      )}
      {state.closing && <AsyncOutcome closing={state.closing} spaceId={spaceId} />}
      <div className="async-layout">
        <article className="async-text" aria-labelledby="async-text-title">
          <h2 id="async-text-title">{t('async.text.title', { revision: state.revision + 1 })}</h2>
          {unrecorded && (
            <p className="notice" role="status">
              {t('async.text.changed')}
            </p>
          )}
          <ProposalTextView doc={proposalRoom.doc} marks={noMarks} onSelect={ignoreSelection} />
          <p>
            <Link to={proposalHref}>{t('async.text.open')}</Link>
          </p>
          {state.amendments.length > 0 && (
            <section aria-labelledby="async-amendments-title">
              <h3 id="async-amendments-title">{t('async.amendments.title')}</h3>
              <ol>
                {state.amendments.map((a) => (
                  <li key={a.eventId}>
                    {a.recorded
                      ? t('async.amendments.item', { revision: a.revision + 1, summary: a.summary })
                      : t('async.amendments.unrecorded', { revision: a.revision + 1 })}
                  </li>
                ))}
              </ol>
            </section>
          )}
        </article>
        <div className="async-side">
          {state.phase === 'open' && voter && !access.readOnly && (
            <PositionForm room={consentRoom} state={state} me={me} textDigest={textDigest} />
          )}
          {state.phase === 'open' && !access.readOnly && (
            <ProposerControls
              room={consentRoom}
              state={state}
              me={me}
              proposalHref={proposalHref}
              textDigest={textDigest}
            />
          )}
          <PositionsList state={state} />
        </div>
      </div>
    </div>
  );
}
