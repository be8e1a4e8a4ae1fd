import { ACTION_TITLE_MAX, editAction, type Action, type ActionKind } from '@ronde/domain';
import { useId, useState, type FormEvent } from 'react';
import type * as Y from 'yjs';
import { useGovernance } from '../governance/useGovernance.ts';
import { useT } from '../i18n/useT.ts';
import type { KnownPerson } from './people.ts';

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
  me: KnownPerson;
  people: readonly KnownPerson[];
  onDone: (saved: boolean) => void;
}) {
  const t = useT();
  const id = useId();
  const view = useGovernance(spaceDoc);
  const roles = view.circles.flatMap((circle) =>
    (view.roles[circle.id] ?? []).map((role) => ({
      id: role.id,
      label: `${role.name} · ${circle.name}`,
    })),
  );
  const [kind, setKind] = useState<ActionKind>(action.kind);
  const [title, setTitle] = useState(action.title);
  const [ownerId, setOwnerId] = useState(action.ownerId);
  const [dueDate, setDueDate] = useState(action.dueDate ?? '');
  const [roleId, setRoleId] = useState(action.roleId ?? '');
  const [error, setError] = useState<string | null>(null);
  // The owner stays offered even when the known people no longer name them.
  const owners = people.some((p) => p.id === action.ownerId)
    ? people
    : [...people, { id: action.ownerId, name: action.ownerName || t('decisions.someone') }];

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
          : { ownerId, ownerName: owners.find((p) => p.id === ownerId)?.name ?? '' }),
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
      <fieldset className="field action-form__kind">
        <legend>{t('actions.form.kind')}</legend>
        {(['action', 'project'] as const).map((k) => (
          <label key={k}>
            <input
              type="radio"
              name={`${id}-kind`}
              value={k}
              checked={kind === k}
              onChange={() => setKind(k)}
            />{' '}
            {t(`actions.kind.${k}`)}
          </label>
        ))}
      </fieldset>
      <div className="field">
        <label htmlFor={`${id}-title`}>{t('actions.form.what')}</label>
        <input
          id={`${id}-title`}
          value={title}
          maxLength={ACTION_TITLE_MAX}
          aria-invalid={error !== null && title.trim() === ''}
          aria-describedby={error === null ? undefined : `${id}-error`}
          onChange={(e) => {
            setTitle(e.target.value);
            setError(null);
          }}
        />
      </div>
      <div className="field">
        <label htmlFor={`${id}-owner`}>{t('actions.form.owner')}</label>
        <select id={`${id}-owner`} value={ownerId} onChange={(e) => setOwnerId(e.target.value)}>
          {owners.map((p) => (
            <option key={p.id} value={p.id}>
              {p.id === me.id ? t('actions.form.me', { name: p.name }) : p.name}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor={`${id}-due`}>{t('actions.form.due')}</label>
        <input
          id={`${id}-due`}
          type="date"
          value={dueDate}
          onChange={(e) => {
            setDueDate(e.target.value);
            setError(null);
          }}
        />
      </div>
      <div className="field">
        <label htmlFor={`${id}-role`}>{t('actions.edit.role')}</label>
        <select id={`${id}-role`} value={roleId} onChange={(e) => setRoleId(e.target.value)}>
          <option value="">{t('actions.edit.noRole')}</option>
          {roles.map((role) => (
            <option key={role.id} value={role.id}>
              {role.label}
            </option>
          ))}
        </select>
      </div>
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
