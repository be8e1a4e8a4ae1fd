import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import WebSocket from 'ws';
import * as Y from 'yjs';

/**
 * A minimal sync client, written from the protocols' descriptions: the
 * y-websocket framing (`[type, …]`, the room in the URL) that Ronde and
 * `@y/websocket-server` speak, and Hocuspocus's (every frame prefixed with
 * the document name, an auth frame first). A reader holds no Y.Doc: it only
 * looks at the bytes, so that 2,000 of them fit on the load generator's core.
 */
export type Dialect = 'y-websocket' | 'hocuspocus';

export interface Target {
  readonly dialect: Dialect;
  /** ws://host:port */
  readonly origin: string;
}

export interface ClientOptions {
  readonly target: Target;
  readonly room: string;
  readonly token: string;
  /** A writer's replica; a reader has none. */
  readonly doc?: Y.Doc;
  /** Every sync message after the client is synced (updates relayed to it). */
  readonly onMessage?: (bytes: Buffer, receivedAt: number) => void;
}

export interface SyncClient {
  /** Resolves once the server's sync step 2 arrived; rejects if the socket fails first. */
  readonly synced: Promise<void>;
  /**
   * Bytes of document received: the step 2 and every sync message after it
   * (a server that answers before its store has loaded sends the rest later).
   */
  readonly receivedBytes: () => number;
  /** Sends a Yjs update (the doc's own updates are sent automatically). */
  readonly sendUpdate: (update: Uint8Array) => void;
  readonly close: () => Promise<void>;
}

const SYNC = 0;
const AUTH = 2;
const HOCUSPOCUS_SYNC_REPLY = 4;
const STEP1 = 0;
const STEP2 = 1;
const UPDATE = 2;
const REMOTE = Symbol('remote');

function frame(dialect: Dialect, room: string, write: (e: encoding.Encoder) => void): Uint8Array {
  const e = encoding.createEncoder();
  if (dialect === 'hocuspocus') encoding.writeVarString(e, room);
  write(e);
  return encoding.toUint8Array(e);
}

function syncFrame(dialect: Dialect, room: string, step: number, payload: Uint8Array): Uint8Array {
  return frame(dialect, room, (e) => {
    encoding.writeVarUint(e, SYNC);
    encoding.writeVarUint(e, step);
    encoding.writeVarUint8Array(e, payload);
  });
}

const EMPTY_UPDATE = new Uint8Array([0, 0]);
const EMPTY_STATE_VECTOR = new Uint8Array([0]);

/** The URL a dialect connects to; the token goes in the query (ignored by the peers). */
function urlOf(options: ClientOptions): string {
  const token = encodeURIComponent(options.token);
  return options.target.dialect === 'hocuspocus'
    ? `${options.target.origin}/?token=${token}`
    : `${options.target.origin}/sync/${options.room}?token=${token}`;
}

/**
 * Connects, sends sync step 1, answers the server's step 1 and resolves
 * `synced` on its step 2.
 *
 * @example
 * const c = connectClient({ target, room, token, onMessage: (b) => count(b) });
 * await c.synced;
 */
export function connectClient(options: ClientOptions): SyncClient {
  const { dialect } = options.target;
  const { room, doc } = options;
  const socket = new WebSocket(urlOf(options), { perMessageDeflate: false });
  socket.binaryType = 'nodebuffer';
  let isSynced = false;
  let received = 0;
  let markSynced = (): void => {};
  let fail = (_error: Error): void => {};
  const synced = new Promise<void>((resolve, reject) => {
    markSynced = resolve;
    fail = reject;
  });
  synced.catch(() => {});
  const closed = new Promise<void>((resolve) => socket.on('close', () => resolve()));

  const send = (bytes: Uint8Array): void => {
    if (socket.readyState === WebSocket.OPEN) socket.send(bytes);
  };
  const onDocUpdate = (update: Uint8Array, origin: unknown): void => {
    if (origin !== REMOTE) send(syncFrame(dialect, room, UPDATE, update));
  };
  doc?.on('update', onDocUpdate);

  socket.on('open', () => {
    if (dialect === 'hocuspocus') {
      send(
        frame(dialect, room, (e) => {
          encoding.writeVarUint(e, AUTH);
          encoding.writeVarUint(e, 0);
          encoding.writeVarString(e, options.token);
        }),
      );
    }
    send(syncFrame(dialect, room, STEP1, doc ? Y.encodeStateVector(doc) : EMPTY_STATE_VECTOR));
  });
  socket.on('unexpected-response', (_req, res) => fail(new Error(`HTTP ${res.statusCode}`)));
  socket.on('error', (error) => fail(error));
  socket.on('close', (code, reason) => {
    if (!isSynced) fail(new Error(`closed ${code} ${reason.toString()} before sync`));
  });
  socket.on('message', (data: Buffer) => {
    const receivedAt = performance.now();
    const d = decoding.createDecoder(data);
    if (dialect === 'hocuspocus') decoding.readVarString(d);
    const type = decoding.readVarUint(d);
    if (type === AUTH && dialect === 'hocuspocus' && decoding.readVarUint(d) === 1) {
      fail(new Error(`permission denied: ${decoding.readVarString(d)}`));
      return;
    }
    if (type !== SYNC && !(dialect === 'hocuspocus' && type === HOCUSPOCUS_SYNC_REPLY)) return;
    const step = decoding.readVarUint(d);
    if (step === STEP1) {
      const stateVector = decoding.readVarUint8Array(d);
      send(
        syncFrame(
          dialect,
          room,
          STEP2,
          doc ? Y.encodeStateAsUpdate(doc, stateVector) : EMPTY_UPDATE,
        ),
      );
    } else if (step === STEP2 && !isSynced) {
      const update = decoding.readVarUint8Array(d);
      received += update.length;
      if (doc) Y.applyUpdate(doc, update, REMOTE);
      isSynced = true;
      markSynced();
    } else if (isSynced) {
      received += data.length;
      if (doc && step === UPDATE) Y.applyUpdate(doc, decoding.readVarUint8Array(d), REMOTE);
      options.onMessage?.(data, receivedAt);
    }
  });

  return {
    synced,
    receivedBytes: () => received,
    sendUpdate: (update) => send(syncFrame(dialect, room, UPDATE, update)),
    close: async () => {
      doc?.off('update', onDocUpdate);
      if (socket.readyState === WebSocket.CLOSED) return;
      socket.terminate();
      await closed;
    },
  };
}
