import { governanceLog, parseGovernanceUnit, type GovernanceUnit } from '@ronde/domain';
import { useId } from 'react';
import { Link } from 'react-router';
import type * as Y from 'yjs';
import { ChangeDiffView } from '../governance/ChangeDiffView.tsx';
import { conflictText, recordName, type Naming } from '../governance/changeText.ts';
import { holdsRecord, recordHref } from '../governance/recordAnchor.ts';
import { useGovernance, useKnownPeople } from '../governance/useGovernance.ts';
import { useYStore } from '../hooks/useYStore.ts';
import { useLanguage, useT } from '../i18n/useT.ts';
import '../governance/governance.css';

function unitsOf(doc: Y.Doc): Readonly<Record<string, GovernanceUnit>> {
  const units: Record<string, GovernanceUnit> = {};
  governanceLog(doc).forEach((raw, id) => {
    const unit = parseGovernanceUnit(raw);
    if (unit !== null) units[id] = unit;
  });
  return units;
}

/**
 * What a decision did to the governance records (GOVSRV-3, as the server
 * recorded it under the decision's id): each change applied, field by field,
 * before → after, with a link to the record itself on the governance page
 * (to the page when the record is gone since); or the conflicts that kept
 * them all out. Nothing for a decision that changed no record.
 */
export function AppliedChanges({
  spaceDoc,
  spaceId,
  decisionId,
}: {
  spaceDoc: Y.Doc;
  spaceId: string;
  decisionId: string;
}) {
  const t = useT();
  const language = useLanguage();
  const id = useId();
  const unit = useYStore(spaceDoc, governanceLog, unitsOf)[decisionId];
  const view = useGovernance(spaceDoc);
  const people = useKnownPeople(spaceDoc);
  if (unit === undefined) return null;
  const naming: Naming = { t, language, view, changes: unit.changes.map((c) => c.change), people };
  return (
    <section className="decision__part decision__applied" aria-labelledby={`${id}-h`}>
      <h3 id={`${id}-h`}>
        {unit.status === 'applied' ? t('decisions.applied.title') : t('decisions.applied.conflict')}
      </h3>
      {unit.status === 'applied' ? (
        <ul className="gov-change-list">
          {unit.changes.map((applied) => (
            <ChangeDiffView
              key={applied.change.id}
              naming={naming}
              change={applied.change}
              diff={{
                changeId: applied.change.id,
                type: applied.change.type,
                record: applied.record,
                label: recordName(naming, applied.record),
                fields: applied.fields,
                conflict: null,
              }}
            >
              <Link
                to={
                  holdsRecord(view, applied.record)
                    ? recordHref(spaceId, applied.record)
                    : `/s/${spaceId}/governance`
                }
                className="decision__record-link"
              >
                {t('decisions.applied.open', { name: recordName(naming, applied.record) })}
              </Link>
            </ChangeDiffView>
          ))}
        </ul>
      ) : (
        <ul className="decision__conflicts">
          {unit.conflicts.map((conflict, i) => (
            <li key={`${conflict.changeId}-${i}`}>{conflictText(naming, conflict)}</li>
          ))}
        </ul>
      )}
    </section>
  );
}
