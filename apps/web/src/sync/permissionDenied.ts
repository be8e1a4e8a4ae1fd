import * as decoding from 'lib0/decoding';
import { useSyncExternalStore } from 'react';
import type { WebsocketProvider } from 'y-websocket';

/** y-protocols' auth message type, and its only kind. */
const MESSAGE_AUTH = 2;
const PERMISSION_DENIED = 0;

const denied = new WeakSet<WebsocketProvider>();
const lastReasons = new WeakMap<WebsocketProvider, string>();
const listeners = new Set<() => void>();
let version = 0;

/**
 * Whether a `permission-denied` reason says the connection may not write at
 * all (an observer: `read-only: …`), rather than that one write was refused
 * (`write refused (WRITE-n): …`, a limit), after which the socket closes and
 * the room recovers: that one does not make the person an observer.
 *
 * @example
 * isReadOnlyDenial('read-only: observers cannot edit'); // true
 * isReadOnlyDenial('write refused (WRITE-2): the log is written by the server'); // false
 */
export function isReadOnlyDenial(reason: string): boolean {
  return reason.startsWith('read-only');
}

/**
 * Listens for the server's `permission-denied` auth message on a provider
 * (it drops an observer's writes and says so), instead of y-websocket's
 * console warning.
 *
 * @example
 * watchPermissionDenied(provider);
 */
export function watchPermissionDenied(provider: WebsocketProvider): void {
  provider.messageHandlers[MESSAGE_AUTH] = (_encoder, decoder) => {
    if (decoding.readVarUint(decoder) !== PERMISSION_DENIED) return;
    const reason = decoding.readVarString(decoder);
    lastReasons.set(provider, reason);
    if (!isReadOnlyDenial(reason) || denied.has(provider)) return;
    denied.add(provider);
    version++;
    listeners.forEach((l) => l());
  };
}

/** The reason of the last `permission-denied` on this provider, or '' when none came. */
export function lastDenialReason(provider: WebsocketProvider): string {
  return lastReasons.get(provider) ?? '';
}

/** Whether the server said this provider may not write (an observer's connection). */
export function wasDenied(provider: WebsocketProvider): boolean {
  return denied.has(provider);
}

/**
 * Whether the server refused a write on any of these providers (the page
 * then shows the observer's read-only notice).
 *
 * @example
 * const denied = usePermissionDenied([room.provider]);
 */
export function usePermissionDenied(providers: readonly WebsocketProvider[]): boolean {
  useSyncExternalStore(subscribe, () => version);
  return providers.some((p) => denied.has(p));
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}
