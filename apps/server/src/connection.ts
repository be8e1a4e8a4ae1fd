import {
  applyAwarenessUpdate,
  encodeAwarenessUpdate,
  removeAwarenessStates,
} from 'y-protocols/awareness';
import type { RawData, WebSocket } from 'ws';
import type { Identity } from './authenticate.ts';
import type { Peer } from './broadcast.ts';
import type { DocumentRegistry, LoadedDocument } from './documents.ts';
import { CLOSE_CODES, closeReason, isTooSlow, type Limits } from './limits.ts';
import type { Logger } from './log.ts';
import {
  decodeMessage,
  encodeAwareness,
  encodeSyncStep1,
  encodeSyncStep2,
  encodeTime,
  isEmptyUpdate,
  MESSAGE_TIME,
  type ClientMessage,
} from './protocol.ts';
import { MalformedError } from './reader.ts';

export interface ConnectionContext {
  readonly room: string;
  readonly identity: Identity;
  readonly registry: DocumentRegistry;
  readonly limits: Limits;
  readonly log: Logger;
  /** True once shutdown began: messages are no longer taken. */
  readonly isClosing: () => boolean;
  /** The server's clock, for time messages (tests); defaults to `Date.now`. */
  readonly now?: () => number;
}

/**
 * Serves one WebSocket in one room. Messages that arrive while the document
 * loads are buffered and handled in order once it is loaded, so a client is
 * never answered from an empty document. Each message is validated before
 * it touches the document; a bad one closes this connection only.
 */
export function acceptConnection(socket: WebSocket, ctx: ConnectionContext): void {
  const log = ctx.log.child({ room: ctx.room });
  const now = ctx.now ?? Date.now;
  const handle = ctx.registry.open(ctx.room);
  const awarenessIds = new Set<number>();
  let pending: Uint8Array[] | null = [];
  let pendingBytes = 0;
  let document: LoadedDocument | null = null;
  let closed = false;

  const peer: Peer = {
    send(message) {
      if (closed || socket.readyState !== socket.OPEN) return;
      if (isTooSlow(socket, ctx.limits)) {
        close(CLOSE_CODES.tryAgainLater, 'receiving too slowly', 'warn', 'slow receiver dropped');
        return;
      }
      socket.send(message, (error) => {
        if (error) log.debug('send failed', { error });
      });
    },
  };

  function close(code: number, reason: string, level: 'warn' | 'error', msg: string): void {
    if (closed) return;
    closed = true;
    log[level](msg, { code, reason });
    socket.close(code, closeReason(reason));
  }

  function decode(bytes: Uint8Array): ClientMessage | null {
    try {
      return decodeMessage(bytes);
    } catch (error) {
      const reason = error instanceof MalformedError ? error.message : 'malformed message';
      close(CLOSE_CODES.malformed, reason, 'warn', 'malformed message');
      return null;
    }
  }

  /** Time messages need no document: answered at once, even while it loads, so the RTT is true. */
  function answerTime(bytes: Uint8Array): void {
    const message = decode(bytes);
    if (message?.type === 'time') peer.send(encodeTime(message.clientSendMs, now()));
  }

  function dispatch(bytes: Uint8Array, loaded: LoadedDocument): void {
    const message = decode(bytes);
    if (!message) return;
    switch (message.type) {
      case 'sync-step1':
        peer.send(encodeSyncStep2(loaded.doc, message.stateVector));
        return;
      case 'sync-step2':
      case 'update':
        if (isEmptyUpdate(message.update) || !ctx.identity.canWrite) return;
        loaded.store(message.update, peer).catch((error: unknown) => {
          if (ctx.isClosing()) return;
          log.error('store failed', { error, bytes: message.update.length });
          close(
            CLOSE_CODES.internalError,
            'storage failure',
            'error',
            'closing after store failure',
          );
        });
        return;
      case 'awareness':
        for (const entry of message.entries) {
          if (entry.removed) awarenessIds.delete(entry.clientId);
          else awarenessIds.add(entry.clientId);
        }
        applyAwarenessUpdate(loaded.awareness, message.update, peer);
        return;
      case 'query-awareness': {
        const ids = [...loaded.awareness.getStates().keys()];
        peer.send(encodeAwareness(encodeAwarenessUpdate(loaded.awareness, ids)));
        return;
      }
      case 'time':
        peer.send(encodeTime(message.clientSendMs, now()));
        return;
    }
  }

  socket.on('error', (error: Error & { code?: string }) => {
    // ws emits this for oversized or invalid frames, then closes the socket itself (1009, 1002…).
    closed = true;
    log.warn('socket error', { error, code: error.code });
  });

  socket.on('message', (data: RawData, isBinary: boolean) => {
    if (closed || ctx.isClosing()) return;
    if (!isBinary) {
      close(
        CLOSE_CODES.malformed,
        'text frames are not part of the protocol',
        'warn',
        'malformed message',
      );
      return;
    }
    const bytes = toBytes(data);
    if (bytes[0] === MESSAGE_TIME) {
      answerTime(bytes);
      return;
    }
    if (document) {
      dispatch(bytes, document);
      return;
    }
    pendingBytes += bytes.length;
    if (pendingBytes > ctx.limits.maxPendingBytes) {
      close(
        CLOSE_CODES.tooBig,
        'too much sent before the document loaded',
        'warn',
        'pending limit',
      );
      return;
    }
    pending?.push(bytes);
  });

  socket.on('close', (code: number) => {
    closed = true;
    log.debug('connection closed', { code });
    pending = null;
    if (document) {
      document.peers.delete(peer);
      const ids = [...awarenessIds].filter((id) => document?.awareness.getStates().has(id));
      if (ids.length > 0) removeAwarenessStates(document.awareness, ids, null);
    }
    handle.release();
  });

  handle.ready.then(
    (loaded) => {
      if (closed) return;
      document = loaded;
      loaded.peers.add(peer);
      peer.send(encodeSyncStep1(loaded.doc));
      const states = loaded.awareness.getStates();
      if (states.size > 0) {
        peer.send(encodeAwareness(encodeAwarenessUpdate(loaded.awareness, [...states.keys()])));
      }
      const buffered = pending ?? [];
      pending = null;
      for (const bytes of buffered) {
        if (closed) break;
        dispatch(bytes, loaded);
      }
    },
    (error: unknown) => {
      if (ctx.isClosing()) {
        close(CLOSE_CODES.goingAway, 'server shutting down', 'warn', 'closed during shutdown');
        return;
      }
      log.error('document failed to load', { error });
      close(
        CLOSE_CODES.internalError,
        'document failed to load',
        'error',
        'closing after load failure',
      );
    },
  );
}

/** A private copy: ws may hand out views of a pooled buffer, or fragments. */
function toBytes(data: RawData): Uint8Array {
  if (Array.isArray(data)) return new Uint8Array(Buffer.concat(data));
  if (data instanceof ArrayBuffer) return new Uint8Array(data.slice(0));
  return new Uint8Array(data);
}
