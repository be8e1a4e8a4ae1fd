import type { ReactNode } from 'react';
import { Link } from 'react-router';

/**
 * The link at the top of a page back to where it belongs (mostly its space);
 * the arrow is decoration, so the link's accessible name is `children`.
 *
 * @example
 * <BackLink to={`/s/${spaceId}`}>{t('decisions.back', { space: spaceName })}</BackLink>
 */
export function BackLink({ to, children }: { to: string; children: ReactNode }) {
  return (
    <Link to={to} className="back-link">
      <span aria-hidden="true">← </span>
      {children}
    </Link>
  );
}
