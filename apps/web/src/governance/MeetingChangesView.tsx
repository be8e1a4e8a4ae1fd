import { useId } from 'react';
import { Link } from 'react-router';
import type * as Y from 'yjs';
import { useLanguage, useT } from '../i18n/useT.ts';
import { ChangeDiffView } from './ChangeDiffView.tsx';
import type { Naming } from './changeText.ts';
import { plural } from './plural.ts';
import {
  useChangeDiffs,
  useGovernance,
  useKnownPeople,
  useProposalChanges,
} from './useGovernance.ts';
import './governance.css';

/**
 * A proposal's changes as a meeting reads them: the conflicts first, each
 * with what to amend and a link to the proposal (to amend it there when
 * `mayAmend`: its proposer or a facilitator at an amend step, server
 * WRITE-8), then every change as a diff. Nothing when the proposal changes no record.
 */
export function MeetingChangesView({
  spaceDoc,
  proposalDoc,
  proposalUrl,
  mayAmend,
}: {
  spaceDoc: Y.Doc;
  proposalDoc: Y.Doc;
  proposalUrl: string;
  mayAmend: boolean;
}) {
  const t = useT();
  const language = useLanguage();
  const id = useId();
  const view = useGovernance(spaceDoc);
  const changes = useProposalChanges(proposalDoc);
  const people = useKnownPeople(spaceDoc);
  const diffs = useChangeDiffs(spaceDoc, proposalDoc);
  if (changes.length === 0) return null;
  const naming: Naming = { t, language, view, changes, people };
  const conflicting = diffs.filter((d) => d.conflict !== null);
  const count = conflicting.length;
  return (
    <section aria-labelledby={`${id}-title`} className="gov-meeting">
      {count > 0 && (
        <div className="gov-meeting__conflicts notice" role="note" aria-labelledby={`${id}-conf`}>
          <h4 id={`${id}-conf`}>
            {t(`gov.meeting.conflicts.${plural(language, count)}`, { count })}
          </h4>
          <p>{t('gov.meeting.amend')}</p>
          <ul className="gov-change-list">
            {conflicting.map((diff) => {
              const change = changes.find((c) => c.id === diff.changeId)!;
              return (
                <ChangeDiffView key={diff.changeId} naming={naming} change={change} diff={diff} />
              );
            })}
          </ul>
          <Link to={proposalUrl} className="button">
            {t(mayAmend ? 'gov.meeting.open' : 'gov.meeting.see')}
          </Link>
        </div>
      )}
      <details className="gov-meeting__all">
        <summary>
          <span id={`${id}-title`}>
            {t(`gov.meeting.changes.${plural(language, changes.length)}`, {
              count: changes.length,
            })}
          </span>
        </summary>
        <ul className="gov-change-list">
          {changes.map((change) => (
            <ChangeDiffView
              key={change.id}
              naming={naming}
              change={change}
              diff={diffs.find((d) => d.changeId === change.id) ?? null}
            />
          ))}
        </ul>
      </details>
    </section>
  );
}
