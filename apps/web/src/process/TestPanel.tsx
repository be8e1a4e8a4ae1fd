import {
  currentItem,
  OBJECTION_RULINGS,
  testObjection,
  type ObjectionRuling,
  type ObjectionState,
  type ObjectionTestAnswers,
} from '@ronde/domain';
import { useId, useState } from 'react';
import { useT } from '../i18n/useT.ts';
import { useProcess } from './processModel.ts';

const QUESTIONS: readonly (keyof ObjectionTestAnswers)[] = [
  'harm',
  'createdByProposal',
  'urgent',
  'limitsRole',
];

/** The IDM test step: the facilitator asks the four questions of each objection and rules. */
export function TestPanel() {
  const t = useT();
  const model = useProcess();
  const item = currentItem(model.state);
  const round = model.state.step?.positionRound ?? 0;
  if (item === null) return null;
  const objections = item.objections.filter((o) => o.round === round);
  if (objections.length === 0) return <p className="meta">{t('process.noObjections')}</p>;
  return (
    <div className="objection-tests">
      {objections.map((o) => (
        <ObjectionTest key={o.id} objection={o} />
      ))}
    </div>
  );
}

function ObjectionTest({ objection }: { objection: ObjectionState }) {
  const t = useT();
  const id = useId();
  const model = useProcess();
  const [answers, setAnswers] = useState<ObjectionTestAnswers>(
    objection.test?.answers ?? {
      harm: false,
      createdByProposal: false,
      urgent: false,
      limitsRole: false,
    },
  );
  const [ruling, setRuling] = useState<ObjectionRuling>(objection.test?.ruling ?? 'valid');
  const [error, setError] = useState<string | null>(null);
  const name = model.name(objection.objector);
  const submit = () => {
    if (ruling === 'valid' && !QUESTIONS.every((q) => answers[q])) {
      setError(t('process.validNeedsFour'));
      return;
    }
    setError(null);
    model.run((s, by, at) => testObjection(s, by, at, objection.id, answers, ruling));
  };
  return (
    <div
      role="group"
      aria-label={t('process.testOf', { name })}
      className="card objection-test stack"
    >
      <p className="objection__text">
        <strong>{name}</strong>
        {t('text.colon')}
        {objection.reason}
      </p>
      {objection.test && (
        <p className="meta">
          {t('process.ruled', {
            ruling: t(`process.ruling.${objection.test.ruling}`),
            name: model.name(objection.test.by),
          })}
        </p>
      )}
      {model.facilitator && (
        <>
          <fieldset className="objection-test__questions">
            <legend className="visually-hidden">{t('process.testQuestions')}</legend>
            {QUESTIONS.map((q) => (
              <div key={q} className="field field--check">
                <input
                  id={`${id}-${q}`}
                  type="checkbox"
                  checked={answers[q]}
                  onChange={(e) => setAnswers({ ...answers, [q]: e.target.checked })}
                />
                <label htmlFor={`${id}-${q}`}>{t(`process.question.${q}`)}</label>
              </div>
            ))}
          </fieldset>
          <div className="field field--narrow">
            <label htmlFor={`${id}-ruling`}>{t('process.ruling')}</label>
            <select
              id={`${id}-ruling`}
              value={ruling}
              onChange={(e) => setRuling(e.target.value as ObjectionRuling)}
            >
              {OBJECTION_RULINGS.map((r) => (
                <option key={r} value={r}>
                  {t(`process.ruling.${r}`)}
                </option>
              ))}
            </select>
          </div>
          {error && (
            <p role="alert" className="alert">
              {error}
            </p>
          )}
          <div className="actions">
            <button type="button" className="button button--primary" onClick={submit}>
              {t('process.recordRuling')}
            </button>
          </div>
        </>
      )}
    </div>
  );
}
