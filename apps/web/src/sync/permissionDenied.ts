import * as decoding from 'lib0/decoding';
import { useSyncExternalStore } from 'react';
import type { WebsocketProvider } from 'y-websocket';

/** y-protocols' auth message type, and its only kind. */
const MESSAGE_AUTH = 2;
const PERMISSION_DENIED = 0;

const denied = new WeakSet<WebsocketProvider>();
const listeners = new Set<() => void>();
let version = 0;

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
    decoding.readVarString(decoder);
    if (denied.has(provider)) return;
    denied.add(provider);
    version++;
    listeners.forEach((l) => l());
  };
}

/** Whether the server refused a write on this provider. */
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
