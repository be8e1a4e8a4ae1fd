import { useId, useState, type FormEvent } from 'react';
import { INVITE_ROLES, type SpaceRole } from '../api/trust.ts';
import { useT } from '../i18n/useT.ts';

export interface NewInvite {
  readonly role: SpaceRole;
  readonly expiresAt?: number;
  readonly maxUses?: number;
}

/** The end of a local day, for an "Expires on" date (`YYYY-MM-DD`). */
export function endOfDay(date: string): number | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!m) return null;
  return new Date(Number(m[1]), Number(m[2]) - 1, Number(m[3]), 23, 59, 59, 999).getTime();
}

/** "New invite link": a role, an optional expiry date and use limit. */
export function NewInviteForm({
  busy,
  onCreate,
}: {
  busy: boolean;
  onCreate: (invite: NewInvite) => void;
}) {
  const t = useT();
  const id = useId();
  const [role, setRole] = useState<SpaceRole>('member');
  const [expires, setExpires] = useState('');
  const [limit, setLimit] = useState('');
  const [error, setError] = useState<string | null>(null);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    let maxUses: number | undefined;
    if (limit.trim()) {
      const n = Number(limit);
      if (!Number.isInteger(n) || n < 1) {
        setError(t('members.badLimit'));
        return;
      }
      maxUses = n;
    }
    const expiresAt = expires ? endOfDay(expires) : null;
    setError(null);
    onCreate({
      role,
      ...(expiresAt !== null ? { expiresAt } : {}),
      ...(maxUses !== undefined ? { maxUses } : {}),
    });
  };

  return (
    <form
      className="card stack invite-form"
      aria-labelledby={`${id}-title`}
      onSubmit={submit}
      noValidate
    >
      <h3 id={`${id}-title`} className="card__title">
        {t('members.newInvite')}
      </h3>
      <div className="invite-form__fields">
        <div className="field">
          <label htmlFor={`${id}-role`}>{t('members.role')}</label>
          <select
            id={`${id}-role`}
            value={role}
            onChange={(e) => setRole(e.target.value as SpaceRole)}
          >
            {INVITE_ROLES.map((r) => (
              <option key={r} value={r}>
                {t(`role.${r}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${id}-expires`}>{t('members.expiresOn')}</label>
          <input
            id={`${id}-expires`}
            type="date"
            value={expires}
            onChange={(e) => setExpires(e.target.value)}
            aria-describedby={`${id}-optional`}
          />
        </div>
        <div className="field">
          <label htmlFor={`${id}-limit`}>{t('members.useLimit')}</label>
          <input
            id={`${id}-limit`}
            type="number"
            min={1}
            step={1}
            inputMode="numeric"
            value={limit}
            onChange={(e) => {
              setLimit(e.target.value);
              setError(null);
            }}
            aria-invalid={error !== null || undefined}
            aria-describedby={`${id}-optional`}
          />
        </div>
      </div>
      <p id={`${id}-optional`} className="hint">
        {t('members.optional')}
      </p>
      {error && (
        <p role="alert" className="alert">
          {error}
        </p>
      )}
      <div>
        <button type="submit" className="button button--primary" disabled={busy}>
          {t('members.createInvite')}
        </button>
      </div>
    </form>
  );
}
