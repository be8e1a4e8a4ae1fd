import { editAction, type Action } from '@ronde/domain';
import { useId, useState, type FormEvent } from 'react';
import type * as Y from 'yjs';
import { useT } from '../i18n/useT.ts';
import { ActionFields, type ActionDraft } from './ActionFields.tsx';
import { ownerNameToWrite, type KnownPerson, type Person } from './people.ts';
import { RoleSelect } from './RoleSelect.tsx';

/**
 * Edits a next action or project (ACTION-3): its kind, title, owner, due
 * date and role, writing only what changed. Shown to its creator, its owner
 * or a lead, the people the server lets write it (WRITE-18).
 *
 * @example
 * <ActionEditForm spaceDoc={doc} action={action} me={me} people={people} onDone={close} />
 */
export function ActionEditForm({
  spaceDoc,
  action,
  me,
  people,
  onDone,
}: {
  spaceDoc: Y.Doc;
  action: Action;
  me: Person;
  people: readonly KnownPerson[];
  onDone: (saved: boolean) => void;
}) {
  const t = useT();
  const id = useId();
  const [draft, setDraft] = useState<ActionDraft>({
    kind: action.kind,
    title: action.title,
    ownerId: action.ownerId,
    dueDate: action.dueDate ?? '',
  });
  const { kind, title, ownerId, dueDate } = draft;
  const [roleId, setRoleId] = useState(action.roleId ?? '');
  const [error, setError] = useState<string | null>(null);
  // The owner stays offered even when the known people no longer name them;
  // by the action's own record, which is shown, never written back.
  const owners: readonly KnownPerson[] = people.some((p) => p.id === action.ownerId)
    ? people
    : [...people, { id: action.ownerId, name: action.ownerName, listed: false }];

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (title.trim() === '') {
      setError(t('actions.form.titleRequired'));
      return;
    }
    try {
      editAction(spaceDoc, action.id, {
        kind,
        title,
        ...(ownerId === action.ownerId
          ? {}
          : { ownerId, ownerName: ownerNameToWrite(owners, ownerId) }),
        dueDate: dueDate || null,
        roleId: roleId || null,
      });
      onDone(true);
    } catch {
      // The fields the browser let through and the domain refused (a date it could not read).
      setError(t('actions.edit.invalid'));
    }
  };

  return (
    <form className="stack action-form" onSubmit={submit} noValidate aria-labelledby={`${id}-h`}>
      <h5 id={`${id}-h`} className="card__title">
        {t('actions.edit', { title: action.title })}
      </h5>
      <ActionFields
        id={id}
        draft={draft}
        onChange={(next, field) => {
          setDraft(next);
          if (field === 'title' || field === 'dueDate') setError(null);
        }}
        owners={owners}
        me={me}
        titleProps={{
          'aria-invalid': error !== null && title.trim() === '',
          'aria-describedby': error === null ? undefined : `${id}-error`,
        }}
      />
      <RoleSelect spaceDoc={spaceDoc} of="action" value={roleId} onChange={setRoleId} />
      {error && (
        <p id={`${id}-error`} role="alert" className="alert">
          {error}
        </p>
      )}
      <div className="actions">
        <button type="button" className="button button--quiet" onClick={() => onDone(false)}>
          {t('actions.form.cancel')}
        </button>
        <button type="submit" className="button button--primary">
          {t('actions.edit.save')}
        </button>
      </div>
    </form>
  );
}
