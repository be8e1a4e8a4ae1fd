import { useT } from '../i18n/useT.ts';
import type { Access } from '../state/useAccess.ts';

/** Tells a removed member or an observer what they can (not) do here. */
export function AccessNotice({ access }: { access: Access }) {
  const t = useT();
  if (access.revoked) {
    return (
      <p role="alert" className="notice notice--revoked">
        <strong>{t('access.revokedTitle')}.</strong> {t('access.revokedBody')}
      </p>
    );
  }
  if (access.observer) {
    return <p className="notice notice--observer">{t('access.observer')}</p>;
  }
  return null;
}
