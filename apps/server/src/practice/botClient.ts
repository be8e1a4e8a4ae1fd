import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { WebSocket } from 'ws';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import type { Logger } from '../log.ts';
import {
  MESSAGE_AUTH,
  MESSAGE_AWARENESS,
  MESSAGE_EVENT,
  MESSAGE_EVENT_REFUSED,
  MESSAGE_QUERY_AWARENESS,
  MESSAGE_SYNC,
  encodeAwareness,
  encodeUpdate,
} from '../protocol.ts';

/** What the server's own updates are applied with, so they are not sent back. */
const FROM_SERVER = Symbol('from server');

export interface BotClientOptions {
  /** `ws://host:port` of the server the bot is a client of. */
  readonly origin: string;
  readonly room: string;
  /** A fresh session token, asked for at each (re)connection. */
  token(): string;
  readonly user: { readonly id: string; readonly name: string; readonly color: string };
  readonly log: Logger;
  /** After each change of the replica (the server's updates and the bot's own). */
  onChange(): void;
  /** Once the client gave up for good: the server closed it for a reason that lasts. */
  onStopped(reason: string): void;
}

export interface BotClient {
  /** The bot's replica of the room's document. */
  readonly doc: Y.Doc;
  /** Resolves at the first complete sync with the server. */
  readonly synced: Promise<void>;
  /** Submits a signed process event (message 5); false when not connected. */
  submit(event: unknown): boolean;
  /** Closes the socket for good, removing the bot's presence first. */
  close(): void;
}

/** Close codes after which the bot stops rather than reconnects (docs/trust-api.md). */
const FINAL_CLOSES = new Set([1000, 1001, 4400, 4403, 4409, 4413, 4429]);
const RETRY_MIN_MS = 500;
const RETRY_MAX_MS = 30_000;

/**
 * A practice bot's connection: a plain y-websocket client (sync step 1 and
 * 2, updates, awareness) over `ws`, with Ronde's event message, keeping a
 * replica of one room (SPEC PRACTICE-2). It reconnects with a new token after
 * a 4401 or a dropped socket, and stops when the server closes it for good.
 *
 * @example
 * const client = connectBot({ origin: 'ws://127.0.0.1:8080', room, token, user, log, onChange, onStopped });
 * await client.synced;
 */
export function connectBot(options: BotClientOptions): BotClient {
  const doc = new Y.Doc();
  const awareness = new awarenessProtocol.Awareness(doc);
  let socket: WebSocket | null = null;
  let stopped = false;
  let retryMs = RETRY_MIN_MS;
  let retryTimer: NodeJS.Timeout | null = null;
  let resolveSynced = (): void => undefined;
  const synced = new Promise<void>((resolve) => (resolveSynced = resolve));

  const send = (bytes: Uint8Array): boolean => {
    if (socket?.readyState !== WebSocket.OPEN) return false;
    socket.send(bytes);
    return true;
  };
  const sendPresence = (): void => {
    send(encodeAwareness(awarenessProtocol.encodeAwarenessUpdate(awareness, [doc.clientID])));
  };

  doc.on('update', (update: Uint8Array, origin: unknown) => {
    if (origin !== FROM_SERVER) send(encodeUpdate(update));
    options.onChange();
  });
  awareness.on('update', (_change: unknown, origin: unknown) => {
    if (origin === 'local') sendPresence();
  });
  awareness.setLocalStateField('user', options.user);

  function receive(data: Uint8Array): void {
    const decoder = decoding.createDecoder(data);
    const type = decoding.readVarUint(decoder);
    if (type === MESSAGE_SYNC) {
      const encoder = encoding.createEncoder();
      encoding.writeVarUint(encoder, MESSAGE_SYNC);
      const kind = syncProtocol.readSyncMessage(decoder, encoder, doc, FROM_SERVER);
      if (encoding.length(encoder) > 1) send(encoding.toUint8Array(encoder));
      if (kind === syncProtocol.messageYjsSyncStep2) resolveSynced();
    } else if (type === MESSAGE_QUERY_AWARENESS) {
      sendPresence();
    } else if (type === MESSAGE_AUTH) {
      decoding.readVarUint(decoder);
      options.log.warn('practice bot refused', { reason: decoding.readVarString(decoder) });
    } else if (type === MESSAGE_EVENT_REFUSED) {
      const id = decoding.readVarString(decoder);
      const code = decoding.readVarString(decoder);
      options.log.info('practice bot event refused', { id, code });
    }
    // Awareness of others and the clock answer are not needed by a bot.
    else if (type !== MESSAGE_AWARENESS)
      options.log.debug('practice bot ignored a message', { type });
  }

  function connect(): void {
    retryTimer = null;
    if (stopped) return;
    const url = `${options.origin}/sync/${options.room}?token=${encodeURIComponent(options.token())}`;
    const ws = new WebSocket(url);
    socket = ws;
    ws.binaryType = 'arraybuffer';
    ws.on('open', () => {
      retryMs = RETRY_MIN_MS;
      const encoder = encoding.createEncoder();
      encoding.writeVarUint(encoder, MESSAGE_SYNC);
      syncProtocol.writeSyncStep1(encoder, doc);
      ws.send(encoding.toUint8Array(encoder));
      sendPresence();
    });
    ws.on('message', (data: ArrayBuffer) => {
      try {
        receive(new Uint8Array(data));
      } catch (error) {
        options.log.warn('practice bot could not read a message', { error });
      }
    });
    ws.on('error', (error) => options.log.debug('practice bot socket error', { error }));
    ws.on('close', (code: number, reason: Buffer) => {
      if (socket === ws) socket = null;
      if (stopped) return;
      if (FINAL_CLOSES.has(code)) {
        stop(`closed ${code} ${reason.toString()}`);
        return;
      }
      retryTimer = setTimeout(connect, retryMs);
      retryMs = Math.min(retryMs * 2, RETRY_MAX_MS);
    });
  }

  function stop(reason: string): void {
    if (stopped) return;
    stopped = true;
    if (retryTimer) clearTimeout(retryTimer);
    const ws = socket;
    if (ws?.readyState === WebSocket.OPEN) {
      // Leave visibly: the others' presence lists drop the bot at once.
      awarenessProtocol.removeAwarenessStates(awareness, [doc.clientID], 'local');
      ws.close(1000, 'practice bot stopped');
    } else {
      ws?.terminate();
    }
    awareness.destroy();
    resolveSynced();
    options.onStopped(reason);
  }

  connect();
  return {
    doc,
    synced,
    submit(event) {
      const encoder = encoding.createEncoder();
      encoding.writeVarUint(encoder, MESSAGE_EVENT);
      encoding.writeVarString(encoder, JSON.stringify(event));
      return send(encoding.toUint8Array(encoder));
    },
    close: () => stop('closed'),
  };
}
