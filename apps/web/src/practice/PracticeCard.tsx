import { useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router';
import { ApiError } from '../api/http.ts';
import { useNameFirst } from '../components/NameDialog.tsx';
import { useLanguage, useT } from '../i18n/useT.ts';
import { rememberCreatedSpace } from '../state/rememberCreatedSpace.ts';
import { useSession } from '../state/session.ts';
import { createPractice, type PracticeProcess } from './practiceApi.ts';
import './practice.css';

/**
 * "Practice a meeting" on the home page: makes a practice space with its
 * meeting and scripted participants (SPEC PRACTICE-1) and opens the meeting.
 */
export function PracticeCard() {
  const t = useT();
  const language = useLanguage();
  const navigate = useNavigate();
  const [process, setProcess] = useState<PracticeProcess>('consent');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const start = async () => {
    setBusy(true);
    setError(null);
    try {
      const created = await createPractice({
        process,
        language,
        memberName: useSession.getState().name,
      });
      rememberCreatedSpace(created, { practice: true });
      navigate(`/s/${created.id}/m/${created.practice.meetingId}`);
    } catch (e) {
      const busyServer = e instanceof ApiError && e.code === 'practice_busy';
      setError(
        busyServer
          ? t('practice.error.busy')
          : e instanceof ApiError && e.kind === 'server'
            ? t('practice.error.server', { message: e.message })
            : t('home.error.network'),
      );
      setBusy(false);
    }
  };

  // The practiser is the meeting's facilitator under their name: ask for it first.
  const nameFirst = useNameFirst(() => void start());

  const submit = (event: FormEvent) => {
    event.preventDefault();
    nameFirst.run();
  };

  return (
    <section className="card practice-card" aria-labelledby="practice-title">
      <h2 id="practice-title" className="card__title">
        {t('practice.title')}
      </h2>
      <p className="hint">{t('practice.intro')}</p>
      <form onSubmit={submit} className="stack" aria-labelledby="practice-title">
        <fieldset className="field">
          <legend>{t('practice.process')}</legend>
          {(['consent', 'idm'] as const).map((value) => (
            <label key={value} className="radio">
              <input
                type="radio"
                name="practice-process"
                value={value}
                checked={process === value}
                onChange={() => setProcess(value)}
              />{' '}
              {t(value === 'consent' ? 'practice.process.consent' : 'practice.process.idm')}
            </label>
          ))}
        </fieldset>
        {error && (
          <p role="alert" className="alert">
            {error}
          </p>
        )}
        <div>
          <button type="submit" className="button button--primary" disabled={busy}>
            {busy ? t('practice.starting') : t('practice.start')}
          </button>
        </div>
      </form>
      {nameFirst.dialog}
    </section>
  );
}
