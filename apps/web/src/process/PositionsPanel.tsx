import '../styles/equity.css';
import {
  currentItem,
  effectivePositions,
  INTEREST_MAX,
  recordPosition,
  type Anchor,
  type DeclaredInterest,
  type PositionState,
  type PositionValue,
} from '@ronde/domain';
import { useId, useRef, useState } from 'react';
import { useT } from '../i18n/useT.ts';
import { takingPart, useProcess } from './processModel.ts';
import { currentTemplate } from './steps.ts';

/** Values that need a written reason and may carry an anchor (SPEC POS-4, POS-5). */
const WRITTEN: readonly PositionValue[] = ['objection', 'concern'];

/**
 * Why a position cannot be recorded yet, or null: an objection needs a reason.
 *
 * @example
 * positionError('objection', '  '); // 'reason-required'
 */
export function positionError(value: PositionValue, reason: string): 'reason-required' | null {
  return value === 'objection' && reason.trim() === '' ? 'reason-required' : null;
}

/** A positions step: my position (or one I record for someone), and everyone's so far. */
export function PositionsPanel({ selection }: { selection: Anchor | null }) {
  const model = useProcess();
  const item = currentItem(model.state);
  const step = model.state.step;
  if (item === null || step === null) return null;
  return (
    <>
      {model.takesPart && <PositionForm key={step.id} selection={selection} />}
      <PositionList />
    </>
  );
}

function PositionForm({ selection }: { selection: Anchor | null }) {
  const t = useT();
  const id = useId();
  const model = useProcess();
  const template = currentTemplate(model.state);
  const [forWhom, setForWhom] = useState('');
  const [writing, setWriting] = useState<PositionValue | null>(null);
  const [reason, setReason] = useState('');
  const [anchored, setAnchored] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [declaring, setDeclaring] = useState(false);
  const [interestText, setInterestText] = useState('');
  const [conflict, setConflict] = useState(false);
  const buttons = useRef<HTMLDivElement>(null);
  if (template === null) return null;
  // Declared only when it says something (domain INTEREST-1).
  const interest: DeclaredInterest | null =
    declaring && (interestText.trim() !== '' || conflict)
      ? { text: interestText.trim(), conflict }
      : null;
  const item = currentItem(model.state);
  const round = model.state.step?.positionRound ?? 0;
  const others = model.facilitator ? takingPart(model).filter((p) => p.id !== model.me) : [];
  const target = others.some((p) => p.id === forWhom) ? forWhom : '';
  const person = target || model.me;
  const current = item ? effectivePositions(item, round).find((p) => p.person === person) : null;

  const record = (value: PositionValue, text: string, anchor: Anchor | null) => {
    model.run((s, by, at) =>
      recordPosition(s, by, at, {
        value,
        reason: text.trim(),
        anchor,
        onBehalfOf: target || null,
        interest,
      }),
    );
    setWriting(null);
    setReason('');
    setAnchored(false);
    setError(null);
    setDeclaring(false);
    setInterestText('');
    setConflict(false);
  };

  const choose = (value: PositionValue) => {
    if (WRITTEN.includes(value)) {
      setWriting(value);
      setError(null);
    } else {
      record(value, '', null);
    }
  };

  // The reason's fields go away once recorded or cancelled: focus returns to
  // the position's button rather than to the page.
  const backToButton = (value: PositionValue) =>
    buttons.current?.querySelector<HTMLButtonElement>(`.position-button--${value}`)?.focus();

  const submit = () => {
    if (writing === null) return;
    if (positionError(writing, reason) !== null) {
      setError(t('process.reasonRequired'));
      return;
    }
    record(writing, reason, anchored && selection ? selection : null);
    backToButton(writing);
  };

  const cancel = () => {
    if (writing !== null) backToButton(writing);
    setWriting(null);
  };

  return (
    <div className="position-form">
      {others.length > 0 && (
        <div className="field field--narrow">
          <label htmlFor={`${id}-for`}>{t('process.recordFor')}</label>
          <select id={`${id}-for`} value={target} onChange={(e) => setForWhom(e.target.value)}>
            <option value="">{t('process.myself')}</option>
            {others.map((p) => (
              <option key={p.id} value={p.id}>
                {model.name(p.id)}
              </option>
            ))}
          </select>
        </div>
      )}
      <div className="position-interest stack">
        <div className="field field--check">
          <input
            id={`${id}-declare`}
            type="checkbox"
            checked={declaring}
            onChange={(e) => setDeclaring(e.target.checked)}
          />
          <label htmlFor={`${id}-declare`}>{t('interest.declare')}</label>
        </div>
        {declaring && (
          <>
            <div className="field">
              <label htmlFor={`${id}-interest`}>{t('interest.text')}</label>
              <textarea
                id={`${id}-interest`}
                value={interestText}
                rows={2}
                maxLength={INTEREST_MAX}
                aria-describedby={`${id}-interest-hint`}
                onChange={(e) => setInterestText(e.target.value)}
              />
              <p id={`${id}-interest-hint`} className="hint">
                {t('interest.hint')}
              </p>
            </div>
            <div className="field field--check">
              <input
                id={`${id}-conflict`}
                type="checkbox"
                checked={conflict}
                onChange={(e) => setConflict(e.target.checked)}
              />
              <label htmlFor={`${id}-conflict`}>{t('interest.conflict')}</label>
            </div>
          </>
        )}
      </div>
      <div
        ref={buttons}
        role="group"
        aria-label={t('process.yourPosition')}
        className="position-buttons"
      >
        {template.positions.map((value) => (
          <button
            key={value}
            type="button"
            className={`button position-button position-button--${value}`}
            aria-pressed={current?.value === value || writing === value}
            onClick={() => choose(value)}
          >
            {t(`process.position.${value}`)}
          </button>
        ))}
      </div>
      {writing !== null && (
        <div className="position-reason stack">
          <div className="field">
            <label htmlFor={`${id}-reason`}>{t('process.reason')}</label>
            <textarea
              id={`${id}-reason`}
              value={reason}
              rows={3}
              aria-invalid={error !== null}
              aria-describedby={error ? `${id}-error` : undefined}
              onChange={(e) => setReason(e.target.value)}
            />
          </div>
          <div className="field field--check">
            <input
              id={`${id}-anchor`}
              type="checkbox"
              checked={anchored && selection !== null}
              disabled={selection === null}
              aria-describedby={`${id}-quote`}
              onChange={(e) => setAnchored(e.target.checked)}
            />
            <label htmlFor={`${id}-anchor`}>{t('process.anchor')}</label>
          </div>
          <p id={`${id}-quote`} className="hint">
            {selection ? (
              <q className="anchor-quote">{selection.quote}</q>
            ) : (
              t('process.anchorHint')
            )}
          </p>
          {error && (
            <p id={`${id}-error`} role="alert" className="alert">
              {error}
            </p>
          )}
          <div className="actions">
            <button type="button" className="button button--primary" onClick={submit}>
              {writing === 'objection' ? t('process.recordObjection') : t('process.recordConcern')}
            </button>
            <button type="button" className="button button--quiet" onClick={cancel}>
              {t('process.cancel')}
            </button>
          </div>
        </div>
      )}
    </div>
  );
}

