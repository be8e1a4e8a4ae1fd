import type { DecisionEntry } from '@ronde/domain';
import { formatCalendarDate, nameIn } from '../decisions/formatDecision.ts';
import { useLanguage, useT } from '../i18n/useT.ts';

/**
 * An election in the decision log (domain SPEC ELECT-8): the role and
 * circle, the person elected, focus and term, then every nomination made
 * public and every proposal, in order.
 */
export function ElectionDecision({ entry }: { entry: DecisionEntry }) {
  const t = useT();
  const language = useLanguage();
  const election = entry.election;
  if (election === undefined) return null;
  const name = (id: string) => nameIn(entry, id, t('decisions.someone'));
  return (
    <section className="decision__part election-decision">
      <h3>{t('election.decisionTitle')}</h3>
      <dl>
        <dt>{t('election.role')}</dt>
        <dd>
          {election.circleName
            ? t('election.roleInCircle', { role: election.roleName, circle: election.circleName })
            : election.roleName || t('election.unknownRole')}
        </dd>
        {entry.outcome === 'adopted' && election.personId !== null && (
          <>
            <dt>{t('election.elected')}</dt>
            <dd>{name(election.personId)}</dd>
          </>
        )}
        <dt>{t('election.termEnd')}</dt>
        <dd>
          <time dateTime={election.termEnd}>{formatCalendarDate(language, election.termEnd)}</time>
        </dd>
        {election.focus && (
          <>
            <dt>{t('election.focus')}</dt>
            <dd>{election.focus}</dd>
          </>
        )}
      </dl>
      {election.nominations.length > 0 && (
        <>
          <h4>{t('election.nominationsTitle')}</h4>
          <ul>
            {election.nominations.map((n, i) => (
              <li key={`${n.by}-${i}`}>
                {t(n.stage === 'changed' ? 'election.changedTo' : 'election.nominated', {
                  by: name(n.by),
                  nominee: name(n.nominee),
                })}
                {n.reason && <> — {n.reason}</>}
              </li>
            ))}
          </ul>
        </>
      )}
      {election.proposals.length > 1 && (
        <>
          <h4>{t('election.proposalsTitle')}</h4>
          <ul>
            {election.proposals.map((p, i) => (
              <li key={i}>
                {t('election.proposed', {
                  name: name(p.nominee),
                  date: formatCalendarDate(language, p.termEnd),
                })}
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
