import { useEffect, useId, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { ApiError } from '../api/http.ts';
import { previewInvite, redeemInvite, type InvitePreview } from '../api/trust.ts';
import { HomeLink } from '../components/HomeLink.tsx';
import { Loading } from '../components/Loading.tsx';
import { RequireName } from '../components/RequireName.tsx';
import type { MessageKey } from '../i18n/en.ts';
import { formatDateTime } from '../i18n/formatTime.ts';
import { useLanguage, useT, useTn } from '../i18n/useT.ts';
import { NAME_MAX, useSession } from '../state/session.ts';

const redemptions = new Map<string, Promise<string>>();
const previews = new Map<string, Promise<InvitePreview>>();

/**
 * Previews an invite once per code at a time (StrictMode runs effects
 * twice; each look counts against the address's redemption limit).
 *
 * @example
 * const { spaceName, role } = await previewOnce(code);
 */
export function previewOnce(code: string, fetchImpl?: typeof fetch): Promise<InvitePreview> {
  const pending = previews.get(code);
  if (pending) return pending;
  const run = previewInvite(code, fetchImpl);
  previews.set(code, run);
  run.then(
    () => previews.delete(code),
    () => previews.delete(code),
  );
  return run;
}

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

/** What to tell someone whose invite did not work; `message`: the server's, for the unforeseen. */
export type Refusal = { key: MessageKey; message?: string };

/** The {@link Refusal} for an error of the preview or the redemption. */
export function joinErrorKey(error: unknown): Refusal {
  if (!(error instanceof ApiError) || error.kind === 'network')
    return { key: 'join.error.network' };
  const code = error.code.toLowerCase();
  if (error.status === 404) return { key: 'join.error.unknown' };
  if (error.status === 429) return { key: 'join.error.rateLimited' };
  if (code === 'invalid_name') return { key: 'join.error.invalidName' };
  if (code === 'name_taken') return { key: 'join.error.nameTaken' };
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
 * which never reaches a server) or `/join/:code`: says which space the
 * invite opens and in which role (or at once that it no longer works);
 * once asked to join, asks for a name if the device has none, redeems the
 * invite and opens the space. The fragment is cleared from the address bar.
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
  return <Preview key={code} code={code} />;
}

function Preview({ code }: { code: string }) {
  const t = useT();
  const tn = useTn();
  const language = useLanguage();
  const [attempt, setAttempt] = useState(0);
  const [answer, setAnswer] = useState<{ preview: InvitePreview } | { error: Refusal } | null>(
    null,
  );
  const [joining, setJoining] = useState(false);
  // This device is a member already: joining again would make a second member, a second voice.
  const previewed = answer !== null && 'preview' in answer ? answer.preview.spaceId : '';
  const member = useSession((s) => {
    const m = s.memberships[previewed];
    return m !== undefined && !m.revoked;
  });

  useEffect(() => {
    document.title = `${t('join.title')} · Ronde`;
  }, [t]);

  useEffect(() => {
    let cancelled = false;
    previewOnce(code).then(
      (preview) => {
        if (!cancelled) setAnswer({ preview });
      },
      (e: unknown) => {
        if (!cancelled) setAnswer({ error: joinErrorKey(e) });
      },
    );
    return () => {
      cancelled = true;
    };
  }, [code, attempt]);

  if (answer === null) return <Loading message={t('join.checking')} />;
  if ('error' in answer) {
    return (
      <Refused
        error={answer.error}
        onRetry={() => {
          setAnswer(null);
          setAttempt((a) => a + 1);
        }}
      />
    );
  }
  if (joining) {
    return (
      <RequireName>
        <Join code={code} />
      </RequireName>
    );
  }
  const { spaceName, role, expiresAt, usesLeft } = answer.preview;
  const space = spaceName.trim();
  if (member && !joining) {
    return (
      <div className="page page--narrow empty-state">
        <h1>{t('join.title')}</h1>
        <p>
          {space
            ? t('join.preview.alreadyMember', { space })
            : t('join.preview.alreadyMemberUnnamed')}
        </p>
        <p>
          <Link className="button button--primary" to={`/s/${previewed}`}>
            {space ? t('join.preview.open', { space }) : t('join.preview.openUnnamed')}
          </Link>
        </p>
      </div>
    );
  }
  return (
    <div className="page page--narrow empty-state">
      <h1>{t('join.title')}</h1>
      <p>{space ? t('join.preview.invited', { space }) : t('join.preview.invitedUnnamed')}</p>
      {/* Paragraphs, not a list: each keeps its margin, so the button stands apart. */}
      <p className="meta">{t('join.preview.role', { role: t(`role.${role}`) })}</p>
      {expiresAt !== null && (
        <p className="meta">
          {t('join.preview.expires', { date: formatDateTime(language, expiresAt) })}
        </p>
      )}
      {usesLeft !== null && <p className="meta">{tn('join.preview.usesLeft', usesLeft)}</p>}
      <p>
        <button type="button" className="button button--primary" onClick={() => setJoining(true)}>
          {space ? t('join.preview.join', { space }) : t('join.preview.joinUnnamed')}
        </button>
      </p>
    </div>
  );
}

