import { useSyncExternalStore } from 'react';
import type { SubmitRefusalCode } from './eventWire.ts';

/** Why an event of mine was not appended: the server's code, or `no-key` (this device could not sign). */
export type RefusalCode = SubmitRefusalCode | 'no-key';

/** A refusal of one of my events, as shown to me. */
export interface MyRefusal {
  readonly room: string;
  readonly eventId: string;
  readonly type: string;
  readonly code: RefusalCode;
  readonly detail: string;
}

const byEvent = new Map<string, MyRefusal>();
const latest = new Map<string, MyRefusal>();
const listeners = new Set<() => void>();

function changed(): void {
  listeners.forEach((l) => l());
}

/** Records that one of my events was refused (by the server, or locally). */
export function recordRefusal(refusal: MyRefusal): void {
  byEvent.set(refusal.eventId, refusal);
  latest.set(refusal.room, refusal);
  changed();
}

/** Hides the room's latest refusal (the person read it). */
export function dismissRefusal(room: string): void {
  if (latest.delete(room)) changed();
}

/** The refusal of the event with this id, or null. */
export function refusalOf(eventId: string): MyRefusal | null {
  return byEvent.get(eventId) ?? null;
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/**
 * The refusal of the event with this id, or null (not refused, or not sent).
 *
 * @example
 * const refusal = useSubmitRefusal(sentId);
 * if (refusal) t(`submit.refusal.${refusal.code}`);
 */
export function useSubmitRefusal(eventId: string | null): MyRefusal | null {
  return useSyncExternalStore(subscribe, () =>
    eventId === null ? null : (byEvent.get(eventId) ?? null),
  );
}

/**
 * The latest refusal of one of my events in a room, until dismissed.
 *
 * @example
 * const refusal = useLatestRefusal(room);
 */
export function useLatestRefusal(room: string | null): MyRefusal | null {
  return useSyncExternalStore(subscribe, () => (room === null ? null : (latest.get(room) ?? null)));
}

/** Forgets every refusal (tests). */
export function clearRefusals(): void {
  byEvent.clear();
  latest.clear();
  changed();
}
