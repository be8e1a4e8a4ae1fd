import { MIN_DEADLINE_MS } from '@ronde/domain';
import { useSyncExternalStore } from 'react';
import { apiJson, asRecord } from '../api/http.ts';

/**
 * The deployment's shortest time from now to an asynchronous consent's
 * deadline (server ACONS-16, `GET /api/settings`): fetched once per page
 * load; until it answers (or if it cannot be reached) the domain's floor,
 * a minute, and the server refuses anything shorter than its own.
 */
let minDeadlineMs = MIN_DEADLINE_MS;
let requested = false;
const listeners = new Set<() => void>();

function load(): void {
  if (requested) return;
  requested = true;
  apiJson('/api/settings').then(
    (answer) => {
      const value = asRecord(asRecord(answer)?.asyncConsent)?.minDeadlineMs;
      if (typeof value === 'number' && Number.isSafeInteger(value) && value >= MIN_DEADLINE_MS) {
        minDeadlineMs = value;
        listeners.forEach((l) => l());
      }
    },
    () => {
      // Unreachable now: ask again next time a form shows.
      requested = false;
    },
  );
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  load();
  return () => listeners.delete(listener);
}

/**
 * The shortest deadline this server accepts, in ms.
 *
 * @example
 * const minMs = useMinDeadline(); // 3_600_000 on a default deployment
 */
export function useMinDeadline(): number {
  return useSyncExternalStore(subscribe, () => minDeadlineMs);
}

/** Sets the value as if the server had answered (tests). */
export function setMinDeadlineForTests(ms: number): void {
  minDeadlineMs = ms;
  requested = true;
  listeners.forEach((l) => l());
}
