import { meetingLog, parseAsyncPersonEvent, parseRoomName, readSignature } from '@ronde/domain';
import * as idb from 'lib0/indexeddb';
import { IndexeddbPersistence } from 'y-indexeddb';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import {
  CLOSE_REVOKED,
  CLOSE_UNAUTHORIZED,
  CLOSE_WRITE_REFUSED,
  markRevoked,
  trackConnection,
  untrackConnection,
  worstStatus,
  type ConnectionStatus,
} from './connectionStatus.ts';
import { keepDeviceRegistered } from '../identity/deviceRegistration.ts';
import { useSession } from '../state/session.ts';
import { keyDirectory } from './deviceDirectory.ts';
import {
  createEventChannel,
  registerChannel,
  unregisterChannel,
  type EventChannel,
} from './eventChannel.ts';
import type { OutboxEntry } from './eventOutbox.ts';
import { createLogVerifier, registerVerifier } from './logVerifier.ts';
import { lastDenialReason, watchPermissionDenied } from './permissionDenied.ts';
import { reportWriteRefusal } from './writeRefusals.ts';
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

/** A room's current copy: its parts and how to take them down. */
interface Parts {
  readonly room: Room;
  /** Stops and destroys everything; `dropLocal` also deletes the IndexedDB copy. */
  readonly dispose: (dropLocal?: boolean) => Promise<void>;
}

interface Entry {
  /** The current copy; replaced when the room is reopened after a refused write. */
  parts: Parts;
  refs: number;
  timer: ReturnType<typeof setTimeout> | null;
  /** Meeting rooms: how process events are submitted (outlives the copy). */
  readonly channel: EventChannel | null;
  recovering: boolean;
  /** A recovery whose new copy has not synced yet: a second 4409 then gives up. */
  unconfirmed: boolean;
  closed: boolean;
}

/** How long an unused room stays open, so moving between pages reuses it. */
export const ROOM_GRACE_MS = 5000;

const rooms = new Map<string, Entry>();
const swapListeners = new Map<string, Set<() => void>>();
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
    room: entry.parts.room,
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
  return entry.parts.room;
}

/**
 * Listens for a room being replaced by a fresh copy (after the server
 * refused a write, the local copy is dropped and the room reopened);
 * `useRoom` re-renders with the new one.
 */
export function subscribeRoom(name: string, listener: () => void): () => void {
  let set = swapListeners.get(name);
  if (!set) {
    set = new Set();
    swapListeners.set(name, set);
  }
  set.add(listener);
  const held = set;
  return () => {
    held.delete(listener);
    if (held.size === 0 && swapListeners.get(name) === held) swapListeners.delete(name);
  };
}

function ensure(name: string): Entry {
  const existing = rooms.get(name);
  if (existing) return existing;
  const kind = parseRoomName(name)?.kind;
  // Meetings and asynchronous consents take signed events (docs/legitimacy.md §1, §5).
  const channel = kind === 'meeting' || kind === 'consent' ? createEventChannel(name) : null;
  const entry: Entry = {
    parts: createParts(name, () => scheduleRecovery(entry)),
    refs: 0,
    timer: null,
    channel,
    recovering: false,
    unconfirmed: false,
    closed: false,
  };
  rooms.set(name, entry);
  install(entry, entry.parts);
  return entry;
}

/** Makes a copy the entry's current one and wires it to the channel and the status. */
function install(entry: Entry, parts: Parts): void {
  entry.parts = parts;
  const { room } = parts;
  if (entry.channel) {
    entry.channel.attach(room.provider, room.doc);
    registerChannel(entry.channel, room.doc);
  }
  trackConnection(room.provider).subscribe(announce);
  announce();
}

// Out of the provider's close handler: recovery destroys that provider.
function scheduleRecovery(entry: Entry): void {
  void Promise.resolve().then(() => recover(entry));
}

/**
 * After a 4409 (the server refused a write this copy holds, and will never
 * accept it): drop the local copy, IndexedDB included, reopen the room from
 * the server, and send again the signed process events the old copy held —
 * the channel's outbox drops those the server's log already has. This is how
 * a device heals after the server was restored from a backup taken
 * mid-meeting: its copy holds entries the server lost, and the server
 * accepts others' events too, since their signatures prove who wrote them.
 */
