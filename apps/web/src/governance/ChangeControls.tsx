import {
  fieldRule,
  removeChange,
  updateChange,
  type Conflict,
  type GovernanceChange,
} from '@ronde/domain';
import type * as Y from 'yjs';
import { changeTitle, fieldLabel, type Naming } from './changeText.ts';
import { LiveField } from './LiveField.tsx';

/** The text fields of a change that can be edited after it was added, and whether each is long. */
function editableFields(change: GovernanceChange): [field: string, long: boolean][] {
  switch (change.type) {
    case 'circle.add':
    case 'role.add':
      return [
        ['name', false],
        ['purpose', true],
      ];
    case 'policy.add':
      return [
        ['title', false],
        ['text', true],
      ];
    case 'record.amend': {
      const rule = fieldRule(change.record.kind, change.field);
      if (rule === 'name' || rule === 'title' || rule === 'short') return [['after', false]];
      return rule === 'text' || rule === 'long' ? [['after', true]] : [];
    }
    case 'entry.add':
      return [['text', false]];
    case 'entry.amend':
      return [['after', false]];
    case 'person.assign':
      return [['focus', false]];
    default:
      return [];
  }
}

/** What a change that went stale becomes when rewritten against the records as they are now. */
function rebase(conflict: Conflict): Record<string, unknown> | null {
  if (conflict.reason !== 'stale' || conflict.actual === null) return null;
  return conflict.field === null
    ? { version: conflict.actual }
    : { version: conflict.actual, before: conflict.current };
}

/**
 * The controls of one change on a proposal that may still be edited: its
 * text fields, written live; "Rewrite against the current value" for a
 * stale change (the amendment a conflict asks for); removal.
 */
export function ChangeControls({
  naming,
  doc,
  change,
  conflict,
}: {
  naming: Naming;
  doc: Y.Doc;
  change: GovernanceChange;
  conflict: Conflict | null;
}) {
  const { t } = naming;
  const title = changeTitle(naming, change);
  const patch = conflict ? rebase(conflict) : null;
  const write = (values: Record<string, unknown>): boolean => {
    try {
      updateChange(doc, change.id, values);
      return true;
    } catch {
      return false;
    }
  };
  const current = change as unknown as Record<string, unknown>;
  return (
    <div className="gov-change__controls">
      {editableFields(change).map(([field, long]) => (
        <LiveField
          key={field}
          label={
            field === 'after'
              ? t('gov.form.newValue', { field: fieldLabel(t, amendedField(change)) })
              : fieldLabel(t, field)
          }
          value={typeof current[field] === 'string' ? current[field] : ''}
          multiline={long}
          invalidHint={t('gov.form.invalidField')}
          commit={(value) => write({ [field]: value })}
        />
      ))}
      <div className="button-row">
        {patch && (
          <button type="button" className="button" onClick={() => write(patch)}>
            {t('gov.rebase')}
          </button>
        )}
        <button
          type="button"
          className="button button--quiet"
          aria-label={t('gov.removeChange', { title })}
          onClick={() => removeChange(doc, change.id)}
        >
          {t('gov.remove')}
        </button>
      </div>
    </div>
  );
}

function amendedField(change: GovernanceChange): string {
  if (change.type === 'record.amend') return change.field;
  return change.type === 'entry.amend' ? change.list : '';
}
