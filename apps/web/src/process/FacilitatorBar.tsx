import { handOver, nextStep, startMeeting, undoStep } from '@ronde/domain';
import { useId, useState } from 'react';
import { useT } from '../i18n/useT.ts';
import { takingPart, useProcess } from './processModel.ts';
import { canUndo, nextAction } from './steps.ts';

/** Start, next (or end), undo: only what the current state allows, for facilitators only. */
export function FacilitatorBar() {
  const t = useT();
  const model = useProcess();
  const { state } = model;
  if (!model.facilitator) return null;
  if (state.phase === 'not-started') {
    return (
      <div className="process-actions">
        <button
          type="button"
          className="button button--primary"
          onClick={() => model.run(startMeeting)}
        >
          {t('process.start')}
        </button>
      </div>
    );
  }
  const next = nextAction(state);
  const undo = canUndo(state);
  if (next === null && !undo) return null;
  return (
    <div className="process-actions">
      {next && (
        <button
          type="button"
          className="button button--primary"
          onClick={() => model.run(nextStep)}
        >
          {next === 'end' ? t('process.end') : t('process.next')}
        </button>
      )}
      {undo && (
        <button type="button" className="button" onClick={() => model.run(undoStep)}>
          {t('process.undo')}
        </button>
      )}
    </div>
  );
}

/** A facilitator hands facilitation to someone taking part who is not one (MEET-10). */
export function HandOver() {
  const t = useT();
  const id = useId();
  const model = useProcess();
  const [to, setTo] = useState('');
  if (!model.facilitator || model.state.phase === 'ended') return null;
  const candidates = takingPart(model).filter((p) => !model.state.facilitators.includes(p.id));
  if (candidates.length === 0) return null;
  const target = candidates.some((p) => p.id === to) ? to : (candidates[0]?.id ?? '');
  return (
    <div className="process-handover">
      <div className="field">
        <label htmlFor={`${id}-to`}>{t('process.handOverTo')}</label>
        <select id={`${id}-to`} value={target} onChange={(e) => setTo(e.target.value)}>
          {candidates.map((p) => (
            <option key={p.id} value={p.id}>
              {model.name(p.id)}
            </option>
          ))}
        </select>
      </div>
      <button
        type="button"
        className="button"
        onClick={() => model.run((s, by, at) => handOver(s, by, at, target))}
      >
        {t('process.handOver')}
      </button>
    </div>
  );
}
