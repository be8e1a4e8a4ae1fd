import type { WebsocketProvider } from 'y-websocket';

/** What the user is told about a room's connection. */
export type ConnectionStatus =
  'connecting' | 'synced' | 'offline' | 'throttled' | 'full' | 'error' | 'revoked';

/** Close codes of the sync server (docs/trust-api.md). */
export const CLOSE_UNAUTHORIZED = 4401;
export const CLOSE_REVOKED = 4403;
/**
 * The server refused a write this copy holds (docs/legitimacy.md §3): the
 * room drops its local copy and reopens (openDoc); this provider is done.
 */
export const CLOSE_WRITE_REFUSED = 4409;
/** The document reached its size limit (QUOTA-2): the server takes no more changes to it. */
export const CLOSE_DOCUMENT_FULL = 4413;
/** Too much sent too fast (messages, or bytes per minute, QUOTA-1): changes stay on this device. */
export const CLOSE_RATE_LIMITED = 4429;

/** A readable store of one provider's connection status. */
export interface ConnectionTracker {
  getSnapshot(): ConnectionStatus;
  subscribe(listener: () => void): () => void;
}

interface Tracked {
  readonly tracker: ConnectionTracker;
  readonly dispose: () => void;
  readonly revoke: () => void;
}

const trackers = new WeakMap<WebsocketProvider, Tracked>();

/**
 * The connection status of a provider, derived from its events:
 * - `synced` once the server has answered the sync handshake;
 * - `offline` after a connection was lost or refused, or while the browser
 *   says it is offline (the provider keeps retrying meanwhile);
 * - `revoked` when the server closed the room because access was revoked
 *   (4403), or {@link markRevoked} said the membership is gone;
 * - `full` when the document reached its size limit (4413): later changes
 *   are not saved on the server;
 * - `throttled` when this device sent too much too fast (4429): its changes
 *   stay on the device and reach the server once the page is reloaded;
 * - `error` when the server closed the room for good (other close codes
 *   4400-4499, after which y-websocket stops retrying); a 4401 (token expired
 *   or role changed) is not final: the room gets a new token and reconnects,
 *   and reads `offline` meanwhile;
 * - `connecting` before the first answer.
 *
 * One tracker per provider, created on first use.
 *
 * @example
 * const tracker = trackConnection(provider);
 * tracker.subscribe(() => console.log(tracker.getSnapshot()));
 */
export function trackConnection(provider: WebsocketProvider): ConnectionTracker {
  let tracked = trackers.get(provider);
  if (!tracked) {
    tracked = createTracker(provider);
    trackers.set(provider, tracked);
  }
  return tracked.tracker;
}

/** Stops tracking a provider (its room is closing). */
export function untrackConnection(provider: WebsocketProvider): void {
  trackers.get(provider)?.dispose();
  trackers.delete(provider);
}

function createTracker(provider: WebsocketProvider): Tracked {
  const listeners = new Set<() => void>();
  let lost = false;
  let closedForGood = false;
  let revoked = false;
  let closedWith: number | null = null;
  let status = compute();

  function compute(): ConnectionStatus {
    if (revoked) return 'revoked';
    if (closedForGood && closedWith === CLOSE_DOCUMENT_FULL) return 'full';
    if (closedForGood && closedWith === CLOSE_RATE_LIMITED) return 'throttled';
    if (closedForGood) return 'error';
    if (typeof navigator !== 'undefined' && navigator.onLine === false) return 'offline';
    if (provider.synced) return 'synced';
    return lost ? 'offline' : 'connecting';
  }

  function refresh(): void {
    const next = compute();
    if (next === status) return;
    status = next;
    for (const listener of listeners) listener();
  }

  provider.on('status', ({ status: s }) => {
    if (s === 'disconnected') lost = true;
    if (s === 'connected') closedForGood = false;
    refresh();
  });
  provider.on('sync', (synced: boolean) => {
    if (synced) lost = false;
    refresh();
  });
  provider.on('connection-close', () => {
    lost = true;
    refresh();
  });
  provider.on('connection-error', () => {
    lost = true;
    refresh();
  });
  provider.on('closed', ({ code }) => {
    if (code === CLOSE_REVOKED) revoked = true;
    else if (code !== CLOSE_UNAUTHORIZED) closedForGood = true;
    closedWith = code;
    lost = true;
    refresh();
  });
  if (typeof window !== 'undefined') {
    window.addEventListener('online', refresh);
    window.addEventListener('offline', refresh);
  }

  return {
    tracker: {
      getSnapshot: () => status,
      subscribe(listener) {
        listeners.add(listener);
        return () => listeners.delete(listener);
      },
    },
    revoke() {
      revoked = true;
      refresh();
    },
    dispose() {
      listeners.clear();
      if (typeof window !== 'undefined') {
        window.removeEventListener('online', refresh);
        window.removeEventListener('offline', refresh);
      }
    },
  };
}

/** Marks a provider's access as revoked (the membership is gone). */
export function markRevoked(provider: WebsocketProvider): void {
  trackConnection(provider);
  trackers.get(provider)?.revoke();
}

const SEVERITY: readonly ConnectionStatus[] = [
  'synced',
  'connecting',
  'offline',
  'throttled',
  'full',
  'error',
  'revoked',
];

/**
 * The status to show for several rooms at once: the worst of them.
 *
 * @example
 * worstStatus(['synced', 'offline']); // 'offline'
 */
export function worstStatus(statuses: readonly ConnectionStatus[]): ConnectionStatus | null {
  let worst: ConnectionStatus | null = null;
  for (const s of statuses) {
    if (worst === null || SEVERITY.indexOf(s) > SEVERITY.indexOf(worst)) worst = s;
  }
  return worst;
}
