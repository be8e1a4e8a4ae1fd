import { Link } from 'react-router';
import type * as Y from 'yjs';
import { decisionAnchor } from '../decisions/DecisionArticle.tsx';
import { formatDay } from '../decisions/formatDecision.ts';
import { ChangeDiffView } from './ChangeDiffView.tsx';
import type { Naming } from './changeText.ts';
import { plural } from './plural.ts';
import { useRecordHistory } from './useGovernance.ts';

/** What the governance page knows besides the records: where decisions are, and their titles. */
export interface RecordContext {
  readonly naming: Naming;
  readonly spaceId: string;
  readonly spaceDoc: Y.Doc;
  /** Decision id → the proposal's title as the decision log has it. */
  readonly decisionTitles: Readonly<Record<string, string>>;
}

/** The link to a decision in the log, named by its proposal (or its date when the log lacks it). */
export function DecisionLink({
  ctx,
  decisionId,
  at,
  created = false,
}: {
  ctx: RecordContext;
  decisionId: string;
  at: number;
  created?: boolean;
}) {
  const { t, language } = ctx.naming;
  const title = ctx.decisionTitles[decisionId];
  const params = { title: title ?? '', date: formatDay(language, at) };
  const text = created
    ? title !== undefined
      ? t('gov.createdBy', params)
      : t('gov.createdOn', params)
    : title !== undefined
      ? t('gov.decision', params)
      : t('gov.decisionOn', params);
  return <Link to={`/s/${ctx.spaceId}/decisions#${decisionAnchor(decisionId)}`}>{text}</Link>;
}

/**
 * A record's history, oldest first (SPEC GOV-10): for each decision that
 * created or changed it, when, a link to its entry in the decision log, and
 * what it changed, field by field.
 */
export function RecordHistory({
  ctx,
  recordId,
  name,
}: {
  ctx: RecordContext;
  recordId: string;
  name: string;
}) {
  const { t, language } = ctx.naming;
  const history = useRecordHistory(ctx.spaceDoc, recordId);
  if (history.length === 0) return null;
  return (
    <details className="gov-history">
      <summary>
        {t(`gov.history.${plural(language, history.length)}`, { count: history.length, name })}
      </summary>
      <ol className="gov-history__list">
        {history.map((entry, i) => (
          <li key={`${entry.decisionId}:${i}`} className="gov-history__entry">
            <p className="meta">
              <time dateTime={new Date(entry.at).toISOString()}>
                {formatDay(language, entry.at)}
              </time>
              {' · '}
              <DecisionLink ctx={ctx} decisionId={entry.decisionId} at={entry.at} />
            </p>
            <ul className="gov-change-list">
              <ChangeDiffView
                naming={{ ...ctx.naming, changes: [entry.change] }}
                change={entry.change}
                diff={{
                  changeId: entry.change.id,
                  type: entry.change.type,
                  record: entry.record,
                  label: '',
                  fields: entry.fields,
                  conflict: null,
                }}
              />
            </ul>
          </li>
        ))}
      </ol>
    </details>
  );
}
