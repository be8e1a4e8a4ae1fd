import {
  isDueForReview,
  objectionFollowUp,
  type DecisionEntry,
  type DecisionPosition,
  type LoggedObjection,
  type ObjectionTestAnswers,
} from '@ronde/domain';
import { Link } from 'react-router';
import type * as Y from 'yjs';
import { AppliedChanges } from './AppliedChanges.tsx';
import { useLanguage, useT } from '../i18n/useT.ts';
import { ExportDecisionButton } from './ExportDecisionButton.tsx';
import { CommonsExport } from '../commons/CommonsExport.tsx';
import { DecisionContributors } from '../history/DecisionContributors.tsx';
import { DocTreeView } from './DocTreeView.tsx';
import { ElectionDecision } from '../election/ElectionDecision.tsx';
import { InterestNote } from '../process/PositionsPanel.tsx';
import { formatCalendarDate, formatDay, formatNames, nameIn } from './formatDecision.ts';

const QUESTIONS: ReadonlyArray<keyof ObjectionTestAnswers> = [
  'harm',
  'createdByProposal',
  'urgent',
  'limitsRole',
];

/** The DOM id of a decision's article, for links from the space page. */
export function decisionAnchor(id: string): string {
  return `decision-${id}`;
}

/**
 * One decision of the log, read-only: outcome, dates, the driver and text as
 * decided, who took part, every position and objection, and its meeting.
 */
export function DecisionArticle({
  entry,
  spaceId,
  today,
  spaceDoc,
}: {
  entry: DecisionEntry;
  spaceId: string;
  today: string;
  /** The space document, to list the governance changes the decision applied. */
  spaceDoc?: Y.Doc;
}) {
  const t = useT();
  const language = useLanguage();
  const name = (id: string) => nameIn(entry, id, t('decisions.someone'));
  const names = (ids: readonly string[]) => formatNames(language, ids.map(name));
  const anchor = decisionAnchor(entry.id);
  const due = isDueForReview(entry, today);
  const minutes =
    entry.durationMs === null ? null : Math.max(1, Math.round(entry.durationMs / 60_000));
  return (
    <article
      id={anchor}
      className={`decision decision--${entry.outcome}`}
      aria-labelledby={`${anchor}-title`}
    >
      <header className="decision__head">
        <h2 id={`${anchor}-title`} className="decision__title">
          {entry.title}
        </h2>
        <div className="decision__meta">
          <span className={`badge badge--${entry.outcome}`}>
            {t(`decisions.outcome.${entry.outcome}`)}
          </span>
          <time className="meta" dateTime={new Date(entry.decidedAt).toISOString()}>
            {formatDay(language, entry.decidedAt)}
          </time>
          {entry.reviewDate !== null && (
            <span className={due ? 'decision__review decision__review--due' : 'decision__review'}>
              <time dateTime={entry.reviewDate}>
                {t('decisions.reviewBy', {
                  date: formatCalendarDate(language, entry.reviewDate),
                })}
              </time>
              {due && <strong className="decision__due">{t('decisions.due')}</strong>}
            </span>
          )}
          <ExportDecisionButton spaceId={spaceId} decisionId={entry.id} title={entry.title} />
          <CommonsExport
            spaceId={spaceId}
            target={{ kind: 'decision', id: entry.id }}
            name={entry.title}
          />
        </div>
      </header>

      {entry.driver.trim() !== '' && (
        <section className="decision__part">
          <h3>{t('decisions.driver')}</h3>
          <p className="decision__driver">{entry.driver}</p>
        </section>
      )}
      {entry.body.length > 0 && (
        <section className="decision__part">
          <h3>
            {entry.outcome === 'adopted' ? t('decisions.textAdopted') : t('decisions.textDecided')}
          </h3>
          <div className="decision__text">
            <DocTreeView nodes={entry.body} />
          </div>
        </section>
      )}

      <ElectionDecision entry={entry} />

      {spaceDoc && <AppliedChanges spaceDoc={spaceDoc} spaceId={spaceId} decisionId={entry.id} />}

      <dl className="decision__facts">
        <div>
          <dt>{t('decisions.proposer')}</dt>
          <dd>{name(entry.proposerId)}</dd>
        </div>
        {entry.process !== null && (
          <div>
            <dt>{t('decisions.process')}</dt>
            <dd>{t(`process.${entry.process}`)}</dd>
          </div>
        )}
        {minutes !== null && (
          <div>
            <dt>{t('decisions.duration')}</dt>
            <dd>{t('decisions.minutes', { minutes })}</dd>
          </div>
        )}
        {entry.source === 'async' && (
          <div>
            <dt>{t('async.decidedBy')}</dt>
            <dd>
              <Link to={`/s/${spaceId}/consent/${entry.meeting.id}`}>{t('async.title')}</Link>
            </dd>
          </div>
        )}
        {entry.meeting.id !== '' && entry.source !== 'async' && (
          <div>
            <dt>{t('decisions.meeting')}</dt>
            <dd>
              <Link to={`/s/${spaceId}/m/${entry.meeting.id}`}>
                {entry.meeting.title || t('decisions.meetingUntitled')}
              </Link>
              {entry.meeting.circleName && (
                <span className="meta"> · {entry.meeting.circleName}</span>
              )}
            </dd>
          </div>
        )}
      </dl>

      <DecisionContributors entry={entry} spaceId={spaceId} />

      {entry.positions.length > 0 && (
        <section className="decision__part">
          <h3>{t('decisions.positions')}</h3>
          <Positions entry={entry} name={name} />
        </section>
      )}
      <section className="decision__part">
        <h3>{t('decisions.objections')}</h3>
        {entry.objections.length === 0 ? (
          <p className="meta">{t('decisions.noObjections')}</p>
        ) : (
          <ul className="decision__objections">
            {entry.objections.map((o) => (
              <Objection key={o.id} entry={entry} objection={o} name={name} names={names} />
            ))}
          </ul>
        )}
      </section>
    </article>
  );
}

