import { currentItem, runningRound } from '@ronde/domain';
import { useServerNow } from '../hooks/useServerNow.ts';
import { useT } from '../i18n/useT.ts';
import { useProcess } from './processModel.ts';
import { formatClock } from './serverTime.ts';

/** Milliseconds left until `endsAt` on the server clock (negative once over). */
export function timeLeft(endsAt: number, serverNow: number): number {
  return endsAt - serverNow;
}

function Timer({
  label,
  endsAt,
  totalMs,
  now,
}: {
  label: string;
  endsAt: number;
  totalMs: number;
  now: number;
}) {
  const t = useT();
  // Clock jitter between devices may put `now` a moment before the start.
  const left = Math.min(timeLeft(endsAt, now), totalMs);
  const over = left < 0;
  return (
    <div className={`timer${over ? ' timer--over' : ''}`}>
      <span className="timer__label" aria-hidden="true">
        {label}
      </span>
      <span role="timer" aria-label={label} className="timer__value">
        {over ? t('process.overrun', { time: formatClock(-left) }) : formatClock(left)}
      </span>
    </div>
  );
}

/** The turn's and the step's time left, on the server clock (SPEC ROUND-5). */
export function Timers() {
  const t = useT();
  const { state } = useProcess();
  const now = useServerNow(1000);
  const round = runningRound(state);
  const item = currentItem(state);
  const step = state.step;
  if (step === null) return null;
  return (
    <div className="timers">
      {round && (
        <Timer
          label={t('process.turnLeft')}
          endsAt={round.turnStartedAt + round.turnSeconds * 1000}
          totalMs={round.turnSeconds * 1000}
          now={now}
        />
      )}
      {item && state.phase === 'item' && item.status !== 'done' && (
        <Timer
          label={t('process.timeboxLeft')}
          endsAt={step.startedAt + item.timeboxMinutes * 60_000}
          totalMs={item.timeboxMinutes * 60_000}
          now={now}
        />
      )}
    </div>
  );
}