/** Why the invite cannot be used, the way home, and a retry when trying again may help. */
function Refused({ error, onRetry }: { error: Refusal; onRetry: () => void }) {
  const t = useT();
  const retryable = error.key === 'join.error.network' || error.key === 'join.error.server';
  return (
    <div className="page page--narrow empty-state">
      <h1>{t('join.title')}</h1>
      <p role="alert" className="alert">
        {t(error.key, error.message !== undefined ? { message: error.message } : undefined)}
      </p>
      {retryable && (
        <p>
          <button type="button" className="button" onClick={onRetry}>
            {t('join.retry')}
          </button>
        </p>
      )}
      <HomeLink />
    </div>
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
  const deviceName = useSession((s) => s.name);
  /** The name to join under, chosen here when another member of the space goes by the device's (server NAME-7). */
  const [chosen, setChosen] = useState<string | null>(null);
  const name = chosen ?? deviceName;
  const [attempt, setAttempt] = useState(0);
  const [error, setError] = useState<Refusal | null>(null);

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
  if (error.key === 'join.error.nameTaken') {
    return (
      <OtherName
        taken={name}
        onChoose={(next) => {
          setChosen(next);
          setError(null);
          setAttempt((a) => a + 1);
        }}
      />
    );
  }
  return (
    <Refused
      error={error}
      onRetry={() => {
        setError(null);
        setAttempt((a) => a + 1);
      }}
    />
  );
}

/**
 * Another member of the space goes by `taken` (server NAME-7): asks for the
 * name this space will know the person by. The device's own name stays as it is.
 */
function OtherName({ taken, onChoose }: { taken: string; onChoose: (name: string) => void }) {
  const t = useT();
  const inputId = useId();
  const [value, setValue] = useState(taken);
  const [empty, setEmpty] = useState(false);
  return (
    <div className="page page--narrow">
      <h1>{t('join.title')}</h1>
      <form
        aria-label={t('join.nameTaken.form')}
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          const next = value.trim();
          if (next === '') setEmpty(true);
          else onChoose(next);
        }}
      >
        <p role="alert" className="alert">
          {t('join.error.nameTaken', { name: taken })}
        </p>
        <div className="field">
          <label htmlFor={inputId}>{t('join.nameTaken.label')}</label>
          <input
            id={inputId}
            value={value}
            maxLength={NAME_MAX}
            autoComplete="nickname"
            autoFocus
            aria-invalid={empty || undefined}
            onChange={(e) => {
              setValue(e.target.value);
              setEmpty(false);
            }}
          />
          {empty && (
            <p role="alert" className="field__error">
              {t('name.required')}
            </p>
          )}
        </div>
        <p>
          <button type="submit" className="button button--primary">
            {t('join.nameTaken.submit')}
          </button>
        </p>
      </form>
      <HomeLink />
    </div>
  );
}
