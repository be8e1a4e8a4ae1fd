import {
  addToRound,
  currentSpeaker,
  endTurn,
  isRoundComplete,
  notYetHeard,
  passTurn,
  quietFirst,
  startRound,
  type RoundState,
} from '@ronde/domain';
import { useState } from 'react';
import { useT } from '../i18n/useT.ts';
import { takingPart, useProcess } from './processModel.ts';
import { defaultOrder, mergeOrder, moveInOrder } from './speakingOrder.ts';

/** A round step: the order to confirm before it starts, then who speaks and who is next. */
export function RoundPanel({ present }: { present: ReadonlySet<string> | null }) {
  const { state } = useProcess();
  const round = state.round;
  if (round !== null && !isRoundComplete(round)) return <RunningRound round={round} />;
  return (
    <>
      {round !== null && <CompletedRound round={round} />}
      <OrderEditor key={state.step?.id ?? ''} present={present} again={round !== null} />
    </>
  );
}

function OrderEditor({ present, again }: { present: ReadonlySet<string> | null; again: boolean }) {
  const t = useT();
  const model = useProcess();
  const [edited, setEdited] = useState<readonly string[] | null>(null);
  if (!model.facilitator) {
    return again ? null : <p className="meta">{t('process.waitRound')}</p>;
  }
  const fallback = defaultOrder(takingPart(model), present);
  const order = edited === null ? fallback : mergeOrder(edited, fallback);
  const quiet = notYetHeard(
    model.state,
    { people: model.people },
    model.state.currentItemId,
  ).filter((person) => order.includes(person));
  const quietAhead = quietFirst(order, quiet);
  const alreadyAhead = quietAhead.every((person, index) => order[index] === person);
  return (
    <div className="round-setup">
      <h4 className="process-subtitle">{t('process.speakingOrder')}</h4>
      {quiet.length > 0 && quiet.length < order.length && (
        <button
          type="button"
          className="button button--quiet button--small"
          disabled={alreadyAhead}
          onClick={() => setEdited(quietAhead)}
        >
          {t('equity.quietFirst')}
        </button>
      )}
      <ol className="speaking-order" aria-label={t('process.speakingOrder')}>
        {order.map((personId, index) => {
          const name = model.name(personId);
          return (
            <li key={personId} className="speaking-order__person">
              <span className="speaking-order__name">
                {name}
                {present !== null && !present.has(personId) && (
                  <span className="meta"> · {t('process.away')}</span>
                )}
              </span>
              <span className="speaking-order__moves">
                <button
                  type="button"
                  className="icon-button"
                  aria-label={t('process.moveEarlier', { name })}
                  disabled={index === 0}
                  onClick={() => setEdited(moveInOrder(order, index, -1))}
                >
                  <span aria-hidden="true">↑</span>
                </button>
                <button
                  type="button"
                  className="icon-button"
                  aria-label={t('process.moveLater', { name })}
                  disabled={index === order.length - 1}
                  onClick={() => setEdited(moveInOrder(order, index, 1))}
                >
                  <span aria-hidden="true">↓</span>
                </button>
              </span>
            </li>
          );
        })}
      </ol>
      <div className="process-actions">
        <button
          type="button"
          className="button button--primary"
          disabled={order.length === 0}
          onClick={() => model.run((s, by, at) => startRound(s, by, at, order))}
        >
          {again ? t('process.startAnotherRound') : t('process.startRound')}
        </button>
      </div>
    </div>
  );
}

function CompletedRound({ round }: { round: RoundState }) {
  const t = useT();
  const model = useProcess();
  return (
    <div className="round round--complete">
      <p className="meta">{t('process.roundComplete')}</p>
      <ol className="speaking-order speaking-order--done" aria-label={t('process.lastRound')}>
        {round.turns.map((turn) => (
          <li key={turn.person} className="speaking-order__person">
            <span className="speaking-order__name">{model.name(turn.person)}</span>
            <span className="meta">
              {turn.status === 'passed' ? t('process.passed') : t('process.spoke')}
            </span>
          </li>
        ))}
      </ol>
    </div>
  );
}

function RunningRound({ round }: { round: RoundState }) {
  const t = useT();
  const model = useProcess();
  const speaker = currentSpeaker(round);
  const next = round.order[round.turns.length + 1] ?? null;
  const mine = speaker === model.me;
  const latecomers = takingPart(model).filter((p) => !round.order.includes(p.id));
  const iAmLate = model.takesPart && !round.order.includes(model.me);
  return (
    <div className="round">
      {mine && <p className="my-turn">{t('process.myTurn')}</p>}
      <p className="round__speaker">
        {speaker !== null && t('process.nowSpeaking', { name: model.name(speaker) })}
      </p>
      {next !== null && (
        <p className="round__next">{t('process.nextSpeaker', { name: model.name(next) })}</p>
      )}
      {(mine || model.facilitator) && (
        <div className="process-actions">
          <button
            type="button"
            className="button button--primary"
            onClick={() => model.run(endTurn)}
          >
            {t('process.endTurn')}
          </button>
          <button type="button" className="button" onClick={() => model.run(passTurn)}>
            {t('process.pass')}
          </button>
        </div>
      )}
      <ol className="speaking-order" aria-label={t('process.speakingOrder')}>
        {round.order.map((personId, index) => {
          const turn = round.turns[index];
          const current = index === round.turns.length;
          return (
            <li
              key={personId}
              className={`speaking-order__person speaking-order__person--${
                turn ? turn.status : current ? 'current' : 'waiting'
              }`}
              aria-current={current ? 'true' : undefined}
            >
              <span className="speaking-order__name">{model.name(personId)}</span>
              {turn && (
                <span className="visually-hidden">
                  {turn.status === 'passed' ? t('process.passed') : t('process.spoke')}
                </span>
              )}
            </li>
          );
        })}
      </ol>
      {model.facilitator &&
        latecomers.map((p) => (
          <button
            key={p.id}
            type="button"
            className="button button--quiet button--small"
            onClick={() => model.run((s, by, at) => addToRound(s, by, at, p.id))}
          >
            {t('process.addToRound', { name: model.name(p.id) })}
          </button>
        ))}
      {!model.facilitator && iAmLate && (
        <button
          type="button"
          className="button"
          onClick={() => model.run((s, by, at) => addToRound(s, by, at, model.me))}
        >
          {t('process.joinRound')}
        </button>
      )}
    </div>
  );
}