async function recover(entry: Entry): Promise<void> {
  if (entry.recovering || entry.closed) return;
  const old = entry.parts.room;
  const reason = lastDenialReason(old.provider);
  if (entry.unconfirmed) {
    // Refused again before the fresh copy ever synced: something other than
    // an old copy is wrong; stop rather than loop.
    reportWriteRefusal({ room: old.name, reason, state: 'failed', resent: 0 });
    return;
  }
  entry.recovering = true;
  reportWriteRefusal({ room: old.name, reason, state: 'recovering', resent: 0 });
  const carried = entry.channel ? signedEntries(old.doc) : [];
  await entry.parts.dispose(true);
  entry.recovering = false;
  if (entry.closed) return;
  entry.unconfirmed = true;
  const parts = createParts(old.name, () => scheduleRecovery(entry));
  install(entry, parts);
  swapListeners.get(old.name)?.forEach((l) => l());
  const { provider, doc } = parts.room;
  const onSync = (synced: boolean): void => {
    if (!synced) return;
    provider.off('sync', onSync);
    entry.unconfirmed = false;
    const present = new Set(entryIds(doc));
    const missing = carried.filter((e) => !present.has(e.event.id));
    entry.channel?.resubmit(missing);
    reportWriteRefusal({ room: old.name, reason, state: 'recovered', resent: missing.length });
  };
  provider.on('sync', onSync);
}

function entryIds(doc: Y.Doc): string[] {
  return meetingLog(doc)
    .toArray()
    .map((raw) => (raw as { id?: unknown } | null)?.id)
    .filter((id): id is string => typeof id === 'string');
}

/** The log entries of a copy that carry a signature: the ones worth sending again. */
function signedEntries(doc: Y.Doc): OutboxEntry[] {
  const out: OutboxEntry[] = [];
  for (const raw of meetingLog(doc).toArray()) {
    const id = (raw as { id?: unknown } | null)?.id;
    if (typeof id !== 'string' || readSignature(raw) === null) continue;
    out.push({ event: { ...(raw as object), id }, mine: false });
  }
  return out;
}

function scheduleClose(entry: Entry): void {
  if (entry.refs > 0 || entry.timer !== null) return;
  entry.timer = setTimeout(() => {
    entry.timer = null;
    if (entry.refs > 0 || rooms.get(entry.parts.room.name) !== entry) return;
    rooms.delete(entry.parts.room.name);
    closeEntry(entry);
    announce();
  }, ROOM_GRACE_MS);
}

/** How often, at most, a refused connection makes the room check its session. */
const SESSION_CHECK_MS = 30_000;

function closeEntry(entry: Entry): void {
  entry.closed = true;
  if (entry.channel) unregisterChannel(entry.channel);
  void entry.parts.dispose();
}

function createParts(name: string, onWriteRefused: () => void): Parts {
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
  const releaseRegistration = keepDeviceRegistered(spaceId);
  const onClosed = ({ code }: { code: number }): void => {
    if (code === CLOSE_WRITE_REFUSED) onWriteRefused();
  };
  provider.on('closed', onClosed);
  const roomKind = parseRoomName(name)?.kind;
  // Meeting and consent logs are folded over their checked prefix only (MEET-16, ASYNC-18).
  const verifier =
    roomKind === 'meeting'
      ? createLogVerifier(name, doc, keyDirectory(spaceId))
      : roomKind === 'consent'
        ? createLogVerifier(name, doc, keyDirectory(spaceId), parseAsyncPersonEvent)
        : null;
  if (verifier) registerVerifier(doc, verifier);
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
    async dispose(dropLocal = false) {
      listeners.clear();
      provider.off('closed', onClosed);
      verifier?.dispose();
      stopAccess();
      releaseRegistration();
      stopClock();
      untrackConnection(provider);
      provider.destroy();
      doc.destroy();
      // The copy is gone from memory at once; deleting it on disk waits for the database to close.
      await persistence?.destroy();
      if (dropLocal && typeof indexedDB !== 'undefined') await idb.deleteDB(name);
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
    [...rooms.values()]
      .filter((e) => !e.recovering)
      .map((e) => trackConnection(e.parts.room.provider).getSnapshot()),
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
    closeEntry(entry);
  }
  rooms.clear();
  announce();
}
