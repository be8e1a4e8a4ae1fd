import { addAction, linkTensionToAction, newId } from '@ronde/domain';
import { useId, useState, type FormEvent } from 'react';
import type * as Y from 'yjs';
import { useT } from '../i18n/useT.ts';
import { ActionFields, type ActionDraft } from './ActionFields.tsx';
import { ownerNameToWrite, type KnownPerson, type Person } from './people.ts';

/**
 * Creates a next action or a project (ACTION-1), owned by someone the space
 * knows, optionally made of a tension, which is then linked to it (TENSION-5).
 * The owner's name is written only when the directory lists them (NAME-6).
 *
 * @example
 * <ActionForm spaceDoc={doc} me={ctx.me} people={ctx.people} onDone={close} />
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
  me: Person;
  people: readonly KnownPerson[];
  tensionId?: string | null;
  initialTitle?: string;
  onDone?: () => void;
}) {
  const t = useT();
  const id = useId();
  const [draft, setDraft] = useState<ActionDraft>({
    kind: 'action',
    title: initialTitle,
    ownerId: me.id,
    dueDate: '',
  });
  const { kind, title, ownerId, dueDate } = draft;
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
        ownerName: ownerNameToWrite(people, ownerId),
        by: me.id,
        dueDate: dueDate || null,
        tensionId,
        now: Date.now(),
      });
      // A transaction of its own: the server checks the link against the action it has (WRITE-17).
      if (tensionId !== null) linkTensionToAction(spaceDoc, tensionId, actionId);
      setDraft((d) => ({ ...d, title: '', dueDate: '' }));
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
      <ActionFields
        id={id}
        draft={draft}
        onChange={(next, field) => {
          setDraft(next);
          if (field === 'title') setError(null);
        }}
        owners={people}
        me={me}
      />
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
