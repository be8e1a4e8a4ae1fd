import { logTension, newId, TENSION_TEXT_LIMIT } from '@ronde/domain';
import { useId, useState, type FormEvent } from 'react';
import type * as Y from 'yjs';
import { useT } from '../i18n/useT.ts';
import type { Person } from './people.ts';
import { RoleSelect } from './RoleSelect.tsx';

/** Logs a tension in the space's backlog: what is, what could be, the role that senses it (TENSION-1). */
export function TensionForm({ spaceDoc, me }: { spaceDoc: Y.Doc; me: Person }) {
  const t = useT();
  const id = useId();
  const [what, setWhat] = useState('');
  const [couldBe, setCouldBe] = useState('');
  const [roleId, setRoleId] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [logged, setLogged] = useState(false);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (what.trim() === '') {
      setError(t('tensions.form.whatRequired'));
      return;
    }
    try {
      logTension(spaceDoc, {
        id: newId(),
        by: me.id,
        byName: me.name,
        what,
        couldBe,
        roleId: roleId || null,
        now: Date.now(),
      });
      setWhat('');
      setCouldBe('');
      setRoleId('');
      setLogged(true);
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  };

  return (
    <form
      className="card stack tension-form"
      onSubmit={submit}
      noValidate
      aria-labelledby={`${id}-h`}
    >
      <h2 id={`${id}-h`} className="card__title">
        {t('tensions.form.title')}
      </h2>
      <div className="field">
        <label htmlFor={`${id}-what`}>{t('tensions.form.what')}</label>
        <textarea
          id={`${id}-what`}
          value={what}
          rows={2}
          maxLength={TENSION_TEXT_LIMIT}
          aria-describedby={`${id}-what-hint`}
          onChange={(e) => {
            setWhat(e.target.value);
            setError(null);
            setLogged(false);
          }}
        />
        <p id={`${id}-what-hint`} className="hint">
          {t('tensions.form.whatHint')}
        </p>
      </div>
      <div className="field">
        <label htmlFor={`${id}-could`}>{t('tensions.form.couldBe')}</label>
        <textarea
          id={`${id}-could`}
          value={couldBe}
          rows={2}
          maxLength={TENSION_TEXT_LIMIT}
          onChange={(e) => setCouldBe(e.target.value)}
        />
      </div>
      <RoleSelect spaceDoc={spaceDoc} of="tension" value={roleId} onChange={setRoleId} />
      {error && (
        <p role="alert" className="alert">
          {error}
        </p>
      )}
      <p role="status" className="meta">
        {logged ? t('tensions.form.logged') : ''}
      </p>
      <div className="actions">
        <button type="submit" className="button button--primary">
          {t('tensions.form.submit')}
        </button>
      </div>
    </form>
  );
}
