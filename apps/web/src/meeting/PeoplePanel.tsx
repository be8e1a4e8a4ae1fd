import {
  MEETING_ROLES,
  setPersonRole,
  updateMeeting,
  type MeetingPerson,
  type MeetingRole,
} from '@ronde/domain';
import { useId, useState } from 'react';
import type * as Y from 'yjs';
import { colorForUser } from '../identity/userColor.ts';
import { useT } from '../i18n/useT.ts';

/**
 * The meeting's people and their roles. A facilitator (or anyone, if the
 * meeting has none left) may change roles and name the secretary.
 */
export function PeoplePanel({
  doc,
  people,
  selfId,
  secretaryId,
  canManage,
}: {
  doc: Y.Doc;
  people: readonly MeetingPerson[];
  selfId: string;
  secretaryId: string | null;
  canManage: boolean;
}) {
  const t = useT();
  const id = useId();
  const [error, setError] = useState<string | null>(null);

  const changeRole = (personId: string, role: MeetingRole) => {
    try {
      setPersonRole(doc, personId, role);
      setError(null);
    } catch {
      setError(t('meeting.lastFacilitator'));
    }
  };

  return (
    <section className="presence people" aria-labelledby={`${id}-h`}>
      <h2 id={`${id}-h`} className="presence__title">
        {t('meeting.people')} <span className="presence__count">{people.length}</span>
      </h2>
      <ul className="people__list">
        {people.map((p) => {
          const name = p.name || t('meeting.unnamed');
          return (
            <li key={p.id} className="people__person">
              <span
                className="avatar"
                style={{ background: colorForUser(p.id) }}
                aria-hidden="true"
              >
                {name.slice(0, 1).toUpperCase()}
              </span>
              <span className="people__name">
                {name}
                {p.id === selfId && <span className="meta"> {t('meeting.you')}</span>}
                {p.id === secretaryId && <span className="meta"> · {t('meeting.secretary')}</span>}
              </span>
              {canManage ? (
                <select
                  className="people__role"
                  aria-label={t('meeting.roleOf', { name })}
                  value={p.role}
                  onChange={(e) => changeRole(p.id, e.target.value as MeetingRole)}
                >
                  {MEETING_ROLES.map((role) => (
                    <option key={role} value={role}>
                      {t(`role.${role}`)}
                    </option>
                  ))}
                </select>
              ) : (
                <span className={`role-badge role-badge--${p.role}`}>{t(`role.${p.role}`)}</span>
              )}
            </li>
          );
        })}
      </ul>
      {error && (
        <p role="alert" className="alert">
          {error}
        </p>
      )}
      {canManage && (
        <div className="field people__secretary">
          <label htmlFor={`${id}-secretary`}>{t('meeting.secretary')}</label>
          <select
            id={`${id}-secretary`}
            value={secretaryId ?? ''}
            onChange={(e) => updateMeeting(doc, { secretaryId: e.target.value || null })}
          >
            <option value="">{t('meeting.noSecretary')}</option>
            {people.map((p) => (
              <option key={p.id} value={p.id}>
                {p.name || t('meeting.unnamed')}
              </option>
            ))}
          </select>
        </div>
      )}
    </section>
  );
}