function Positions({ entry, name }: { entry: DecisionEntry; name: (id: string) => string }) {
  const t = useT();
  const rounds = [...new Set(entry.positions.map((p) => p.round))].sort((a, b) => a - b);
  const list = (positions: readonly DecisionPosition[]) => (
    <ul className="decision__positions">
      {positions.map((p, i) => (
        <li
          key={`${p.person}-${p.at}-${i}`}
          className={p.counted ? undefined : 'decision__replaced'}
        >
          <span className="decision__who">{name(p.person)}</span>{' '}
          <span className={`position position--${p.value}`}>
            {t(`decisions.position.${p.value}`)}
          </span>
          {p.reason && (
            <span className="decision__reason">
              {t('text.colon')}
              {p.reason}
            </span>
          )}
          {p.onBehalfOf !== null && (
            <span className="meta">
              {' '}
              ({t('decisions.onBehalf', { by: name(p.recordedBy), person: name(p.onBehalfOf) })})
            </span>
          )}
          {!p.counted && <span className="meta"> ({t('decisions.replaced')})</span>}
          <InterestNote interest={p.interest} />
        </li>
      ))}
    </ul>
  );
  if (rounds.length <= 1) return list(entry.positions);
  return (
    <>
      {rounds.map((round) => (
        <div key={round} className="decision__round">
          <h4>{t('decisions.round', { round })}</h4>
          {list(entry.positions.filter((p) => p.round === round))}
        </div>
      ))}
    </>
  );
}

function Objection({
  entry,
  objection,
  name,
  names,
}: {
  entry: DecisionEntry;
  objection: LoggedObjection;
  name: (id: string) => string;
  names: (ids: readonly string[]) => string;
}) {
  const t = useT();
  const latest = objection.amendments.at(-1);
  const confirmers = latest
    ? [
        ...new Set(
          objection.confirmations.filter((c) => c.amendmentId === latest.id).map((c) => c.by),
        ),
      ]
    : [];
  const r = objection.resolution;
  const integrated = (r === 'integrated' || r === 'confirmed') && latest !== undefined;
  // What the objector did in a later round tells an open objection apart (CONSENT-5).
  const follow =
    r === 'open' || r === 'integrated' ? objectionFollowUp(entry.positions, objection) : null;
  let resolution = t(
    `decisions.resolution.${r === 'integrated' || r === 'confirmed' ? 'open' : r}`,
  );
  if (integrated) {
    resolution = t('decisions.resolution.integrated', { summary: latest.summary });
    if (confirmers.length > 0) {
      resolution += ` — ${t('decisions.confirmedBy', { names: names(confirmers) })}`;
    }
  }
  if (follow !== null) {
    const said = t(`${integrated ? 'process' : 'decisions'}.followUp.${follow.kind}`, {
      name: name(objection.objector),
      round: follow.round,
    });
    resolution = integrated ? `${resolution} — ${said}` : said;
  }
  const tone = follow !== null ? follow.kind : r;
  return (
    <li className="decision__objection">
      <p className="decision__objection-head">
        <strong>{t('decisions.objectionBy', { name: name(objection.objector) })}</strong>
        {objection.reason && (
          <span>
            {t('text.colon')}
            {objection.reason}
          </span>
        )}
      </p>
      {objection.quote && <blockquote className="decision__quote">{objection.quote}</blockquote>}
      {objection.test && (
        <ul className="decision__test" aria-label={t('decisions.test')}>
          {QUESTIONS.map((q) => (
            <li key={q}>
              {t(`decisions.question.${q}`)}
              {t('text.colon')}
              <strong>{objection.test?.answers[q] ? t('decisions.yes') : t('decisions.no')}</strong>
            </li>
          ))}
        </ul>
      )}
      <p className={`decision__resolution decision__resolution--${tone}`}>{resolution}</p>
    </li>
  );
}
