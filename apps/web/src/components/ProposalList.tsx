import type { Circle, ProposalSummary } from '@ronde/domain';
import { Link } from 'react-router';
import { useNow } from '../hooks/useNow.ts';
import { formatDateTime, formatRelative } from '../i18n/formatTime.ts';
import { useLanguage, useT } from '../i18n/useT.ts';
import { StatusBadge } from './StatusBadge.tsx';

/**
 * The proposals of a space, each a link named by its title. Empty, it
 * invites to write one, except someone who `readOnly` cannot (an observer).
 */
export function ProposalList({
  spaceId,
  proposals,
  circles,
  readOnly = false,
}: {
  spaceId: string;
  proposals: readonly ProposalSummary[];
  circles: readonly Circle[];
  readOnly?: boolean;
}) {
  const t = useT();
  const language = useLanguage();
  const now = useNow();
  if (proposals.length === 0)
    return (
      <p className="empty">{t(readOnly ? 'space.noProposalsReadOnly' : 'space.noProposals')}</p>
    );
  const circleName = (id: string) => circles.find((c) => c.id === id)?.name ?? '';
  return (
    <ul className="proposal-list">
      {proposals.map((p) => (
        <li key={p.id} className="proposal-card">
          <Link to={`/s/${spaceId}/p/${p.id}`} className="proposal-card__title">
            {p.title || t('proposal.untitled')}
          </Link>
          <div className="proposal-card__meta">
            <StatusBadge status={p.status} />
            {circleName(p.circleId) && (
              <span className="meta">
                {t('space.inCircle', { circle: circleName(p.circleId) })}
              </span>
            )}
            <time
              className="meta"
              dateTime={new Date(p.updatedAt).toISOString()}
              title={formatDateTime(language, p.updatedAt)}
            >
              {t('space.edited', {
                when: formatRelative(language, Math.min(p.updatedAt, now), now, t('time.justNow')),
              })}
            </time>
          </div>
        </li>
      ))}
    </ul>
  );
}
