import { useSyncExternalStore } from 'react';

/**
 * A room whose socket the server closed with 4409 (it refused a write this
 * device's copy holds, docs/legitimacy.md §3), and how the recovery went:
 * `recovering` while the local copy is dropped and the server's loaded,
 * `recovered` once the room synced again (`resent`: the signed process
 * events of the old copy sent again because the server lacked them),
 * `failed` when the server refused again right after a recovery (the room
 * then stays closed until the page is reloaded).
 */
export interface WriteRefusal {
  readonly room: string;
  /** The server's words, `write refused (WRITE-n): …`, or '' when none came. */
  readonly reason: string;
  readonly state: 'recovering' | 'recovered' | 'failed';
  readonly resent: number;
}

let refusals: readonly WriteRefusal[] = [];
const listeners = new Set<() => void>();

/** Records or updates a room's refusal (openDoc does). */
export function reportWriteRefusal(refusal: WriteRefusal): void {
  refusals = [...refusals.filter((r) => r.room !== refusal.room), refusal];
  listeners.forEach((l) => l());
}

/** Hides a room's notice (the person read it). */
export function dismissWriteRefusal(room: string): void {
  const next = refusals.filter((r) => r.room !== room);
  if (next.length === refusals.length) return;
  refusals = next;
  listeners.forEach((l) => l());
}

/** The current refusals, oldest first (tests, the notice). */
export function writeRefusals(): readonly WriteRefusal[] {
  return refusals;
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/**
 * The write refusals of this page load not dismissed yet.
 *
 * @example
 * const refusals = useWriteRefusals();
 */
export function useWriteRefusals(): readonly WriteRefusal[] {
  return useSyncExternalStore(subscribe, writeRefusals);
}
