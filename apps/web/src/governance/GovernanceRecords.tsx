import type {
  CircleNode,
  ListEntry,
  PolicyRecord,
  RecordBase,
  RecordKind,
  RoleRecord,
} from '@ronde/domain';
import { useCallback, useId, useMemo, useState, type ReactNode } from 'react';
import { Link } from 'react-router';
import type * as Y from 'yjs';
import { BackLink } from '../components/BackLink.tsx';
import { formatCalendarDate } from '../decisions/formatDecision.ts';
import { useDecisions } from '../decisions/useDecisions.ts';
import { useLanguage, useT } from '../i18n/useT.ts';
import { personName } from './changeText.ts';
import { visibleRecords } from './matchRecords.ts';
import { recordAnchor, recordHref } from './recordAnchor.ts';
import { DecisionLink, RecordHistory, type RecordContext } from './RecordHistory.tsx';
import { FilledByLink } from '../election/FilledByLink.tsx';
import { useFocusRecord } from './useFocusRecord.ts';
import { useGovernance, useKnownPeople } from './useGovernance.ts';
import './governance.css';

interface PageContext extends RecordContext {
  /** The records a search shows, or `null` for all. */
  readonly shown: ReadonlySet<string> | null;
}

/**
 * The governance records of a space, as people read them: the circle tree,
 * each circle's purpose, accountabilities and domains, its roles and who
 * fills them (focus, term end), its policies; searchable; each record with
 * the decision that created it and its history. Each record has a stable
 * anchor (`role-<id>`…, {@link recordAnchor}): a link to it scrolls to it
 * and focuses it.
 */
export function GovernanceRecords({
  spaceId,
  spaceName,
  spaceDoc,
}: {
  spaceId: string;
  spaceName: string;
  spaceDoc: Y.Doc;
}) {
  const t = useT();
  const language = useLanguage();
  const id = useId();
  const view = useGovernance(spaceDoc);
  const people = useKnownPeople(spaceDoc);
  const decisions = useDecisions(spaceDoc);
  const [query, setQuery] = useState('');
  const shown = useMemo(() => visibleRecords(view, query, people), [view, query, people]);
  const clearQuery = useCallback(() => setQuery(''), []);
  useFocusRecord(view, query, clearQuery);
  const decisionTitles = useMemo(
    () => Object.fromEntries(decisions.map((d) => [d.id, d.title])),
    [decisions],
  );
  const ctx: PageContext = {
    naming: { t, language, view, changes: [], people },
    spaceId,
    spaceDoc,
    decisionTitles,
    shown,
  };
  return (
    <div className="page gov-page">
      <div className="proposal-top">
        <BackLink to={`/s/${spaceId}`}>{t('gov.page.back', { space: spaceName })}</BackLink>
      </div>
      <h1 className="page-title">{t('gov.page.title')}</h1>
      <p className="hint">{t('gov.page.intro')}</p>
      <div className="field gov-search" role="search">
        <label htmlFor={`${id}-search`}>{t('gov.page.search')}</label>
        <input
          id={`${id}-search`}
          type="search"
          value={query}
          onChange={(e) => setQuery(e.target.value)}
        />
      </div>
      {shown !== null && shown.size === 0 && <p className="meta">{t('gov.page.noMatch')}</p>}
      <ul className="gov-tree">
        {view.tree.map((node) => (
          <CircleBlock key={node.circle.id} ctx={ctx} node={node} depth={2} />
        ))}
      </ul>
    </div>
  );
}

const isShown = (ctx: PageContext, id: string) => ctx.shown === null || ctx.shown.has(id);

/** A heading of the level its depth in the tree calls for (h2 for the roots, at most h6). */
function Heading({ depth, id, children }: { depth: number; id: string; children: ReactNode }) {
  const Tag = `h${Math.min(depth, 6)}` as 'h2';
  return (
    <Tag id={id} className="gov-heading">
      {children}
    </Tag>
  );
}

function CircleBlock({ ctx, node, depth }: { ctx: PageContext; node: CircleNode; depth: number }) {
  const { t, view } = ctx.naming;
  const id = useId();
  const { circle } = node;
  if (!isShown(ctx, circle.id)) return null;
  const roles = (view.roles[circle.id] ?? []).filter((r) => isShown(ctx, r.id));
  const policies = (view.policies[circle.id] ?? []).filter((p) => isShown(ctx, p.id));
  return (
    <li className="gov-circle">
      <section
        id={recordAnchor({ kind: 'circle', id: circle.id })}
        tabIndex={-1}
        className="gov-anchor"
        aria-labelledby={`${id}-name`}
      >
        <Heading depth={depth} id={`${id}-name`}>
          <span className="chip__ring" aria-hidden="true" /> {circle.name}
        </Heading>
        {circle.purpose && <p className="gov-purpose">{circle.purpose}</p>}
        <EntryLists ctx={ctx} record={circle} />
        <Provenance ctx={ctx} record={circle} kind="circle" name={circle.name} />
        <Heading depth={depth + 1} id={`${id}-roles`}>
          {t('gov.roles')}
        </Heading>
        {roles.length === 0 ? (
          <p className="meta">{t('gov.noRoles')}</p>
        ) : (
          <ul className="gov-cards" aria-labelledby={`${id}-roles`}>
            {roles.map((role) => (
              <RoleCard key={role.id} ctx={ctx} role={role} depth={depth + 2} />
            ))}
          </ul>
        )}
        <Heading depth={depth + 1} id={`${id}-policies`}>
          {t('gov.policies')}
        </Heading>
        {policies.length === 0 ? (
          <p className="meta">{t('gov.noPolicies')}</p>
        ) : (
          <ul className="gov-cards" aria-labelledby={`${id}-policies`}>
            {policies.map((policy) => (
              <PolicyCard key={policy.id} ctx={ctx} policy={policy} depth={depth + 2} />
            ))}
          </ul>
        )}
        {node.children.length > 0 && (
          <ul className="gov-tree gov-tree--nested">
            {node.children.map((child) => (
              <CircleBlock key={child.circle.id} ctx={ctx} node={child} depth={depth + 1} />
            ))}
          </ul>
        )}
      </section>
    </li>
  );
}

