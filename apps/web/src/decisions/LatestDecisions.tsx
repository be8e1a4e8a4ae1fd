import type { DecisionEntry } from '@ronde/domain';
import { Link } from 'react-router';
import type * as Y from 'yjs';
import { useLanguage, useT } from '../i18n/useT.ts';
import '../styles/decisions.css';
import { decisionAnchor } from './DecisionArticle.tsx';
import { formatDay } from './formatDecision.ts';
import { useDecisions } from './useDecisions.ts';

const SHOWN = 3;

/** The space page's section: the latest decisions and the link to the whole log. */
export function LatestDecisions({ spaceId, spaceDoc }: { spaceId: string; spaceDoc: Y.Doc }) {
  const t = useT();
  const decisions = useDecisions(spaceDoc);
  return (
    <section aria-labelledby="decisions-title" className="latest-decisions">
      <div className="section-head">
        <h2 id="decisions-title">{t('decisions.latest')}</h2>
        <Link to={`/s/${spaceId}/decisions`} className="button">
          {t('decisions.title')}
          <span aria-hidden="true"> →</span>
        </Link>
      </div>
      {decisions.length === 0 ? (
        <p className="empty">{t('decisions.spaceEmpty')}</p>
      ) : (
        <ul className="proposal-list">
          {decisions.slice(0, SHOWN).map((entry) => (
            <LatestDecision key={entry.id} spaceId={spaceId} entry={entry} />
          ))}
        </ul>
      )}
    </section>
  );
}

function LatestDecision({ spaceId, entry }: { spaceId: string; entry: DecisionEntry }) {
  const t = useT();
  const language = useLanguage();
  return (
    <li className={`proposal-card decision-card decision-card--${entry.outcome}`}>
      <Link
        to={`/s/${spaceId}/decisions#${decisionAnchor(entry.id)}`}
        className="proposal-card__title"
      >
        {entry.title}
      </Link>
      <div className="proposal-card__meta">
        <span className={`badge badge--${entry.outcome}`}>
          {t(`decisions.outcome.${entry.outcome}`)}
        </span>
        <time className="meta" dateTime={new Date(entry.decidedAt).toISOString()}>
          {formatDay(language, entry.decidedAt)}
        </time>
      </div>
    </li>
  );
}
