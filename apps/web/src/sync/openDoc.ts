import { IndexeddbPersistence } from 'y-indexeddb';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import {
  CLOSE_REVOKED,
  CLOSE_UNAUTHORIZED,
  markRevoked,
  trackConnection,
  untrackConnection,
  worstStatus,
  type ConnectionStatus,
} from './connectionStatus.ts';
import { useSession } from '../state/session.ts';
import { watchPermissionDenied } from './permissionDenied.ts';
import { freshToken, keepSessionFresh, refreshSession } from './sessionKeeper.ts';
import { attachServerClock, createClockFilter } from './serverClock.ts';
import { syncUrl } from './syncUrl.ts';

/**
 * How far a room has loaded: nothing yet, the local copy (IndexedDB), or the
 * server's copy at least once. A page renders as soon as it is not `loading`
 * and decides "does not exist" only once it is `synced`.
 */
export type RoomLoad = 'loading' | 'local' | 'synced';

/** One open document: its Y.Doc, local copy and connection to the server. */
export interface Room {
  readonly name: string;
  readonly doc: Y.Doc;
  readonly provider: WebsocketProvider;
  readonly persistence: IndexeddbPersistence | null;
  /** The load state; changes are announced to `onLoad` listeners. */
  load(): RoomLoad;
  onLoad(listener: () => void): () => void;
}

interface Entry {
  readonly room: Room;
  refs: number;
  timer: ReturnType<typeof setTimeout> | null;
  readonly close: () => void;
}

/** How long an unused room stays open, so moving between pages reuses it. */
export const ROOM_GRACE_MS = 5000;

const rooms = new Map<string, Entry>();
// Every room talks to the same server: their round trips feed one clock estimate.
const clockFilter = createClockFilter();
const setServerOffset = (offsetMs: number): void => useSession.getState().setServerOffset(offsetMs);
const registryListeners = new Set<() => void>();
let aggregate: ConnectionStatus | null = null;

export interface OpenDocOptions {
  /** The websocket endpoint; defaults to `/sync` on the page's host. */
  readonly url?: string;
  /** Replaces the browser's WebSocket (tests). */
  readonly WebSocket?: typeof WebSocket;
}

let defaults: OpenDocOptions = {};

/** Sets the options used for rooms opened from now on (tests, embedding). */
export function configureRooms(options: OpenDocOptions): void {
  defaults = options;
}

/**
 * Opens a room, or returns the open one, and counts a reference to it.
 * Call `release` when done; the room closes `ROOM_GRACE_MS` after its last
 * release. The local copy is loaded at once and the provider keeps trying to
 * reach the server, whatever happens.
 *
 * @example
 * const { room, release } = openDoc(spaceRoom(spaceId));
 * readSpace(room.doc);
 * release();
 */
export function openDoc(name: string): { room: Room; release: () => void } {
  const entry = ensure(name);
  entry.refs++;
  if (entry.timer !== null) {
    clearTimeout(entry.timer);
    entry.timer = null;
  }
  let released = false;
  return {
    room: entry.room,
    release() {
      if (released) return;
      released = true;
      entry.refs--;
      scheduleClose(entry);
    },
  };
}

/**
 * The room of that name, opened without taking a reference (for rendering
 * before an effect takes one). An unreferenced room closes after the grace.
 */
export function peekDoc(name: string): Room {
  const entry = ensure(name);
  scheduleClose(entry);
  return entry.room;
}

function ensure(name: string): Entry {
  const existing = rooms.get(name);
  if (existing) return existing;
  const entry = createEntry(name);
  rooms.set(name, entry);
  const tracker = trackConnection(entry.room.provider);
  tracker.subscribe(announce);
  announce();
  return entry;
}

function scheduleClose(entry: Entry): void {
  if (entry.refs > 0 || entry.timer !== null) return;
  entry.timer = setTimeout(() => {
    entry.timer = null;
    if (entry.refs > 0 || rooms.get(entry.room.name) !== entry) return;
    rooms.delete(entry.room.name);
    entry.close();
    announce();
  }, ROOM_GRACE_MS);
}

/** How often, at most, a refused connection makes the room check its session. */
const SESSION_CHECK_MS = 30_000;

