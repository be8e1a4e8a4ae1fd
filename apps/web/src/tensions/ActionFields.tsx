import { ACTION_TITLE_MAX, type ActionKind } from '@ronde/domain';
import type { InputHTMLAttributes } from 'react';
import { useT } from '../i18n/useT.ts';
import { OwnerSelect } from './OwnerSelect.tsx';
import type { KnownPerson, Person } from './people.ts';

/** What an action's form holds before it is written: a due date `''` is none. */
export interface ActionDraft {
  readonly kind: ActionKind;
  readonly title: string;
  readonly ownerId: string;
  readonly dueDate: string;
}

/**
 * The fields an action is created and edited with (ACTION-1, ACTION-3): its
 * kind, title, owner (`me` named as such) and due date. `onChange` gets the
 * whole draft and the field that changed.
 *
 * @example
 * <ActionFields id={id} draft={draft} onChange={setDraft} owners={people} me={me} />
 */
export function ActionFields({
  id,
  draft,
  onChange,
  owners,
  me,
  titleProps,
}: {
  /** Prefix of the fields' ids (`useId()` of the form). */
  id: string;
  draft: ActionDraft;
  onChange: (draft: ActionDraft, field: keyof ActionDraft) => void;
  owners: readonly KnownPerson[];
  me: Person;
  /** How the title field tells that it is in error, where the form says so. */
  titleProps?: Pick<InputHTMLAttributes<HTMLInputElement>, 'aria-invalid' | 'aria-describedby'>;
}) {
  const t = useT();
  const set = <K extends keyof ActionDraft>(field: K, value: ActionDraft[K]) =>
    onChange({ ...draft, [field]: value }, field);

  return (
    <>
      <fieldset className="field action-form__kind">
        <legend>{t('actions.form.kind')}</legend>
        {(['action', 'project'] as const).map((k) => (
          <label key={k}>
            <input
              type="radio"
              name={`${id}-kind`}
              value={k}
              checked={draft.kind === k}
              onChange={() => set('kind', k)}
            />{' '}
            {t(`actions.kind.${k}`)}
          </label>
        ))}
      </fieldset>
      <div className="field">
        <label htmlFor={`${id}-title`}>{t('actions.form.what')}</label>
        <input
          id={`${id}-title`}
          value={draft.title}
          maxLength={ACTION_TITLE_MAX}
          {...titleProps}
          onChange={(e) => set('title', e.target.value)}
        />
      </div>
      <OwnerSelect
        id={`${id}-owner`}
        owners={owners}
        nameOf={(p) => {
          const name = p.name || t('decisions.someone');
          return p.id === me.id ? t('actions.form.me', { name }) : name;
        }}
        value={draft.ownerId}
        onChange={(ownerId) => set('ownerId', ownerId)}
      />
      <div className="field">
        <label htmlFor={`${id}-due`}>{t('actions.form.due')}</label>
        <input
          id={`${id}-due`}
          type="date"
          value={draft.dueDate}
          onChange={(e) => set('dueDate', e.target.value)}
        />
      </div>
    </>
  );
}
