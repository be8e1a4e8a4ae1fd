import { useState, type FormEvent } from 'react';
import { Link, useNavigate } from 'react-router';
import { createSpace, CreateSpaceError } from '../api/createSpace.ts';
import { useNameFirst } from '../components/NameDialog.tsx';
import { useNow } from '../hooks/useNow.ts';
import { formatDateTime, formatRelative } from '../i18n/formatTime.ts';
import { useLanguage, useT, type Translate } from '../i18n/useT.ts';
import { PracticeCard } from '../practice/PracticeCard.tsx';
import { rememberCreatedSpace } from '../state/rememberCreatedSpace.ts';
import { useSession } from '../state/session.ts';
import { ImportSpaceCard } from '../commons/ImportSpaceCard.tsx';

/** What to tell someone whose space could not be created. */
export function createErrorMessage(t: Translate, e: unknown): string {
  if (!(e instanceof CreateSpaceError) || e.kind !== 'server') return t('home.error.network');
  if (e.code === 'rate_limited') return t('home.error.rateLimited');
  if (e.code === 'invalid_name') return t('home.error.invalidName');
  return t('home.error.server', { message: e.message });
}

/** The home page: create a space, reopen a recent one. */
export function HomePage() {
  const t = useT();
  const language = useLanguage();
  const navigate = useNavigate();
  const now = useNow();
  const recent = useSession((s) => s.recentSpaces);
  const [name, setName] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const create = async () => {
    setBusy(true);
    setError(null);
    try {
      const space = await createSpace({
        name,
        circleName: t('home.defaultCircle'),
        memberName: useSession.getState().name,
      });
      rememberCreatedSpace(space);
      navigate(`/s/${space.id}`);
    } catch (e) {
      setError(createErrorMessage(t, e));
      setBusy(false);
    }
  };

  // The creator becomes the space's admin under their name: ask for it first.
  const nameFirst = useNameFirst(() => void create());

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!name.trim()) {
      setError(t('home.error.empty'));
      return;
    }
    nameFirst.run();
  };

  return (
    <div className="page page--home">
      <section className="hero">
        <h1 className="hero__title">{t('app.name')}</h1>
        <p className="hero__tagline">{t('app.tagline')}</p>
        <p className="hero__intro">{t('home.intro')}</p>
      </section>

      <div className="home-grid">
        <section className="card" aria-labelledby="create-space-title">
          <h2 id="create-space-title" className="card__title">
            {t('home.createTitle')}
          </h2>
          <form onSubmit={submit} noValidate className="stack">
            <div className="field">
              <label htmlFor="space-name">{t('home.spaceName')}</label>
              <input
                id="space-name"
                value={name}
                maxLength={120}
                placeholder={t('home.spaceNamePlaceholder')}
                onChange={(e) => setName(e.target.value)}
                aria-invalid={error !== null || undefined}
              />
            </div>
            {error && (
              <p role="alert" className="alert">
                {error}
              </p>
            )}
            <div>
              <button type="submit" className="button button--primary" disabled={busy}>
                {busy ? t('home.creating') : t('home.create')}
              </button>
            </div>
          </form>
        </section>

        <PracticeCard />

        <ImportSpaceCard />

        <section className="card card--soft" aria-labelledby="recent-title">
          <h2 id="recent-title" className="card__title">
            {t('home.recent')}
          </h2>
          {recent.length === 0 ? (
            <p className="hint">{t('home.recentEmpty')}</p>
          ) : (
            <ul className="recent">
              {recent.map((space) => (
                <li key={space.id} className="recent__item">
                  <Link to={`/s/${space.id}`}>{space.name}</Link>
                  {space.practice && <span className="practice-badge">{t('practice.badge')}</span>}
                  <time
                    className="meta"
                    dateTime={new Date(space.openedAt).toISOString()}
                    title={formatDateTime(language, space.openedAt)}
                  >
                    {t('home.opened', {
                      when: formatRelative(
                        language,
                        Math.min(space.openedAt, now),
                        now,
                        t('time.justNow'),
                      ),
                    })}
                  </time>
                </li>
              ))}
            </ul>
          )}
        </section>
      </div>
      {nameFirst.dialog}
    </div>
  );
}