function createEntry(name: string): Entry {
  const doc = new Y.Doc();
  const persistence = typeof indexedDB === 'undefined' ? null : new IndexeddbPersistence(name, doc);
  const url = defaults.url ?? syncUrl(window.location);
  const spaceId = name.split('/')[0] ?? '';
  const initialToken = useSession.getState().memberships[spaceId]?.token ?? '';
  // Connects once a fresh token is known (below): never without the token.
  const provider = new WebsocketProvider(url, name, doc, {
    connect: false,
    // Tabs sync through the server only: a tab's update that depended on
    // another tab's edit the server has not seen would be refused (the server
    // checks who appends meeting events before it applies an update).
    disableBc: true,
    params: initialToken ? { token: initialToken } : {},
    ...(defaults.WebSocket ? { WebSocketPolyfill: defaults.WebSocket } : {}),
  });
  watchPermissionDenied(provider);
  const stopAccess = keepAccess(spaceId, provider);
  const listeners = new Set<() => void>();
  let local = persistence === null;
  let everSynced = provider.synced;
  const notify = (): void => listeners.forEach((l) => l());
  persistence?.on('synced', () => {
    local = true;
    notify();
  });
  const onSync = (synced: boolean): void => {
    if (synced && !everSynced) {
      everSynced = true;
      notify();
    }
  };
  provider.on('sync', onSync);
  const stopClock = attachServerClock(provider, {
    filter: clockFilter,
    onOffset: setServerOffset,
  });
  const room: Room = {
    name,
    doc,
    provider,
    persistence,
    load: () => (everSynced ? 'synced' : local ? 'local' : 'loading'),
    onLoad(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
  return {
    room,
    refs: 0,
    timer: null,
    close() {
      listeners.clear();
      stopAccess();
      stopClock();
      untrackConnection(provider);
      provider.destroy();
      void persistence?.destroy();
      doc.destroy();
    },
  };
}

/**
 * Wires a room's provider to the space's session: sends the current token
 * in the URL (`?token=`), connects once a fresh one is known, gets a new one
 * and reconnects after a 4401, stops for good after a 4403 or once the
 * membership is gone, and checks the session when connections keep failing
 * (a refused upgrade looks like a network error to a browser).
 */
function keepAccess(spaceId: string, provider: WebsocketProvider): () => void {
  const releaseLease = keepSessionFresh(spaceId);
  let stopped = false;
  let revoked = false;
  let unauthorized = 0;
  let lastCheck = 0;
  let retry: ReturnType<typeof setTimeout> | null = null;

  const revoke = (): void => {
    if (revoked) return;
    revoked = true;
    provider.disconnect();
    markRevoked(provider);
  };
  const apply = (token: string | undefined): void => {
    if (token && provider.params.token !== token) provider.params = { token };
  };
  let started = false;
  const unsubscribe = useSession.subscribe((state) => {
    const m = state.memberships[spaceId];
    if (!m) return;
    if (m.revoked) revoke();
    else {
      apply(m.token);
      if (!started) connectFresh();
    }
  });
  const connectFresh = (): void => {
    started = true;
    void freshToken(spaceId).then((token) => {
      if (stopped || revoked) return;
      if (token === null) {
        if (useSession.getState().memberships[spaceId]?.revoked) revoke();
        return;
      }
      apply(token);
      provider.connect();
    });
  };

  const onClosed = ({ code }: { code: number }): void => {
    if (code === CLOSE_REVOKED) {
      revoke();
      // Learn whether the membership itself is gone (the key refused).
      refreshSession(spaceId).catch(() => {});
    } else if (code === CLOSE_UNAUTHORIZED) {
      // Token expired or role changed: get a new one and come back, backing
      // off if the server keeps refusing.
      unauthorized++;
      const delay = unauthorized > 1 ? Math.min(1000 * 2 ** unauthorized, 30_000) : 0;
      retry = setTimeout(() => {
        retry = null;
        refreshSession(spaceId)
          .then((token) => {
            if (token === null) revoke();
          })
          .catch(() => {})
          .finally(() => {
            if (!stopped && !revoked) provider.connect();
          });
      }, delay);
    }
  };
  const onSync = (synced: boolean): void => {
    if (synced) unauthorized = 0;
  };
  const onFailure = (): void => {
    if (provider.wsconnected || revoked) return;
    const now = Date.now();
    if (now - lastCheck < SESSION_CHECK_MS) return;
    lastCheck = now;
    refreshSession(spaceId).catch(() => {});
  };
  provider.on('closed', onClosed);
  provider.on('sync', onSync);
  provider.on('connection-error', onFailure);

  // Without a membership the room stays unconnected (pages ask for an
  // invitation before opening one); it connects once one arrives.
  const m = useSession.getState().memberships[spaceId];
  if (m?.revoked) revoke();
  else if (m) connectFresh();

  return () => {
    stopped = true;
    if (retry !== null) clearTimeout(retry);
    provider.off('closed', onClosed);
    provider.off('sync', onSync);
    provider.off('connection-error', onFailure);
    unsubscribe();
    releaseLease();
  };
}

function announce(): void {
  const next = worstStatus(
    [...rooms.values()].map((e) => trackConnection(e.room.provider).getSnapshot()),
  );
  if (next === aggregate) return;
  aggregate = next;
  registryListeners.forEach((l) => l());
}

/**
 * The worst connection status over every open room, or `null` when none is
 * open; for the header's status indicator.
 */
export function openRoomsStatus(): ConnectionStatus | null {
  return aggregate;
}

/** Listens to changes of {@link openRoomsStatus}. */
export function subscribeOpenRooms(listener: () => void): () => void {
  registryListeners.add(listener);
  return () => registryListeners.delete(listener);
}

/** Closes every room at once (tests). */
export function closeAllRooms(): void {
  for (const entry of rooms.values()) {
    if (entry.timer !== null) clearTimeout(entry.timer);
    entry.close();
  }
  rooms.clear();
  announce();
}
