import { useSession } from '../state/session.ts';

/**
 * The server's time now (DESIGN 9), for the `at` of a process event: this
 * device's clock plus the offset measured over the sync socket.
 *
 * @example
 * appendEvent(doc, nextStep(state, me, serverNow()));
 */
export function serverNow(): number {
  return Date.now() + useSession.getState().serverOffsetMs;
}

/**
 * A duration as `m:ss` (or `h:mm:ss`), from milliseconds, rounded up to the
 * second so a timer shows 0:00 only once it is over.
 *
 * @example
 * formatClock(61_000); // '1:01'
 */
export function formatClock(ms: number): string {
  const total = Math.max(0, Math.ceil(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = String(total % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${s}` : `${m}:${s}`;
}
