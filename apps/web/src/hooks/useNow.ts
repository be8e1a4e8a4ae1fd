import { useSyncExternalStore } from 'react';

const listeners = new Set<() => void>();
let now = Date.now();
let timer: ReturnType<typeof setInterval> | null = null;
const TICK_MS = 30_000;

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  if (timer === null) {
    now = Date.now();
    timer = setInterval(() => {
      now = Date.now();
      listeners.forEach((l) => l());
    }, TICK_MS);
  }
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0 && timer !== null) {
      clearInterval(timer);
      timer = null;
    }
  };
}

/**
 * The current time, updated every 30 seconds: enough for "2 minutes ago".
 * All readers share one timer.
 *
 * @example
 * const now = useNow();
 * formatRelative(language, proposal.updatedAt, now);
 */
export function useNow(): number {
  return useSyncExternalStore(subscribe, () => now);
}
