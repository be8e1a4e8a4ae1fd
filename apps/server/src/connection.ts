import {
  applyAwarenessUpdate,
  encodeAwarenessUpdate,
  removeAwarenessStates,
} from 'y-protocols/awareness';
import { parseRoomName } from '@ronde/domain';
import type { RawData, WebSocket } from 'ws';
import type { Identity } from './authenticate.ts';
import type { Peer } from './broadcast.ts';
import type { ClosableConnection } from './liveConnections.ts';
import type { DocumentRegistry, LoadedDocument } from './documents.ts';
import { CLOSE_CODES, closeReason, isTooSlow, type Limits } from './limits.ts';
import type { Logger } from './log.ts';
import {
  decodeMessage,
  encodeAwareness,
  encodePermissionDenied,
  encodeSyncStep1,
  encodeSyncStep2,
  encodeTime,
  isEmptyUpdate,
  MESSAGE_TIME,
  type ClientMessage,
} from './protocol.ts';
import { checkProcessEvents } from './inspectUpdate.ts';
import {
  CLOSE_RATE_LIMITED,
  createRateLimiter,
  DEFAULT_MESSAGE_RATE_LIMITS,
  type MessageRateLimits,
} from './rateLimit.ts';
import { MalformedError } from './reader.ts';

export interface ConnectionContext {
  readonly room: string;
  readonly identity: Identity;
  readonly registry: DocumentRegistry;
  /** The message rate limits, when set, ride along with the others (config.ts). */
  readonly limits: Limits & Partial<MessageRateLimits>;
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
 * it touches the document; a bad one closes this connection only. A
 * read-only identity (observer) has its updates dropped and answered with
 * `permission-denied`. Returns a handle that closes the connection at once
 * (no later message is taken), for the access checks that end a session.
 */
export function acceptConnection(socket: WebSocket, ctx: ConnectionContext): ClosableConnection {
  const log = ctx.log.child({ room: ctx.room });
  const now = ctx.now ?? Date.now;
  const handle = ctx.registry.open(ctx.room);
  const awarenessIds = new Set<number>();
  let pending: Uint8Array[] | null = [];
  let pendingBytes = 0;
  let document: LoadedDocument | null = null;
  let closed = false;
  let writeRefusalLogged = false;
  // Every message takes a token (docs/trust-api.md: 4429 message flood).
  const limiter = createRateLimiter({
    perSecond: ctx.limits.maxMessagesPerSecond ?? DEFAULT_MESSAGE_RATE_LIMITS.maxMessagesPerSecond,
    burst: ctx.limits.messageBurst ?? DEFAULT_MESSAGE_RATE_LIMITS.messageBurst,
  });
  // Meeting rooms: process events only by their author. Not checked without an identity (auth off).
  const guardsProcessLog =
    ctx.identity.userId !== null && parseRoomName(ctx.room)?.kind === 'meeting';
  /** This connection's updates queued for storage, not yet applied: inspectUpdate resolves IDs in them. */
  const inFlight: Uint8Array[] = [];

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

  function close(
    code: number,
    reason: string,
    level: 'info' | 'warn' | 'error',
    msg: string,
  ): void {
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

  /** An observer's update: dropped, and the client told (y-protocols auth message). */
  function refuseWrite(): void {
    peer.send(encodePermissionDenied('read-only: observers cannot edit'));
    if (writeRefusalLogged) return;
    writeRefusalLogged = true;
    log.info('write refused', { userId: ctx.identity.userId, role: ctx.identity.role });
  }

  /**
   * An update appending process events by someone else (or rewriting the
   * log): refused before it is stored or applied, the client told
   * (permission-denied), the connection closed with 4403.
   */
  function refusesProcessEvents(update: Uint8Array, loaded: LoadedDocument): boolean {
    const userId = ctx.identity.userId;
    if (userId === null) return false;
    const check = checkProcessEvents(update, userId, { doc: loaded.doc, inFlight });
    if (check.ok) return false;
    peer.send(encodePermissionDenied(`process event refused: ${check.reason}`));
    log.warn('process event refused', { userId, reason: check.reason, bytes: update.length });
    close(CLOSE_CODES.forbidden, 'process event refused', 'warn', 'closed after a refused update');
    return true;
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
        if (isEmptyUpdate(message.update)) return;
        if (!ctx.identity.canWrite) return refuseWrite();
        if (guardsProcessLog && refusesProcessEvents(message.update, loaded)) return;
        if (guardsProcessLog) inFlight.push(message.update);
        loaded
          .store(message.update, peer)
          .finally(() => {
            const index = inFlight.indexOf(message.update);
            if (index >= 0) inFlight.splice(index, 1);
          })
          .catch((error: unknown) => {
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
    if (!limiter.take()) {
      close(CLOSE_RATE_LIMITED, 'message flood', 'warn', 'rate limited');
      return;
    }
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

  return {
    close(code, reason) {
      close(code, reason, 'info', 'closed by the server');
    },
  };
}

/** A private copy: ws may hand out views of a pooled buffer, or fragments. */
function toBytes(data: RawData): Uint8Array {
  if (Array.isArray(data)) return new Uint8Array(Buffer.concat(data));
  if (data instanceof ArrayBuffer) return new Uint8Array(data.slice(0));
  return new Uint8Array(data);
}
