import { isId, spaceRoom, type InboxItem } from '@ronde/domain';
import { useEffect } from 'react';
import { Link, useParams } from 'react-router';
import { BackLink } from '../components/BackLink.tsx';
import { RequireMembership } from '../components/RequireMembership.tsx';
import { useServerNow } from '../hooks/useServerNow.ts';
import { useSpace } from '../hooks/useSpace.ts';
import { formatDateTime } from '../i18n/formatTime.ts';
import { useLanguage, useT, useTn } from '../i18n/useT.ts';
import { useInbox } from '../inbox/useInbox.ts';
import { useIdentity } from '../state/useIdentity.ts';
import { useRoom } from '../sync/useRoom.ts';
import { NotFoundPage } from './NotFoundPage.tsx';
import '../asyncConsent/asyncConsent.css';

/** `/s/:spaceId/inbox`: what awaits me in the space, by section (domain INBOX). */
export function InboxPage() {
  const { spaceId = '' } = useParams();
  const t = useT();
  if (!isId(spaceId)) return <NotFoundPage message={t('inbox.notFound')} />;
  return (
    <RequireMembership key={spaceId} spaceId={spaceId}>
      <Inbox spaceId={spaceId} />
    </RequireMembership>
  );
}

/** The flags the page words (INBOX-3, INBOX-5). */
const FLAGS: ReadonlySet<string> = new Set(['amended', 'open', 'on-agenda', 'proposal']);

function hrefOf(spaceId: string, item: InboxItem): string {
  const { page, id } = item.target;
  switch (page) {
    case 'consent':
      return `/s/${spaceId}/consent/${id}`;
    case 'proposal':
      return `/s/${spaceId}/p/${id}`;
    case 'meeting':
      return `/s/${spaceId}/m/${id}`;
    case 'decision':
      return `/s/${spaceId}/decisions`;
    case 'governance':
      return `/s/${spaceId}/governance`;
    case 'tensions':
      return `/s/${spaceId}/tensions`;
  }
}

function Inbox({ spaceId }: { spaceId: string }) {
  const t = useT();
  const tn = useTn();
  const language = useLanguage();
  const me = useIdentity(spaceId);
  const room = useRoom(spaceRoom(spaceId));
  const space = useSpace(room.doc);
  const { sections, count } = useInbox(room.doc, me.id, useServerNow(60_000), spaceId);
  useEffect(() => {
    document.title = `${t('inbox.title')} · Ronde`;
  }, [t]);
  return (
    <div className="page page--inbox">
      <BackLink to={`/s/${spaceId}`}>
        {space ? t('proposal.back', { space: space.name }) : t('proposal.backFallback')}
      </BackLink>
      <h1>{t('inbox.title')}</h1>
      <p className="hint" role="status">
        {count === 0 ? t('inbox.empty') : tn('inbox.count', count)}
      </p>
      {sections.map((section) => (
        <section key={section.id} aria-labelledby={`inbox-${section.id}`} className="inbox-section">
          <h2 id={`inbox-${section.id}`}>
            {t(`inbox.section.${section.id}` as 'inbox.section.review')}
          </h2>
          {section.items.length === 0 ? (
            <p className="meta">{t('inbox.sectionEmpty')}</p>
          ) : (
            <ul>
              {section.items.map((item) => (
                <li
                  key={item.key}
                  className={item.overdue ? 'inbox-item inbox-item--overdue' : 'inbox-item'}
                >
                  <Link to={hrefOf(spaceId, item)}>
                    {t(`inbox.kind.${item.kind}` as 'inbox.kind.consent', {
                      title: item.title || t('proposal.untitled'),
                    })}
                  </Link>
                  {item.dueAt !== null && (
                    <span className="meta">
                      {' '}
                      {t(item.overdue ? 'inbox.overdue' : 'inbox.due', {
                        when: formatDateTime(language, item.dueAt),
                      })}
                    </span>
                  )}
                  {item.flag !== null && FLAGS.has(item.flag) && (
                    <span className="badge">
                      {t(`inbox.flag.${item.flag}` as 'inbox.flag.amended')}
                    </span>
                  )}
                </li>
              ))}
            </ul>
          )}
        </section>
      ))}
    </div>
  );
}
