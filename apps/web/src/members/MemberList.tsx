import { useRef, useState } from 'react';
import { SPACE_ROLES, type MemberInfo, type SpaceRole } from '../api/trust.ts';
import { useT } from '../i18n/useT.ts';

/** The members of a space: each one's role (changeable) and a removal with confirmation. */
export function MemberList({
  members,
  selfId,
  busy,
  onRole,
  onRemove,
}: {
  members: readonly MemberInfo[];
  selfId: string;
  busy: boolean;
  onRole: (member: MemberInfo, role: SpaceRole) => void;
  onRemove: (member: MemberInfo) => void;
}) {
  const t = useT();
  const [confirming, setConfirming] = useState<string | null>(null);
  // Focus follows the confirmation: to its safe answer when it opens, back
  // to the member's "Remove" when it is cancelled, never to the page.
  const refocusRemove = useRef<string | null>(null);
  if (members.length === 0) return <p className="hint">{t('members.noMembers')}</p>;
  return (
    <ul className="member-list">
      {members.map((member) => {
        const name = member.name || t('members.unnamed');
        const selectId = `member-role-${member.userId}`;
        return (
          <li key={member.userId} className="member">
            <span className="member__name">
              {name}
              {member.userId === selfId && <span className="meta"> {t('members.you')}</span>}
            </span>
            <label htmlFor={selectId} className="visually-hidden">
              {t('members.roleOf', { name })}
            </label>
            <select
              id={selectId}
              value={member.role}
              disabled={busy}
              onChange={(e) => onRole(member, e.target.value as SpaceRole)}
            >
              {SPACE_ROLES.map((r) => (
                <option key={r} value={r}>
                  {t(`role.${r}`)}
                </option>
              ))}
            </select>
            {confirming === member.userId ? (
              <div
                className="member__confirm"
                role="group"
                aria-label={t('members.remove', { name })}
              >
                <p>{t('members.confirmRemove', { name })}</p>
                <button
                  type="button"
                  className="button button--danger"
                  disabled={busy}
                  onClick={() => {
                    setConfirming(null);
                    onRemove(member);
                  }}
                >
                  {t('members.yesRemove')}
                </button>
                <button
                  type="button"
                  className="button button--quiet"
                  autoFocus
                  onClick={() => {
                    refocusRemove.current = member.userId;
                    setConfirming(null);
                  }}
                >
                  {t('members.cancel')}
                </button>
              </div>
            ) : (
              <button
                ref={(button) => {
                  if (button && refocusRemove.current === member.userId) {
                    refocusRemove.current = null;
                    button.focus();
                  }
                }}
                type="button"
                className="button button--quiet"
                disabled={busy}
                onClick={() => setConfirming(member.userId)}
              >
                {t('members.remove', { name })}
              </button>
            )}
          </li>
        );
      })}
    </ul>
  );
}
