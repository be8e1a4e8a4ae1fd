import { useEffect, useState } from 'react';
import { useNavigate, useParams } from 'react-router';
import { ApiError } from '../api/http.ts';
import { redeemInvite } from '../api/trust.ts';
import { HomeLink } from '../components/HomeLink.tsx';
import { Loading } from '../components/Loading.tsx';
import { RequireName } from '../components/RequireName.tsx';
import type { MessageKey } from '../i18n/en.ts';
import { useT } from '../i18n/useT.ts';
import { useSession } from '../state/session.ts';

const redemptions = new Map<string, Promise<string>>();

/**
 * Redeems an invite once per code (StrictMode runs effects twice; a
 * one-use link must be used once) and stores the membership.
 * Resolves to the space id.
 */
export function redeemOnce(code: string, name: string, fetchImpl?: typeof fetch): Promise<string> {
  const pending = redemptions.get(code);
  if (pending) return pending;
  const run = redeemInvite({ code, name }, fetchImpl).then(({ spaceId, member, session }) => {
    useSession.getState().setMembership(spaceId, {
      ...member,
      token: session.token,
      expiresAt: session.expiresAt,
      receivedAt: Date.now(),
    });
    return spaceId;
  });
  redemptions.set(code, run);
  run.then(
    () => redemptions.delete(code),
    () => redemptions.delete(code),
  );
  return run;
}

/** What to tell someone whose invite did not work. */
export function joinErrorKey(error: unknown): { key: MessageKey; message?: string } {
  if (!(error instanceof ApiError) || error.kind === 'network')
    return { key: 'join.error.network' };
  const code = error.code.toLowerCase();
  if (error.status === 404) return { key: 'join.error.unknown' };
  if (error.status === 429) return { key: 'join.error.rateLimited' };
  if (code === 'invalid_name') return { key: 'join.error.invalidName' };
  if (error.status === 410) {
    if (code.includes('expired')) return { key: 'join.error.expired' };
    if (code.includes('used') || code.includes('exhausted')) return { key: 'join.error.usedUp' };
    if (code.includes('revoked')) return { key: 'join.error.revoked' };
    return { key: 'join.error.gone' };
  }
  return { key: 'join.error.server', message: error.message };
}

/**
 * `/join#<code>` (the server's invite links: the code rides in the fragment,
 * which never reaches a server) or `/join/:code`: asks for a name, redeems
 * the invite, opens the space. The fragment is cleared from the address bar.
 */
export function JoinPage() {
  const params = useParams();
  const [code] = useState(() => params.code ?? decodeURIComponent(window.location.hash.slice(1)));
  useEffect(() => {
    if (window.location.hash) {
      window.history.replaceState(window.history.state, '', window.location.pathname);
    }
  }, []);
  if (!code) return <NoCode />;
  return (
    <RequireName>
      <Join key={code} code={code} />
    </RequireName>
  );
}

function NoCode() {
  const t = useT();
  return (
    <div className="page page--narrow empty-state">
      <h1>{t('join.title')}</h1>
      <p role="alert" className="alert">
        {t('join.error.unknown')}
      </p>
      <HomeLink />
    </div>
  );
}

function Join({ code }: { code: string }) {
  const t = useT();
  const navigate = useNavigate();
  const name = useSession((s) => s.name);
  const [attempt, setAttempt] = useState(0);
  const [error, setError] = useState<{ key: MessageKey; message?: string } | null>(null);

  useEffect(() => {
    document.title = `${t('join.title')} · Ronde`;
  }, [t]);

  useEffect(() => {
    let cancelled = false;
    redeemOnce(code, name).then(
      (spaceId) => {
        if (!cancelled) navigate(`/s/${spaceId}`, { replace: true });
      },
      (e: unknown) => {
        if (!cancelled) setError(joinErrorKey(e));
      },
    );
    return () => {
      cancelled = true;
    };
    // The name is read when redeeming; changing it later must not redeem again.
    // eslint-disable-next-line react-hooks/exhaustive-deps -- see above
  }, [code, attempt, navigate]);

  if (error === null) return <Loading message={t('join.joining')} />;
  const retryable = error.key === 'join.error.network' || error.key === 'join.error.server';
  return (
    <div className="page page--narrow empty-state">
      <h1>{t('join.title')}</h1>
      <p role="alert" className="alert">
        {t(error.key, error.message !== undefined ? { message: error.message } : undefined)}
      </p>
      {retryable && (
        <p>
          <button
            type="button"
            className="button"
            onClick={() => {
              setError(null);
              setAttempt((a) => a + 1);
            }}
          >
            {t('join.retry')}
          </button>
        </p>
      )}
      <HomeLink />
    </div>
  );
}
