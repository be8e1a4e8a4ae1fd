import type { ProposalMeta } from '@ronde/domain';
import { Link } from 'react-router';
import type * as Y from 'yjs';
import { useT } from '../i18n/useT.ts';
import { SendToAsyncConsent } from './SendToAsyncConsent.tsx';
import { useAsyncConsents } from './useAsyncConsent.ts';
import './asyncConsent.css';

/**
 * The proposal page's asynchronous consent corner: while a consent holds
 * the proposal, where to follow it (and, for its proposer, that the text
 * is theirs to amend); on a draft, the proposer's form to send it; and
 * the consents it went through.
 *
 * @example
 * <AsyncConsentPanel spaceId={spaceId} meta={meta} spaceDoc={space.doc} me={me.id} held={held} canWrite />
 */
export function AsyncConsentPanel({
  spaceId,
  meta,
  spaceDoc,
  me,
  held,
  canWrite,
}: {
  spaceId: string;
  meta: ProposalMeta;
  spaceDoc: Y.Doc;
  me: string;
  held: string | null;
  canWrite: boolean;
}) {
  const t = useT();
  const consents = useAsyncConsents(spaceDoc).filter((c) => c.proposalId === meta.id);
  const proposer = meta.authorId === me;
  return (
    <>
      {held !== null && (
        <p className="notice async-held">
          {proposer ? t('async.held.proposer') : t('async.held.member')}{' '}
          <Link to={`/s/${spaceId}/consent/${held}`}>{t('async.held.link')}</Link>
        </p>
      )}
      {held === null && meta.status === 'draft' && proposer && canWrite && (
        <SendToAsyncConsent spaceId={spaceId} proposalId={meta.id} spaceDoc={spaceDoc} me={me} />
      )}
      {consents.length > 0 && held === null && (
        <nav aria-label={t('async.past.label')} className="async-past">
          <ul>
            {consents.map((c) => (
              <li key={c.id}>
                <Link to={`/s/${spaceId}/consent/${c.id}`}>
                  {c.status === 'open'
                    ? t('async.past.open')
                    : t(`async.result.${c.result ?? 'adopted'}`)}
                </Link>
              </li>
            ))}
          </ul>
        </nav>
      )}
    </>
  );
}
