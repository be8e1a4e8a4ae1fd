import { useRef, useState } from 'react';
import type { InviteInfo } from '../api/trust.ts';
import { ShareLink } from '../components/ShareLink.tsx';
import type { MessageKey } from '../i18n/en.ts';
import { formatDateTime } from '../i18n/formatTime.ts';
import { useLanguage, useT } from '../i18n/useT.ts';

const STATUS: Readonly<Record<string, MessageKey>> = {
  active: 'members.status.active',
  expired: 'members.status.expired',
  used_up: 'members.status.usedUp',
  usedUp: 'members.status.usedUp',
  exhausted: 'members.status.usedUp',
  revoked: 'members.status.revoked',
};

/**
 * The invite links of a space, each with its link, use, status and who
 * joined; revoking one asks first (a revoked link cannot be restored).
 */
export function InviteList({
  invites,
  busy,
  onRevoke,
}: {
  invites: readonly InviteInfo[];
  busy: boolean;
  onRevoke: (invite: InviteInfo) => void;
}) {
  const t = useT();
  const language = useLanguage();
  const [confirming, setConfirming] = useState<string | null>(null);
  // Focus follows the confirmation: to its safe answer when it opens; back to
  // "Revoke" when cancelled; to the link's card, which says "Revoked", once done.
  const refocus = useRef<{ id: string; to: 'button' | 'card' } | null>(null);
  if (invites.length === 0) return <p className="hint">{t('members.noInvites')}</p>;
  // Names must tell links apart: number the ones created the same minute with the same role.
  const seen = new Map<string, number>();
  return (
    <ul className="invite-list">
      {invites.map((invite) => {
        const role = t(`role.${invite.role}`);
        const created = invite.createdAt !== null ? formatDateTime(language, invite.createdAt) : '';
        const base = t('members.inviteLink', { role, date: created });
        const n = (seen.get(base) ?? 0) + 1;
        seen.set(base, n);
        const suffix = n > 1 ? ` (${n})` : '';
        const active = invite.status === 'active';
        const statusKey = STATUS[invite.status];
        return (
          <li
            key={invite.id}
            className="invite card"
            tabIndex={-1}
            ref={(card) => {
              if (
                card &&
                refocus.current?.id === invite.id &&
                refocus.current.to === 'card' &&
                !active
              ) {
                refocus.current = null;
                card.focus();
              }
            }}
          >
            <p className="invite__head">
              <span className={`badge badge--role-${invite.role}`}>{role}</span>{' '}
              <span className={`badge badge--invite-${invite.status}`}>
                {statusKey ? t(statusKey) : invite.status}
              </span>
            </p>
            {active && (
              <ShareLink
                url={invite.link}
                label={base + suffix}
                hint={t('members.inviteRole', { role })}
              />
            )}
            <ul className="invite__facts meta">
              {created && <li>{t('members.created', { date: created })}</li>}
              <li>
                {invite.expiresAt !== null
                  ? t('members.expires', { date: formatDateTime(language, invite.expiresAt) })
                  : t('members.noExpiry')}
              </li>
              <li>
                {invite.maxUses !== null
                  ? t('members.uses', { uses: invite.uses, limit: invite.maxUses })
                  : t('members.usesUnlimited', { uses: invite.uses })}
              </li>
              {invite.joined.length > 0 && (
                <li>
                  {t('members.joined', {
                    names: invite.joined.map((j) => j.name || t('members.unnamed')).join(', '),
                  })}
                </li>
              )}
            </ul>
            {active && confirming === invite.id && (
              <div
                className="member__confirm"
                role="group"
                aria-label={t('members.revoke', { role, date: created }) + suffix}
              >
                <p>{t('members.confirmRevoke')}</p>
                <button
                  type="button"
                  className="button button--danger"
                  disabled={busy}
                  onClick={() => {
                    refocus.current = { id: invite.id, to: 'card' };
                    setConfirming(null);
                    onRevoke(invite);
                  }}
                >
                  {t('members.yesRevoke')}
                </button>
                <button
                  type="button"
                  className="button button--quiet"
                  autoFocus
                  onClick={() => {
                    refocus.current = { id: invite.id, to: 'button' };
                    setConfirming(null);
                  }}
                >
                  {t('members.cancel')}
                </button>
              </div>
            )}
            {active && confirming !== invite.id && (
              <button
                ref={(button) => {
                  if (
                    button &&
                    refocus.current?.id === invite.id &&
                    refocus.current.to === 'button'
                  ) {
                    refocus.current = null;
                    button.focus();
                  }
                }}
                type="button"
                className="button button--quiet"
                disabled={busy}
                aria-label={t('members.revoke', { role, date: created }) + suffix}
                onClick={() => setConfirming(invite.id)}
              >
                {t('members.revokeShort')}
              </button>
            )}
          </li>
        );
      })}
    </ul>
  );
}
