import {
  MEETING_ROLES,
  roleOf,
  setPersonRole,
  setRole,
  updateMeeting,
  type MeetingPerson,
  type MeetingRole,
  type MeetingState,
} from '@ronde/domain';
import { useId, useState } from 'react';
import type * as Y from 'yjs';
import type { PresentPerson } from '../hooks/presence.ts';
import { colorForUser } from '../identity/userColor.ts';
import { useT } from '../i18n/useT.ts';
import { serverNow } from '../process/serverTime.ts';
import { submitEvent } from '../sync/eventChannel.ts';

/**
 * The meeting's people and their roles. Before the meeting starts a
 * facilitator (people map) or a space admin changes roles in the people map
 * and names the secretary; once it has started a role change is a `role.set`
 * event in the log by one of its facilitators, and the roles shown are the
 * log's (SPEC MEET-2, MEET-15), so no later edit can re-judge what was done.
 * The page says who may do what (`canSetRoles`, `canSetSecretary`): the
 * server refuses anyone else's write (WRITE-4, WRITE-5).
 */
export function PeoplePanel({
  doc,
  people,
  state,
  selfId,
  secretaryId,
  canSetRoles,
  canSetSecretary,
  watching = [],
}: {
  doc: Y.Doc;
  people: readonly MeetingPerson[];
  /** People present who are not among the people: observers watching (see `watchers`). */
  watching?: readonly PresentPerson[];
  state: MeetingState;
  selfId: string;
  secretaryId: string | null;
  canSetRoles: boolean;
  canSetSecretary: boolean;
}) {
  const t = useT();
  const id = useId();
  const [error, setError] = useState<string | null>(null);
  const started = state.phase !== 'not-started';
  const roleFor = (person: MeetingPerson): MeetingRole =>
    roleOf(state, { agenda: [], people }, person.id) ?? person.role;

  const changeRole = (personId: string, role: MeetingRole) => {
    if (started) {
      const others = Object.entries(state.roles).filter(([who]) => who !== personId);
      if (role !== 'facilitator' && !others.some(([, r]) => r === 'facilitator')) {
        setError(t('meeting.lastFacilitator'));
        return;
      }
      void submitEvent(doc, setRole(state, selfId, serverNow(), personId, role));
      setError(null);
      return;
    }
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
        {t('meeting.people')}{' '}
        <span className="presence__count">{people.length + watching.length}</span>
      </h2>
      <ul className="people__list">
        {people.map((p) => {
          const name = p.name || t('meeting.unnamed');
          const role = roleFor(p);
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
              {canSetRoles ? (
                <select
                  className="people__role"
                  aria-label={t('meeting.roleOf', { name })}
                  value={role}
                  onChange={(e) => changeRole(p.id, e.target.value as MeetingRole)}
                >
                  {MEETING_ROLES.map((role) => (
                    <option key={role} value={role}>
                      {t(`role.${role}`)}
                    </option>
                  ))}
                </select>
              ) : (
                <span className={`role-badge role-badge--${role}`}>{t(`role.${role}`)}</span>
              )}
            </li>
          );
        })}
        {watching.map((p) => (
          <li key={p.userId} className="people__person people__person--watching">
            <span
              className="avatar"
              style={{ background: colorForUser(p.userId) }}
              aria-hidden="true"
            >
              {p.name.slice(0, 1).toUpperCase()}
            </span>
            <span className="people__name">
              {p.name}
              {p.isSelf && <span className="meta"> {t('meeting.you')}</span>}
              <span className="meta"> · {t('meeting.watching')}</span>
            </span>
            <span className="role-badge role-badge--observer">{t('role.observer')}</span>
          </li>
        ))}
      </ul>
      {error && (
        <p role="alert" className="alert">
          {error}
        </p>
      )}
      {canSetSecretary && (
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
