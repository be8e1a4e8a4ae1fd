import { useState } from 'react';
import { Link, useMatch, useNavigate } from 'react-router';
import { ApiError } from '../api/http.ts';
import { useT } from '../i18n/useT.ts';
import { useSession } from '../state/session.ts';
import { deletePractice } from './practiceApi.ts';
import { forgetPractice, usePracticeSpace } from './usePracticeSpace.ts';
import './practice.css';

/**
 * The mark on every page of a practice space (SPEC PRACTICE-1): what the
 * space is, a way back to its meeting, and for its admin "Delete this
 * practice space", confirmed in place.
 */
export function PracticeBanner() {
  const match = useMatch('/s/:spaceId/*');
  const spaceId = match?.params.spaceId ?? null;
  const practice = usePracticeSpace(spaceId);
  const admin = useSession((s) => (spaceId ? s.memberships[spaceId]?.role === 'admin' : false));
  const forgetSpace = useSession((s) => s.forgetSpace);
  const navigate = useNavigate();
  const t = useT();
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  if (!spaceId || !practice) return null;
  const meetingPath = `/s/${spaceId}/m/${practice.meetingId}`;

  const remove = async () => {
    setBusy(true);
    setError(null);
    try {
      await deletePractice(spaceId);
      forgetPractice(spaceId);
      forgetSpace(spaceId);
      navigate('/');
    } catch (e) {
      setError(t('practice.deleteError', { message: e instanceof ApiError ? e.message : '' }));
      setBusy(false);
    }
  };

  return (
    <section className="practice-banner" aria-labelledby="practice-banner-title">
      <div className="practice-banner__text">
        <h2 id="practice-banner-title" className="practice-banner__title">
          {t('practice.banner.title')}
        </h2>
        <p>{t('practice.banner.text')}</p>
        {match?.pathname !== meetingPath && (
          <Link to={meetingPath}>{t('practice.banner.meeting')}</Link>
        )}
      </div>
      {admin && (
        <div className="practice-banner__actions">
          {!confirming ? (
            <button type="button" className="button" onClick={() => setConfirming(true)}>
              {t('practice.delete')}
            </button>
          ) : (
            <div
              role="group"
              aria-label={t('practice.delete')}
              className="practice-banner__confirm"
            >
              <p>{t('practice.deleteConfirm')}</p>
              <button
                type="button"
                className="button button--danger"
                disabled={busy}
                onClick={() => void remove()}
              >
                {busy ? t('practice.deleting') : t('practice.deleteYes')}
              </button>
              <button
                type="button"
                className="button"
                disabled={busy}
                onClick={() => setConfirming(false)}
              >
                {t('practice.deleteCancel')}
              </button>
            </div>
          )}
          {error && (
            <p role="alert" className="alert">
              {error}
            </p>
          )}
        </div>
      )}
    </section>
  );
}
