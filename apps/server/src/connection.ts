import {
  applyAwarenessUpdate,
  encodeAwarenessUpdate,
  removeAwarenessStates,
} from 'y-protocols/awareness';
import { isId, parseRoomName } from '@ronde/domain';
import type { RawData, WebSocket } from 'ws';
import { submitAsyncEvent, type AsyncEventDeps } from './asyncConsentEvents.ts';
import type { Identity } from './authenticate.ts';
import { awarenessOwners, createAwarenessGuard } from './awarenessGuard.ts';
import type { Peer } from './broadcast.ts';
import type { AccessStore } from './accessStore.ts';
import type { ByteQuota } from './byteQuota.ts';
import type { ClosableConnection } from './liveConnections.ts';
import type { DocumentRegistry, LoadedDocument, UpdateGuard } from './documents.ts';
import { CLOSE_CODES, closeReason, isTooSlow, type Limits } from './limits.ts';
import type { Logger } from './log.ts';
import {
  appendCheckedEvent,
  checkSubmittedEvent,
  EventRefusal,
  type EventDeps,
  type RefusalCode,
  type StoredEvent,
} from './processEvents.ts';
import {
  decodeMessage,
  encodeAwareness,
  encodeAwarenessEntries,
  encodeEventRefused,
  encodePermissionDenied,
  encodeTime,
  isEmptyUpdate,
  MESSAGE_TIME,
  type ClientMessage,
} from './protocol.ts';
import {
  createRateLimiter,
  DEFAULT_MESSAGE_RATE_LIMITS,
  type MessageRateLimits,
} from './rateLimit.ts';
import { MalformedError } from './reader.ts';
import { directSocket } from './sharedFrame.ts';
import type { ParsedUpdate } from './parseUpdate.ts';
import { registryReads, writeGuard, WriteRefused, type WriteGuard } from './writeGuard.ts';

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
  /** Bytes per member per minute, shared by all connections (QUOTA-1); none: no quota. */
  readonly quota?: ByteQuota;
  /**
   * Bytes per member and shared document (any but a proposal's) per day,
   * keyed `<member>\0<room>` (QUOTA-3); none: no such quota.
   */
  readonly documentQuota?: ByteQuota;
  /** The space's members, whose registered names actions' owners carry (NAME-6); none: unchecked. */
  readonly members?: Pick<AccessStore, 'listMembers'>;
  /** Device keys and signature checks for submitted process events; none: events refused. */
  readonly events?: EventDeps;
  /**
   * Called before a checked event is appended: an outcome marks its meeting
   * pending first (CONS), so a crash right after the append still ends with
   * the decision written, at the next start.
   */
  readonly beforeEventAppend?: (room: string, event: StoredEvent) => Promise<void>;
  /** Checks and appends the events of asynchronous consent rooms (ACONS); none: refused. */
  readonly asyncEvents?: AsyncEventDeps;
  /** Called once the server appended an event to a meeting's log (its consequences follow). */
  readonly onEventAppended?: (room: string) => void;
  /** Called when the server closes the socket, with the close code (refusals on `/metrics`). */
  readonly onClose?: (code: number) => void;
}

/**
 * Serves one WebSocket in one room. Messages that arrive while the document
 * loads are buffered and handled in order once it is loaded, so a client is
 * never answered from an empty document. Each message passes, in order:
 *
 * 1. the message rate limiter (4429) and strict decoding (4400);
 * 2. for an update: read-only (observers: `permission-denied`, dropped),
 *    the member's byte quota (QUOTA-1, 4429), their daily share of a
 *    shared document (QUOTA-3, 4429), the document's size limit
 *    (QUOTA-2, 4413), then — inside the document's store queue, once every
 *    earlier update is applied — the write policy (WRITE-1…15) and the
 *    authorship of its client ids (WRITE-16), both 4409, and only then
 *    storage (with its contribution row, AUTHOR-3), the server's copy and
 *    the relay;
 * 3. for a submitted process event: the same quota and size limits, then the
 *    event checks (EVT-…); a refusal is answered with message 6 and the
 *    connection stays open;
 * 4. for awareness: the presence guard (AWARE-…) drops what is not this
 *    connection's to set.
 *
 * With auth off (no identity) the write policy, quota and event checks do
 * not apply: development and protocol tests only. Returns a handle that
 * closes the connection at once, for the access checks that end a session.
 */
