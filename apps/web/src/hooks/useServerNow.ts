import { useEffect, useState } from 'react';
import { useSession } from '../state/session.ts';

/**
 * The server's current time (DESIGN 9: timers use the server's clock), as
 * this device's clock plus the offset measured over the sync socket.
 * Re-renders every `intervalMs`, and when the offset is refined.
 *
 * @example
 * const now = useServerNow(1000);
 * const left = Math.max(0, turn.endsAt - now);
 */
export function useServerNow(intervalMs: number): number {
  const offset = useSession((s) => s.serverOffsetMs);
  const [local, setLocal] = useState(Date.now);
  useEffect(() => {
    setLocal(Date.now());
    const timer = setInterval(() => setLocal(Date.now()), intervalMs);
    return () => clearInterval(timer);
  }, [intervalMs]);
  return local + offset;
}
