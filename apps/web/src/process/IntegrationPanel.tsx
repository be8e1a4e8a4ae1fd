import {
  blockingObjections,
  confirmAmendment,
  currentItem,
  linkAmendment,
  objectionResolution,
  type ItemState,
  type ObjectionState,
} from '@ronde/domain';
import { useId, useState } from 'react';
import { useT } from '../i18n/useT.ts';
import { useProcess } from './processModel.ts';

/**
 * The integration step: per blocking objection, the proposer (or a
 * facilitator) links an amendment; in IDM objector and proposer confirm it
 * (IDM-6); in consent the objector is asked whether it resolves their
 * objection (CONSENT-4).
 */
export function IntegrationPanel() {
  const t = useT();
  const model = useProcess();
  const item = currentItem(model.state);
  const round = model.state.step?.positionRound ?? 0;
  if (item === null) return null;
  const objections = blockingObjections(item, round);
  if (objections.length === 0) return <p className="meta">{t('process.noObjections')}</p>;
  return (
    <div className="integration">
      {objections.map((o) => (
        <ObjectionIntegration key={o.id} item={item} objection={o} />
      ))}
    </div>
  );
}

function ObjectionIntegration({ item, objection }: { item: ItemState; objection: ObjectionState }) {
  const t = useT();
  const id = useId();
  const model = useProcess();
  const [summary, setSummary] = useState('');
  const [error, setError] = useState<string | null>(null);
  const name = model.name(objection.objector);
  const latest = objection.amendments.at(-1) ?? null;
  const answers = latest ? objection.confirmations.filter((c) => c.amendmentId === latest.id) : [];
  const confirmedBy = answers.filter((c) => c.resolves !== false).map((c) => c.by);
  const declined = answers.some((c) => c.by === objection.objector && c.resolves === false);
  const answered = answers.some((c) => c.by === model.me);
  const resolution = objectionResolution(item, objection);
  const consent = item.process !== 'idm';
  const resolved = resolution === 'confirmed' || (!consent && resolution === 'integrated');
  const mayLink = model.facilitator || model.me === item.ownerId;
  // Consent asks the objector alone; IDM the objector and the proposer.
  const asked = consent
    ? model.me === objection.objector
    : model.me === objection.objector || model.me === item.ownerId;
  const mayConfirm = !resolved && latest !== null && asked && !answered;
  const answer = (resolves: boolean) =>
    model.run((s, by, at) => confirmAmendment(s, by, at, objection.id, resolves));

  const link = () => {
    if (summary.trim() === '') {
      setError(t('process.summaryRequired'));
      return;
    }
    setError(null);
    model.run((s, by, at) => linkAmendment(s, by, at, objection.id, summary.trim()));
    setSummary('');
  };

  return (
    <div
      role="group"
      aria-label={t('process.objectionOf', { name })}
      className="card objection stack"
    >
      <p className="objection__text">
        <strong>{name}</strong>
        {t('text.colon')}
        {objection.reason}
        {objection.anchor && (
          <>
            {' '}
            <q className="anchor-quote">{objection.anchor.quote}</q>
          </>
        )}
      </p>
      {objection.amendments.length > 0 && (
        <ul className="amendments">
          {objection.amendments.map((a) => (
            <li key={a.id}>
              {t('process.amendmentBy', { summary: a.summary, name: model.name(a.by) })}
            </li>
          ))}
        </ul>
      )}
      {resolved ? (
        <p className="resolved">{t('process.resolved')}</p>
      ) : consent && latest !== null ? (
        <p className="meta">
          {declined
            ? t('process.notResolvedYet', { name })
            : t('process.awaitingObjector', { name })}
        </p>
      ) : (
        confirmedBy.length > 0 && (
          <p className="meta">
            {t('process.confirmedBy', { names: confirmedBy.map(model.name).join(', ') })}
          </p>
        )
      )}
      {mayConfirm && consent && (
        <div role="group" aria-labelledby={`${id}-ask`} className="stack">
          <p id={`${id}-ask`}>{t('process.askObjector')}</p>
          <div className="actions">
            <button type="button" className="button button--primary" onClick={() => answer(true)}>
              {t('process.resolvesYes')}
            </button>
            <button type="button" className="button" onClick={() => answer(false)}>
              {t('process.resolvesNo')}
            </button>
          </div>
        </div>
      )}
      {mayConfirm && !consent && (
        <div className="actions">
          <button type="button" className="button button--primary" onClick={() => answer(true)}>
            {t('process.confirmAmendment')}
          </button>
        </div>
      )}
      {mayLink && !resolved && (
        <div className="stack">
          <div className="field">
            <label htmlFor={`${id}-summary`}>{t('process.amendmentSummary')}</label>
            <input
              id={`${id}-summary`}
              type="text"
              value={summary}
              maxLength={2000}
              aria-invalid={error !== null}
              onChange={(e) => setSummary(e.target.value)}
            />
          </div>
          {error && (
            <p role="alert" className="alert">
              {error}
            </p>
          )}
          <div className="actions">
            <button type="button" className="button" onClick={link}>
              {t('process.linkAmendment')}
            </button>
          </div>
        </div>
      )}
    </div>
  );
}
