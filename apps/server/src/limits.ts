import type { WebSocket } from 'ws';

/**
 * Limits on what one client may send or make the server hold, and what
 * happens when it goes over (see CLOSE_CODES).
 */
export interface Limits {
  /** Largest WebSocket message; larger ones close the socket with 1009 (ws `maxPayload`). */
  readonly maxMessageBytes: number;
  /** Largest HTTP API request body; larger ones get 413. */
  readonly maxBodyBytes: number;
  /** Bytes a client may send while its document loads; more closes it with 1009. */
  readonly maxPendingBytes: number;
  /** Bytes queued to a slow receiver before it is closed with 1013. */
  readonly maxBufferedBytes: number;
  /** Open sync sockets from one address; more are refused with 429. */
  readonly maxConnectionsPerIp: number;
  /** Open sync sockets for one member of a space; more are refused with 429. */
  readonly maxConnectionsPerMember: number;
  /** Bytes of updates and events one member may send per minute, all sockets together (QUOTA-1). */
  readonly maxBytesPerMemberPerMinute: number;
  /** A document's stored size past which writes are refused with 4413 (QUOTA-2). */
  readonly maxDocumentBytes: number;
  /**
   * Bytes one member may add to one shared document (a space's, a meeting's,
   * a consent's) a day (QUOTA-3): entries there are never removed, so no
   * one member may fill it for everyone.
   */
  readonly maxBytesPerMemberPerDocumentPerDay: number;
}

export const DEFAULT_LIMITS: Limits = {
  maxMessageBytes: 8 * 1024 * 1024,
  maxBodyBytes: 64 * 1024,
  maxPendingBytes: 16 * 1024 * 1024,
  maxBufferedBytes: 32 * 1024 * 1024,
  maxConnectionsPerIp: 64,
  maxConnectionsPerMember: 32,
  maxBytesPerMemberPerMinute: 16 * 1024 * 1024,
  maxDocumentBytes: 32 * 1024 * 1024,
  maxBytesPerMemberPerDocumentPerDay: 4 * 1024 * 1024,
};

/**
 * WebSocket close codes the server uses. 1001/1009/1011/1013 are standard
 * (RFC 6455, IANA); 4400 is ours, in the private range, for "your message was
 * not a valid y-websocket message".
 */
export const CLOSE_CODES = {
  /** The server is shutting down; the client should reconnect. */
  goingAway: 1001,
  /** A message over `maxMessageBytes`, or too much sent while loading. */
  tooBig: 1009,
  /** Storage failed (disk full, load error): the update was neither stored nor relayed. */
  internalError: 1011,
  /** The receiver reads too slowly to keep up with its room. */
  tryAgainLater: 1013,
  /** A malformed, truncated or unknown protocol message. */
  malformed: 4400,
  /** The session token expired, or the member's role changed: get a new token, reconnect. */
  tokenExpired: 4401,
  /** Access revoked: the member was removed. */
  forbidden: 4403,
  /**
   * A write the policy refused (SPEC WRITE-1): the client's copy now holds a
   * change the server will never accept; it should drop that copy and reload.
   */
  writeRefused: 4409,
  /** The document reached its size limit (QUOTA-2): nothing more is written to it. */
  documentFull: 4413,
  /** The member sent more bytes per minute than allowed (QUOTA-1), or a message flood. */
  rateLimited: 4429,
} as const;

/** Whether a receiver has fallen so far behind it must be dropped. */
export function isTooSlow(socket: Pick<WebSocket, 'bufferedAmount'>, limits: Limits): boolean {
  return socket.bufferedAmount > limits.maxBufferedBytes;
}

/** A close reason must fit a control frame (123 bytes of UTF-8). */
export function closeReason(text: string): string {
  const bytes = Buffer.from(text, 'utf8');
  if (bytes.length <= 123) return text;
  return (
    bytes
      .subarray(0, 120)
      .toString('utf8')
      .replace(/\uFFFD+$/, '') + '…'
  );
}
