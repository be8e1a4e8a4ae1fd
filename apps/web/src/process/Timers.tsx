import { currentItem, itemElapsedMs, itemTimeboxMs, runningRound } from '@ronde/domain';
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
  leftMs,
  totalMs,
  overLabel,
}: {
  label: string;
  leftMs: number;
  totalMs: number;
  /** The words of an overrun, given how long it ran over. */
  overLabel: (over: string) => string;
}) {
  // Clock jitter between devices may put `now` a moment before the start.
  const left = Math.min(leftMs, totalMs);
  const over = left < 0;
  return (
    <div className={`timer${over ? ' timer--over' : ''}`}>
      <span className="timer__label" aria-hidden="true">
        {label}
      </span>
      <span role="timer" aria-label={label} className="timer__value">
        {over ? overLabel(formatClock(-left)) : formatClock(left)}
      </span>
    </div>
  );
}

/**
 * The turn's time left, and the item's: its time box counts the time the
 * item has been current over all its steps and visits, never restarted by a
 * step, and shows how far it ran over (domain TIME-1, ROUND-5). Server clock.
 */
export function Timers() {
  const t = useT();
  const { state } = useProcess();
  const now = useServerNow(1000);
  const round = runningRound(state);
  const item = currentItem(state);
  if (state.step === null) return null;
  return (
    <div className="timers">
      {round && (
        <Timer
          label={t('process.turnLeft')}
          leftMs={timeLeft(round.turnStartedAt + round.turnSeconds * 1000, now)}
          totalMs={round.turnSeconds * 1000}
          overLabel={(time) => t('process.overrun', { time })}
        />
      )}
      {item && state.phase === 'item' && (
        <Timer
          label={t('process.timeboxLeft')}
          leftMs={itemTimeboxMs(item) - itemElapsedMs(item, now)}
          totalMs={itemTimeboxMs(item)}
          overLabel={(time) =>
            t('process.timeboxOver', { time, box: formatClock(itemTimeboxMs(item)) })
          }
        />
      )}
    </div>
  );
}