function RoleCard({ ctx, role, depth }: { ctx: PageContext; role: RoleRecord; depth: number }) {
  const { t, language, view } = ctx.naming;
  const id = useId();
  const assignments = view.assignments[role.id] ?? [];
  return (
    <li>
      <article
        id={recordAnchor({ kind: 'role', id: role.id })}
        tabIndex={-1}
        className="gov-card card gov-anchor"
        aria-labelledby={`${id}-name`}
      >
        <Heading depth={depth} id={`${id}-name`}>
          {role.name}
          {role.elected && <span className="gov-badge">{t('gov.elected')}</span>}
        </Heading>
        {role.purpose && <p className="gov-purpose">{role.purpose}</p>}
        <EntryLists ctx={ctx} record={role} />
        {assignments.length === 0 ? (
          <p className="meta">{t('gov.unfilled')}</p>
        ) : (
          <ul className="gov-people" aria-label={t('gov.filledBy', { role: role.name })}>
            {assignments.map((a) => (
              <li
                key={a.id}
                id={recordAnchor({ kind: 'assignment', id: a.id })}
                tabIndex={-1}
                className="gov-anchor"
              >
                <strong>{personName(ctx.naming, a.personId)}</strong>
                {a.focus && <> · {t('gov.focus', { focus: a.focus })}</>}
                {' · '}
                {a.termEnd === null
                  ? t('gov.value.noEnd')
                  : t('gov.termEnds', { date: formatCalendarDate(language, a.termEnd) })}
                {/* The decision that filled the role, when not the one that created it (an election). */}
                {a.createdBy !== '' && a.createdBy !== role.createdBy && (
                  <>
                    {' · '}
                    <FilledByLink
                      spaceId={ctx.spaceId}
                      decisionId={a.createdBy}
                      title={ctx.decisionTitles[a.createdBy]}
                    />
                  </>
                )}
              </li>
            ))}
          </ul>
        )}
        <Provenance ctx={ctx} record={role} kind="role" name={role.name} />
      </article>
    </li>
  );
}

function PolicyCard({
  ctx,
  policy,
  depth,
}: {
  ctx: PageContext;
  policy: PolicyRecord;
  depth: number;
}) {
  const id = useId();
  return (
    <li>
      <article
        id={recordAnchor({ kind: 'policy', id: policy.id })}
        tabIndex={-1}
        className="gov-card card gov-anchor"
        aria-labelledby={`${id}-name`}
      >
        <Heading depth={depth} id={`${id}-name`}>
          {policy.title}
        </Heading>
        <p className="gov-policy-text">{policy.text}</p>
        <Provenance ctx={ctx} record={policy} kind="policy" name={policy.title} />
      </article>
    </li>
  );
}

function EntryLists({
  ctx,
  record,
}: {
  ctx: PageContext;
  record: { accountabilities: readonly ListEntry[]; domains: readonly ListEntry[] };
}) {
  const { t } = ctx.naming;
  const list = (label: string, entries: readonly ListEntry[]) =>
    entries.length > 0 && (
      <div className="gov-entries">
        <p className="gov-entries__label">{label}</p>
        <ul aria-label={label}>
          {entries.map((e) => (
            <li key={e.id}>{e.text}</li>
          ))}
        </ul>
      </div>
    );
  return (
    <>
      {list(t('gov.accountabilities'), record.accountabilities)}
      {list(t('gov.domains'), record.domains)}
    </>
  );
}

/**
 * Which decision created the record (or that it came with the space), a
 * link to the record itself (to share it), then its history.
 */
function Provenance({
  ctx,
  record,
  kind,
  name,
}: {
  ctx: PageContext;
  record: RecordBase;
  kind: RecordKind;
  name: string;
}) {
  const { t } = ctx.naming;
  return (
    <div className="gov-provenance">
      <p className="meta">
        {record.createdBy === '' ? (
          t('gov.createdWithSpace')
        ) : (
          <DecisionLink ctx={ctx} decisionId={record.createdBy} at={record.createdAt} created />
        )}
        {' · '}
        <Link
          to={recordHref(ctx.spaceId, { kind, id: record.id })}
          aria-label={t('gov.anchor.link', { name })}
        >
          {t('gov.anchor.linkText')}
        </Link>
      </p>
      <RecordHistory ctx={ctx} recordId={record.id} name={name} />
    </div>
  );
}
