import type { IncomingMessage } from 'node:http';
import type { RoomRef } from '@ronde/domain';

/** Who is on the other end of a connection, and what they may do. */
export interface Identity {
  /** `null` until tokens arrive (DESIGN 8). */
  readonly userId: string | null;
  readonly role: 'anonymous' | 'admin' | 'facilitator' | 'member' | 'observer';
  /** Observers will be read-only: their updates are dropped. */
  readonly canWrite: boolean;
}

export type AuthResult =
  | { readonly ok: true; readonly identity: Identity }
  | { readonly ok: false; readonly status: 401 | 403; readonly reason: string };

/**
 * Decides, at upgrade, whether a request may join a room. The seam where
 * signed invite tokens will be checked (DESIGN 8); a refusal becomes an HTTP
 * 401/403 before any WebSocket exists.
 */
export type Authenticate = (request: IncomingMessage, room: RoomRef) => Promise<AuthResult>;

export const ANONYMOUS: Identity = { userId: null, role: 'anonymous', canWrite: true };

/**
 * Admits everyone, with write access: there is no access control yet.
 *
 * @example
 * const result = await admitEveryone(request, parseRoomName(room)!);
 * if (!result.ok) refuse(socket, result.status, result.reason);
 */
export const admitEveryone: Authenticate = async () => ({ ok: true, identity: ANONYMOUS });
