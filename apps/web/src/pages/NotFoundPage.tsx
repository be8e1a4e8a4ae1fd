import { HomeLink } from '../components/HomeLink.tsx';
import { useT } from '../i18n/useT.ts';

/** Shown for unknown addresses, and for spaces or proposals that do not exist. */
export function NotFoundPage({ message }: { message?: string }) {
  const t = useT();
  return (
    <div className="page page--narrow empty-state">
      <h1>{t('notFound.title')}</h1>
      <p>{message ?? t('notFound.body')}</p>
      <HomeLink />
    </div>
  );
}
