import {
  ACTION_TITLE_MAX,
  addAction,
  linkTensionToAction,
  newId,
  type ActionKind,
} from '@ronde/domain';
import { useId, useState, type FormEvent } from 'react';
import type * as Y from 'yjs';
import { useT } from '../i18n/useT.ts';
import type { KnownPerson } from './people.ts';

/**
 * Creates a next action or a project (ACTION-1), owned by someone the space
 * knows, optionally made of a tension, which is then linked to it (TENSION-5).
 */
export function ActionForm({
  spaceDoc,
  me,
  people,
  tensionId = null,
  initialTitle = '',
  onDone,
}: {
  spaceDoc: Y.Doc;
  me: KnownPerson;
  people: readonly KnownPerson[];
  tensionId?: string | null;
  initialTitle?: string;
  onDone?: () => void;
}) {
  const t = useT();
  const id = useId();
  const [kind, setKind] = useState<ActionKind>('action');
  const [title, setTitle] = useState(initialTitle);
  const [ownerId, setOwnerId] = useState(me.id);
  const [dueDate, setDueDate] = useState('');
  const [error, setError] = useState<string | null>(null);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (title.trim() === '') {
      setError(t('actions.form.titleRequired'));
      return;
    }
    const actionId = newId();
    try {
      addAction(spaceDoc, {
        id: actionId,
        kind,
        title,
        ownerId,
        ownerName: people.find((p) => p.id === ownerId)?.name ?? '',
        by: me.id,
        dueDate: dueDate || null,
        tensionId,
        now: Date.now(),
      });
      // A transaction of its own: the server checks the link against the action it has (WRITE-17).
      if (tensionId !== null) linkTensionToAction(spaceDoc, tensionId, actionId);
      setTitle('');
      setDueDate('');
      onDone?.();
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  };

  return (
    <form className="stack action-form" onSubmit={submit} noValidate aria-labelledby={`${id}-h`}>
      <h3 id={`${id}-h`} className="card__title">
        {tensionId === null ? t('actions.form.title') : t('actions.form.fromTension')}
      </h3>
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
          onChange={(e) => {
            setTitle(e.target.value);
            setError(null);
          }}
        />
      </div>
      <div className="field">
        <label htmlFor={`${id}-owner`}>{t('actions.form.owner')}</label>
        <select id={`${id}-owner`} value={ownerId} onChange={(e) => setOwnerId(e.target.value)}>
          {people.map((p) => (
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
          onChange={(e) => setDueDate(e.target.value)}
        />
      </div>
      {error && (
        <p role="alert" className="alert">
          {error}
        </p>
      )}
      <div className="actions">
        {onDone && (
          <button type="button" className="button button--quiet" onClick={onDone}>
            {t('actions.form.cancel')}
          </button>
        )}
        <button type="submit" className="button button--primary">
          {t('actions.form.submit')}
        </button>
      </div>
    </form>
  );
}
