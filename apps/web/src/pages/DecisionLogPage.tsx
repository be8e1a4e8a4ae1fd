import { decisionContributors, OUTCOMES, type DecisionEntry } from '@ronde/domain';
import { useEffect, useId, useMemo, useState } from 'react';
import { useLocation } from 'react-router';
import type * as Y from 'yjs';
import { CommonsExport } from '../commons/CommonsExport.tsx';
import { BackLink } from '../components/BackLink.tsx';
import { SpaceDocPage } from '../components/SpaceDocPage.tsx';
import { DecisionArticle } from '../decisions/DecisionArticle.tsx';
import { filterDecisions, localDate, type OutcomeFilter } from '../decisions/filterDecisions.ts';
import { formatNames, nameIn } from '../decisions/formatDecision.ts';
import { useDecisions } from '../decisions/useDecisions.ts';
import { useNow } from '../hooks/useNow.ts';
import { useLanguage, useT, useTn } from '../i18n/useT.ts';
import '../styles/decisions.css';

const LICENCE_URL = 'https://creativecommons.org/licenses/by-sa/4.0/';

/** `/s/:spaceId/decisions`: what the space decided, why, and who took part. */
export function DecisionLogPage() {
  return (
    <SpaceDocPage titleKey="decisions.title" loadingKey="decisions.loading">
      {(space, doc) => <DecisionLog spaceId={space.id} spaceName={space.name} spaceDoc={doc} />}
    </SpaceDocPage>
  );
}

/** The log itself, for a loaded space document. */
export function DecisionLog({
  spaceId,
  spaceName,
  spaceDoc,
}: {
  spaceId: string;
  spaceName: string;
  spaceDoc: Y.Doc;
}) {
  const t = useT();
  const tn = useTn();
  const id = useId();
  const decisions = useDecisions(spaceDoc);
  const today = localDate(useNow());
  const [outcome, setOutcome] = useState<OutcomeFilter>('all');
  const [query, setQuery] = useState('');
  const shown = useMemo(
    () => filterDecisions(decisions, outcome, query),
    [decisions, outcome, query],
  );
  useScrollToHash(decisions.length > 0);

  return (
    <div className="page decision-log">
      <div className="proposal-top">
        <BackLink to={`/s/${spaceId}`}>{t('decisions.back', { space: spaceName })}</BackLink>
      </div>
      <h1 className="page-title">{t('decisions.title')}</h1>
      <p className="decision-log__intro">{t('decisions.intro', { space: spaceName })}</p>
      {decisions.length > 0 && (
        <CommonsExport
          spaceId={spaceId}
          target={{ kind: 'log' }}
          name={t('commons.log', { space: spaceName })}
        />
      )}

      {decisions.length === 0 ? (
        <p className="empty">{t('decisions.empty')}</p>
      ) : (
        <>
          <div className="decision-log__filters" role="search">
            <div className="field">
              <label htmlFor={`${id}-search`}>{t('decisions.search')}</label>
              <input
                id={`${id}-search`}
                type="search"
                value={query}
                onChange={(e) => setQuery(e.target.value)}
              />
            </div>
            <div className="field">
              <label htmlFor={`${id}-outcome`}>{t('decisions.outcomeFilter')}</label>
              <select
                id={`${id}-outcome`}
                value={outcome}
                onChange={(e) => setOutcome(e.target.value as OutcomeFilter)}
              >
                <option value="all">{t('decisions.allOutcomes')}</option>
                {OUTCOMES.map((o) => (
                  <option key={o} value={o}>
                    {t(`decisions.outcome.${o}`)}
                  </option>
                ))}
              </select>
            </div>
          </div>
          <p className="meta" role="status">
            {tn('decisions.shown', shown.length, { total: decisions.length })}
          </p>
          {shown.length === 0 ? (
            <p className="empty">{t('decisions.noMatch')}</p>
          ) : (
            <div className="decision-log__list">
              {shown.map((entry) => (
                <DecisionArticle
                  key={entry.id}
                  entry={entry}
                  spaceId={spaceId}
                  today={today}
                  spaceDoc={spaceDoc}
                />
              ))}
            </div>
          )}
          <Attribution spaceName={spaceName} decisions={decisions} />
        </>
      )}
    </div>
  );
}

/** The commons note: CC BY-SA 4.0, naming everyone the entries credit (SPEC DEC-8). */
function Attribution({
  spaceName,
  decisions,
}: {
  spaceName: string;
  decisions: readonly DecisionEntry[];
}) {
  const t = useT();
  const language = useLanguage();
  const contributors = useMemo(() => {
    const byId = new Map<string, string>();
    for (const entry of decisions) {
      for (const person of decisionContributors(entry)) {
        const name = nameIn(entry, person, '');
        if (name && !byId.has(person)) byId.set(person, name);
      }
    }
    return [...new Set(byId.values())].sort((a, b) => a.localeCompare(b, language));
  }, [decisions, language]);
  const [before, after = ''] = t('decisions.licence', { space: spaceName }).split('{licence}');
  return (
    <footer className="decision-log__licence">
      <p>
        {before}
        <a href={LICENCE_URL} rel="license noopener noreferrer">
          CC BY-SA 4.0
        </a>
        {after}
      </p>
      {contributors.length > 0 && (
        <p>{t('decisions.contributors', { names: formatNames(language, contributors) })}</p>
      )}
    </footer>
  );
}

/** Scrolls to `#decision-…` once the entries are there (links from the space page). */
function useScrollToHash(ready: boolean): void {
  const { hash } = useLocation();
  useEffect(() => {
    if (!ready || hash.length < 2) return;
    document.getElementById(decodeURIComponent(hash.slice(1)))?.scrollIntoView();
  }, [ready, hash]);
}
