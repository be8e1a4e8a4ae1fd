import { useState, type ReactNode } from 'react';
import { Link } from 'react-router';
import { useT } from '../i18n/useT.ts';
import { useMembership } from '../state/useIdentity.ts';

/**
 * Shows its children only to a member of the space; anyone else is told
 * they need an invitation, and no document of the space is opened. A member
 * removed while the page is open keeps it (read-only, with a notice); one
 * removed before is told their access was revoked.
 */
export function RequireMembership({ spaceId, children }: { spaceId: string; children: ReactNode }) {
  const t = useT();
  const membership = useMembership(spaceId);
  const [revokedAtFirst] = useState(() => membership?.revoked === true);
  if (membership === null || revokedAtFirst) {
    const revoked = membership !== null;
    return (
      <div className="page page--narrow empty-state">
        <h1>{revoked ? t('access.revokedTitle') : t('access.title')}</h1>
        <p>{revoked ? t('access.revokedBody') : t('access.body')}</p>
        <p>
          <Link to="/" className="button">
            {t('access.home')}
          </Link>
        </p>
      </div>
    );
  }
  return <>{children}</>;
}
