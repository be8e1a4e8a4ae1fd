import { useId } from 'react';
import type * as Y from 'yjs';
import { useLanguage, useT } from '../i18n/useT.ts';
import { AddChangeForm } from './AddChangeForm.tsx';
import { ChangeControls } from './ChangeControls.tsx';
import { ChangeDiffView } from './ChangeDiffView.tsx';
import type { Naming } from './changeText.ts';
import {
  useChangeDiffs,
  useGovernance,
  useKnownPeople,
  useProposalChanges,
} from './useGovernance.ts';
import './governance.css';

/**
 * A proposal's structured changes to the governance records, beside its
 * text (SPEC GOV-5): each shown as a diff against the records as they are
 * now, with the conflict it would meet if adopted now; edited live with
 * others while `editable` (a draft or in consent, WRITE-8), read-only after.
 *
 * @example
 * <ProposalChanges proposalDoc={room.doc} spaceDoc={spaceRoom.doc} editable={editable} me={me} />
 */
export function ProposalChanges({
  proposalDoc,
  spaceDoc,
  editable,
  me,
}: {
  proposalDoc: Y.Doc;
  spaceDoc: Y.Doc;
  editable: boolean;
  me: { id: string; name: string };
}) {
  const t = useT();
  const language = useLanguage();
  const id = useId();
  const view = useGovernance(spaceDoc);
  const changes = useProposalChanges(proposalDoc);
  const people = useKnownPeople(spaceDoc);
  const diffs = useChangeDiffs(spaceDoc, proposalDoc);
  const naming: Naming = { t, language, view, changes, people };
  return (
    <section aria-labelledby={`${id}-title`} className="gov-changes">
      <h2 id={`${id}-title`} className="gov-changes__title">
        {t('gov.changes.title')}
      </h2>
      <p className="hint">{t('gov.changes.hint')}</p>
      {changes.length === 0 ? (
        <p className="meta">{t('gov.changes.none')}</p>
      ) : (
        <ul className="gov-change-list" aria-labelledby={`${id}-title`}>
          {changes.map((change) => {
            const diff = diffs.find((d) => d.changeId === change.id) ?? null;
            return (
              <ChangeDiffView key={change.id} naming={naming} change={change} diff={diff}>
                {editable && (
                  <ChangeControls
                    naming={naming}
                    doc={proposalDoc}
                    change={change}
                    conflict={diff?.conflict ?? null}
                  />
                )}
              </ChangeDiffView>
            );
          })}
        </ul>
      )}
      {editable && (
        <AddChangeForm naming={naming} proposalDoc={proposalDoc} spaceDoc={spaceDoc} me={me} />
      )}
    </section>
  );
}
