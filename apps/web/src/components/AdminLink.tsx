import { useId } from 'react';
import { useT } from '../i18n/useT.ts';
import { useSession } from '../state/session.ts';

/**
 * The admin's personal sign-in link, shown once on the device that created
 * the space (it is not stored), with a warning to keep it private.
 */
export function AdminLink({ spaceId }: { spaceId: string }) {
  const t = useT();
  const id = useId();
  const link = useSession((s) => s.adminLinks[spaceId]);
  const forget = useSession((s) => s.forgetAdminLink);
  if (!link) return null;
  return (
    <section className="admin-link" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`} className="admin-link__title">
        {t('space.adminLink')}
      </h2>
      <p id={`${id}-warning`} className="admin-link__warning">
        {t('space.adminLinkWarning')}
      </p>
      <input
        className="share__input"
        readOnly
        value={link}
        aria-labelledby={`${id}-title`}
        aria-describedby={`${id}-warning`}
        onFocus={(e) => e.currentTarget.select()}
      />
      <div>
        <button type="button" className="button button--quiet" onClick={() => forget(spaceId)}>
          {t('space.adminLinkDone')}
        </button>
      </div>
    </section>
  );
}