/** The positions of the current round, each person's latest (SPEC POS-3). */
export function PositionList() {
  const t = useT();
  const model = useProcess();
  const item = currentItem(model.state);
  const round = model.state.step?.positionRound ?? 0;
  if (item === null || round === 0) return null;
  const positions = effectivePositions(item, round);
  const missing = takingPart(model).filter((p) => !positions.some((q) => q.person === p.id));
  return (
    <div className="positions">
      <h4 className="process-subtitle">{t('process.positionsRound', { round })}</h4>
      {positions.length === 0 ? (
        <p className="meta">{t('process.noPositions')}</p>
      ) : (
        <ul className="positions__list" aria-label={t('process.positions')}>
          {positions.map((p) => (
            <li key={p.id} className={`positions__item positions__item--${p.value}`}>
              <strong>{model.name(p.person)}</strong>
              {t('text.colon')}
              {t(`process.position.${p.value}`)}
              {p.reason && ` — ${p.reason}`}
              {p.anchor && (
                <>
                  {' '}
                  <q className="anchor-quote">{p.anchor.quote}</q>
                </>
              )}
              {p.onBehalfOf !== null && (
                <span className="meta"> ({t('process.onBehalf', { name: model.name(p.by) })})</span>
              )}
              <InterestNote interest={p.interest} />
            </li>
          ))}
        </ul>
      )}
      {missing.length > 0 && (
        <p className="meta">
          {t('process.waitingFor', { names: missing.map((p) => model.name(p.id)).join(', ') })}
        </p>
      )}
    </div>
  );
}

/**
 * A declared interest beside its position (domain INTEREST-2): the words,
 * and a flag for a conflict of interest.
 */
export function InterestNote({ interest }: { interest: PositionState['interest'] }) {
  const t = useT();
  if (interest === undefined) return null;
  return (
    <span className="interest">
      {' '}
      {interest.conflict && <strong className="interest__conflict">{t('interest.flag')}</strong>}
      {interest.text && (
        <span className="interest__text">
          {interest.conflict ? ' ' : ''}
          {t('interest.shown', { text: interest.text })}
        </span>
      )}
    </span>
  );
}