export function acceptConnection(socket: WebSocket, ctx: ConnectionContext): ClosableConnection {
  // The room's logger is made on first use: most connections never log (idle RSS).
  let roomLog: Logger | null = null;
  const log = (): Logger => (roomLog ??= ctx.log.child({ room: ctx.room }));
  const now = ctx.now ?? Date.now;
  const handle = ctx.registry.open(ctx.room);
  const userId = ctx.identity.userId;
  const ref = parseRoomName(ctx.room);
  const guard: WriteGuard | undefined =
    userId !== null && ref !== null && ctx.identity.role !== 'anonymous'
      ? writeGuard(
          ref.kind,
          {
            userId,
            role: ctx.identity.role,
            ...(ctx.identity.name !== undefined ? { name: ctx.identity.name } : {}),
          },
          now,
          ref,
          // Proposals and meetings read the space's index (WRITE-22), proposals their
          // meeting; the space its members' names (NAME-6).
          ref.kind === 'proposal' || ref.kind === 'meeting' || ref.kind === 'space'
            ? registryReads(ctx.registry, ref.spaceId, ctx.members)
            : undefined,
        )
      : undefined;
  let pending: Uint8Array[] | null = [];
  let pendingBytes = 0;
  let document: LoadedDocument | null = null;
  let awareness: ReturnType<typeof createAwarenessGuard> | null = null;
  let closed = false;
  let writeRefusalLogged = false;
  let writeRefused = false;
  let awarenessRefusalLogged = false;
  // Every message takes a token (docs/trust-api.md: 4429 message flood).
  const limiter = createRateLimiter({
    perSecond: ctx.limits.maxMessagesPerSecond ?? DEFAULT_MESSAGE_RATE_LIMITS.maxMessagesPerSecond,
    burst: ctx.limits.messageBurst ?? DEFAULT_MESSAGE_RATE_LIMITS.messageBurst,
  });

  /** One callback for every send, not a closure per message. */
  const onSent = (error?: Error): void => {
    if (error) log().debug('send failed', { error });
  };
  const peer: Peer = {
    send(message, shared) {
      if (closed || socket.readyState !== socket.OPEN) return;
      if (isTooSlow(socket, ctx.limits)) {
        close(CLOSE_CODES.tryAgainLater, 'receiving too slowly', 'warn', 'slow receiver dropped');
        return;
      }
      // A message broadcast to many: its frame, built once, written as it is (RELAY-1).
      const direct = shared && directSocket(socket);
      if (direct) direct.write(shared.frame);
      else socket.send(message, onSent);
    },
    close(code, reason) {
      close(code, reason, 'error', 'closed by the document');
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
    ctx.onClose?.(code);
    log()[level](msg, { code, reason });
    socket.close(code, closeReason(reason));
  }

  /** Tells the client why (y-protocols permission-denied), then closes. */
  function refuse(code: number, reason: string, msg: string): void {
    peer.send(encodePermissionDenied(reason));
    close(code, reason, 'warn', msg);
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
  function refuseReadOnly(): void {
    peer.send(encodePermissionDenied('read-only: observers cannot edit'));
    if (writeRefusalLogged) return;
    writeRefusalLogged = true;
    log().info('write refused', { userId, role: ctx.identity.role });
  }

  /** QUOTA-1…3: a reason to refuse `bytes` more from this member into this document. */
  function overLimit(
    bytes: number,
    loaded: LoadedDocument,
  ): { code: number; reason: string; event: RefusalCode } | null {
    const perMinute =
      userId !== null && ctx.quota
        ? quotaRefusal(ctx.quota, userId, bytes, ctx.limits.maxBytesPerMemberPerMinute, PER_MINUTE)
        : null;
    if (perMinute) return perMinute;
    const documentQuota = ref?.kind === 'proposal' ? undefined : ctx.documentQuota;
    const perDay =
      guard && documentQuota
        ? quotaRefusal(
            documentQuota,
            `${userId}\u0000${ctx.room}`,
            bytes,
            ctx.limits.maxBytesPerMemberPerDocumentPerDay,
            PER_DAY,
          )
        : null;
    if (perDay) return perDay;
    if (guard && loaded.storedBytes + loaded.queuedBytes + bytes > ctx.limits.maxDocumentBytes) {
      return {
        code: CLOSE_CODES.documentFull,
        reason: `document-full: this document reached its size limit (${ctx.limits.maxDocumentBytes} bytes)`,
        event: 'document-full',
      };
    }
    return null;
  }

  function storeUpdate(update: Uint8Array, parsed: ParsedUpdate, loaded: LoadedDocument): void {
    if (isEmptyUpdate(update)) return;
    if (!ctx.identity.canWrite) return refuseReadOnly();
    const limit = overLimit(update.length, loaded);
    if (limit) return refuse(limit.code, limit.reason, 'update over a limit');
    const checked: UpdateGuard | undefined = guard
      ? async (doc, bytes) => {
          // What this connection queued behind a refused write depends on it. Updates
          // accepted before another cut (a quota, a size limit) are still stored.
          if (writeRefused) throw new WriteRefused('WRITE-1', 'the connection is closing');
          try {
            return await guard(doc, bytes, parsed, loaded.authors);
          } catch (error) {
            if (error instanceof WriteRefused) writeRefused = true;
            throw error;
          }
        }
      : undefined;
    loaded.store(update, peer, checked).catch((error: unknown) => {
      if (error instanceof WriteRefused) {
        if (closed) return;
        log().warn('write refused', {
          userId,
          rule: error.rule,
          reason: error.reason,
          bytes: update.length,
        });
        refuse(CLOSE_CODES.writeRefused, error.message, 'closed after a refused write');
        return;
      }
      if (ctx.isClosing()) return;
      log().error('store failed', { error, bytes: update.length });
      close(CLOSE_CODES.internalError, 'storage failure', 'error', 'closing after store failure');
    });
  }

  function submitEvent(json: string, loaded: LoadedDocument): void {
    const refuseEvent = (eventId: string, code: string, detail: string): void => {
      log().info('event refused', { userId, eventId, code, detail });
      peer.send(encodeEventRefused(eventId, code, detail));
    };
    if (userId === null || !ctx.events) {
      refuseEvent('', 'read-only', 'this server takes no process events without sign-in');
      return;
    }
    const limit = overLimit(json.length, loaded);
    if (limit) {
      // Named by its id, so the client drops it from its outbox and says why (not resent forever).
      refuseEvent(submittedId(json), limit.event, limit.reason);
      return;
    }
    const events = ctx.events;
    const submission = { room: ctx.room, userId, canWrite: ctx.identity.canWrite, json };
    const appended =
      ctx.asyncEvents && parseRoomName(ctx.room)?.kind === 'consent'
        ? submitAsyncEvent(submission, loaded, ctx.asyncEvents)
        : checkSubmittedEvent(submission, events, now).then(async (stored) => {
            await ctx.beforeEventAppend?.(ctx.room, stored);
            await appendCheckedEvent(loaded, stored);
          });
    void appended.then(
      () => ctx.onEventAppended?.(ctx.room),
      (error: unknown) => {
        if (error instanceof EventRefusal) {
          refuseEvent(error.eventId, error.code, error.message);
          return;
        }
        if (ctx.isClosing()) return;
        log().error('event append failed', { error });
        close(CLOSE_CODES.internalError, 'storage failure', 'error', 'closing after store failure');
      },
    );
  }

  function setAwareness(
    message: Extract<ClientMessage, { type: 'awareness' }>,
    loaded: LoadedDocument,
  ): void {
    awareness ??= createAwarenessGuard(
      awarenessOwners(loaded.awareness),
      userId,
      peer,
      ctx.identity.name,
    );
    const { allowed, refused } = awareness.filter(message.entries);
    if (refused > 0 && !awarenessRefusalLogged) {
      awarenessRefusalLogged = true;
      log().warn('awareness entries refused', { userId, refused });
    }
    if (allowed.length === 0) return;
    const update = refused === 0 ? message.update : encodeAwarenessEntries(allowed);
    applyAwarenessUpdate(loaded.awareness, update, peer);
  }

  function dispatch(bytes: Uint8Array, loaded: LoadedDocument): void {
    const message = decode(bytes);
    if (!message) return;
    switch (message.type) {
      case 'sync-step1': {
        // A server write between its transaction and its store is not answered from (docs: write()).
        const stateVector = message.stateVector;
        // Clients that have nothing share one encoding of the full state (SYNC-1).
        const answer = (): void => peer.send(loaded.sync.step2(stateVector));
        const settling = loaded.settled();
        if (settling) void settling.then(answer);
        else answer();
        return;
      }
      case 'sync-step2':
      case 'update':
        return storeUpdate(message.update, message.parsed, loaded);
      case 'event':
        return submitEvent(message.json, loaded);
      case 'awareness':
        return setAwareness(message, loaded);
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
    log().warn('socket error', { error, code: error.code });
  });

  socket.on('message', (data: RawData, isBinary: boolean) => {
    if (closed || ctx.isClosing()) return;
    if (!limiter.take()) {
      close(CLOSE_CODES.rateLimited, 'message flood', 'warn', 'rate limited');
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
    log().debug('connection closed', { code });
    pending = null;
    if (document) {
      document.peers.delete(peer);
      const ids = (awareness?.release() ?? []).filter((id) =>
        document?.awareness.getStates().has(id),
      );
      if (ids.length > 0) removeAwarenessStates(document.awareness, ids, null);
    }
    handle.release();
  });

  handle.ready.then(
    (loaded) => {
      if (closed) return;
      document = loaded;
      loaded.peers.add(peer);
      peer.send(loaded.sync.step1());
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
      log().error('document failed to load', { error });
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

interface QuotaKind {
  /** After "N bytes": what the allowance is per. */
  readonly per: string;
  /** The unit a retry is told in. */
  readonly unitMs: number;
  readonly unit: string;
  readonly event: RefusalCode;
}
const PER_MINUTE: QuotaKind = { per: 'a minute', unitMs: 1000, unit: 's', event: 'quota' };
const PER_DAY: QuotaKind = {
  per: 'a day into this document',
  unitMs: 60_000,
  unit: 'min',
  event: 'daily-quota',
};

/**
 * Takes `bytes` from `key`'s allowance in `quota`; when they do not fit,
 * the refusal to send (QUOTA-1, QUOTA-3): 4429, with when to retry. Nothing
 * is allocated unless it refuses (every update passes here).
 */
function quotaRefusal(
  quota: ByteQuota,
  key: string,
  bytes: number,
  limit: number,
  kind: QuotaKind,
): { code: number; reason: string; event: RefusalCode } | null {
  if (quota.take(key, bytes)) return null;
  const wait = quota.waitMs(key, bytes);
  const when = Number.isFinite(wait)
    ? `retry in ${Math.ceil(wait / kind.unitMs)} ${kind.unit}`
    : 'this change alone is larger than that';
  return {
    code: CLOSE_CODES.rateLimited,
    reason: `quota: more than ${limit} bytes ${kind.per}; ${when}`,
    event: kind.event,
  };
}

/** The `id` a submitted event claims, if it has one that reads as an id; else `''`. */
export function submittedId(json: string): string {
  try {
    const value: unknown = JSON.parse(json);
    const id = typeof value === 'object' && value !== null ? (value as { id?: unknown }).id : null;
    return typeof id === 'string' && isId(id) ? id : '';
  } catch {
    return '';
  }
}

/** A private copy: ws may hand out views of a pooled buffer, or fragments. */
function toBytes(data: RawData): Uint8Array {
  if (Array.isArray(data)) return new Uint8Array(Buffer.concat(data));
  if (data instanceof ArrayBuffer) return new Uint8Array(data.slice(0));
  return new Uint8Array(data);
}
