import { Link } from 'react-router';
import { useT } from '../i18n/useT.ts';

/**
 * The way out of a page that cannot go on (not found, a link that does not
 * work): to the home page, where one creates or reopens a space.
 *
 * @example
 * <HomeLink />
 */
export function HomeLink() {
  const t = useT();
  return (
    <p>
      <Link to="/" className="button">
        {t('notFound.home')}
      </Link>
    </p>
  );
}
