import { handOver, nextStep, runningRound, startMeeting, undoStep } from '@ronde/domain';
import { useEffect, useId, useRef, useState } from 'react';
import { useT, useTn } from '../i18n/useT.ts';
import { takingPart, useProcess } from './processModel.ts';
import { canUndo, nextAction } from './steps.ts';

/**
 * Start, next (or end), undo: only what the current state allows, for
 * facilitators only. "Next step" over a round still running asks first: it
 * would leave the people still waiting unheard.
 */
export function FacilitatorBar() {
  const t = useT();
  const model = useProcess();
  const { state } = model;
  // The round the facilitator was asked about; a new round or step asks again.
  const [asking, setAsking] = useState<string | null>(null);
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
  const round = runningRound(state);
  const waiting = round === null ? 0 : round.order.length - round.turns.length;
  const askKey = round === null ? null : `${state.step?.id ?? ''}:${round.id}`;
  const onNext = () => {
    if (askKey !== null && waiting > 0) setAsking(askKey);
    else model.run(nextStep);
  };
  return (
    <div className="process-actions">
      {next && (
        <button type="button" className="button button--primary" onClick={onNext}>
          {next === 'end' ? t('process.end') : t('process.next')}
        </button>
      )}
      {asking !== null && asking === askKey && (
        <ConfirmSkipRound
          waiting={waiting}
          onGo={() => {
            setAsking(null);
            model.run(nextStep);
          }}
          onStay={() => setAsking(null)}
        />
      )}
      {undo && (
        <button type="button" className="button" onClick={() => model.run(undoStep)}>
          {t('process.undo')}
        </button>
      )}
    </div>
  );
}

/** Asks before "Next step" leaves a round with people still waiting for their turn. */
function ConfirmSkipRound({
  waiting,
  onGo,
  onStay,
}: {
  waiting: number;
  onGo: () => void;
  onStay: () => void;
}) {
  const t = useT();
  const tn = useTn();
  const id = useId();
  const stay = useRef<HTMLButtonElement>(null);
  useEffect(() => stay.current?.focus(), []);
  return (
    <div
      role="alertdialog"
      aria-labelledby={`${id}-q`}
      className="confirm-next card"
      onKeyDown={(e) => {
        if (e.key === 'Escape') onStay();
      }}
    >
      <p id={`${id}-q`}>{tn('process.roundUnfinished', waiting)}</p>
      <div className="actions">
        <button type="button" className="button button--primary" onClick={onGo}>
          {t('process.nextAnyway')}
        </button>
        <button ref={stay} type="button" className="button" onClick={onStay}>
          {t('process.finishRound')}
        </button>
      </div>
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
