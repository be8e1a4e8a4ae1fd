import { isId } from '@ronde/domain';
import { useEffect, useState } from 'react';
import { useNavigate, useParams } from 'react-router';
import { ApiError } from '../api/http.ts';
import { renameSelf, requestSession } from '../api/trust.ts';
import { HomeLink } from '../components/HomeLink.tsx';
import { Loading } from '../components/Loading.tsx';
import type { MessageKey } from '../i18n/en.ts';
import { useT } from '../i18n/useT.ts';
import { useSession } from '../state/session.ts';
import { NotFoundPage } from './NotFoundPage.tsx';

/** Reads `#<userId>.<key>`; null when malformed. */
export function parseSignInFragment(hash: string): { userId: string; key: string } | null {
  const raw = hash.startsWith('#') ? hash.slice(1) : hash;
  const dot = raw.indexOf('.');
  if (dot <= 0 || dot === raw.length - 1) return null;
  return {
    userId: decodeURIComponent(raw.slice(0, dot)),
    key: decodeURIComponent(raw.slice(dot + 1)),
  };
}

const signIns = new Map<string, Promise<void>>();

/**
 * A member the space knows by no name (created without one) writes none
 * there until they take one (server NAME-4, NAME-5): gives the space this
 * device's name. `''` when the device has none, another member goes by it
 * (NAME-7) or the server cannot be reached: the name dialog tries again.
 */
async function nameUnnamed(
  spaceId: string,
  token: string,
  fetchImpl?: typeof fetch,
): Promise<string> {
  const deviceName = useSession.getState().name;
  if (deviceName === '') return '';
  try {
    return (await renameSelf(spaceId, token, deviceName, fetchImpl)).name;
  } catch {
    return '';
  }
}

/** Exchanges a sign-in link's key for a session once, and stores the membership. */
export function signInOnce(
  spaceId: string,
  credentials: { userId: string; key: string },
  fetchImpl?: typeof fetch,
): Promise<void> {
  const id = `${spaceId}/${credentials.userId}`;
  const pending = signIns.get(id);
  if (pending) return pending;
  const run = requestSession({ spaceId, ...credentials }, fetchImpl).then(async (session) => {
    const name = session.name || (await nameUnnamed(spaceId, session.token, fetchImpl));
    useSession.getState().setMembership(spaceId, {
      ...credentials,
      role: session.role ?? 'member',
      name,
      token: session.token,
      expiresAt: session.expiresAt,
      receivedAt: Date.now(),
    });
  });
  signIns.set(id, run);
  run.then(
    () => signIns.delete(id),
    () => signIns.delete(id),
  );
  return run;
}

/**
 * `/s/:spaceId/signin#<userId>.<key>`: a personal sign-in link (the admin
 * link). The fragment never reaches the server; it is cleared from the
 * address bar at once.
 */
export function SignInPage() {
  const { spaceId = '' } = useParams();
  const t = useT();
  const navigate = useNavigate();
  const [credentials] = useState(() => parseSignInFragment(window.location.hash));
  const [error, setError] = useState<MessageKey | null>(null);

  useEffect(() => {
    // Keep the secret out of the address bar and the history.
    if (window.location.hash) {
      window.history.replaceState(window.history.state, '', window.location.pathname);
    }
  }, []);

  useEffect(() => {
    if (!credentials || !isId(spaceId)) return;
    let cancelled = false;
    signInOnce(spaceId, credentials).then(
      () => {
        if (!cancelled) navigate(`/s/${spaceId}`, { replace: true });
      },
      (e: unknown) => {
        if (cancelled) return;
        if (e instanceof ApiError && e.kind === 'server' && e.status < 500) {
          setError('signin.error.refused');
        } else setError('join.error.network');
      },
    );
    return () => {
      cancelled = true;
    };
  }, [spaceId, credentials, navigate]);

  if (!isId(spaceId)) return <NotFoundPage message={t('space.notFound')} />;
  if (credentials && error === null) return <Loading message={t('signin.signingIn')} />;
  return (
    <div className="page page--narrow empty-state">
      <h1>{t('signin.title')}</h1>
      <p role="alert" className="alert">
        {t(error ?? 'signin.error.invalid')}
      </p>
      <HomeLink />
    </div>
  );
}
