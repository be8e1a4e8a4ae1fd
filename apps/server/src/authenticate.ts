import type { IncomingMessage } from 'node:http';
import type { RoomRef } from '@ronde/domain';
import type { AccessStore } from './accessStore.ts';
import type { AuthMode } from './config.ts';
import { verifyToken, type Role } from './tokens.ts';

/** Who is on the other end of a connection, and what they may do. */
export interface Identity {
  /** `null` for an anonymous connection (only with `--auth off`). */
  readonly userId: string | null;
  /** The token's space; `null` when anonymous. */
  readonly spaceId: string | null;
  /** The member's role as stored when the socket opened (not the token's, which may be stale). */
  readonly role: 'anonymous' | Role;
  /** Observers are read-only: their updates are dropped. */
  readonly canWrite: boolean;
  /** When the session token expires (epoch ms): the socket is closed with 4401 then. */
  readonly expiresAt: number | null;
  /**
   * The member's display name as stored when the socket opened (NAME-4: the
   * name their writes may give them); absent when anonymous.
   */
  readonly name?: string;
}

export type AuthResult =
  | { readonly ok: true; readonly identity: Identity }
  | { readonly ok: false; readonly status: 401 | 403; readonly reason: string };

/**
 * Decides, at upgrade, whether a request may join a room (DESIGN 8); a
 * refusal becomes an HTTP 401/403 before any WebSocket exists.
 */
export type Authenticate = (request: IncomingMessage, room: RoomRef) => Promise<AuthResult>;

export const ANONYMOUS: Identity = {
  userId: null,
  spaceId: null,
  role: 'anonymous',
  canWrite: true,
  expiresAt: null,
};

/**
 * Admits everyone, with write access (tests of other concerns).
 *
 * @example
 * const result = await admitEveryone(request, parseRoomName(room)!);
 */
export const admitEveryone: Authenticate = async () => ({ ok: true, identity: ANONYMOUS });

export interface TokenAuthOptions {
  readonly secret: Uint8Array;
  readonly access: AccessStore;
  readonly mode: AuthMode;
  /** Origins allowed besides the server's own. */
  readonly allowedOrigins: readonly string[];
  readonly now?: () => number;
}

const LOOPBACK = /^(localhost|127(?:\.\d{1,3}){3}|\[::1\])$/i;

/** The hostname of a `Host` header (`h:1`, `[::1]:8080`), lower-cased. */
function hostnameOf(host: string): string {
  return host.replace(/:\d+$/, '').toLowerCase();
}

/**
 * Whether a browser page at `origin` may open a socket here: the server's own
 * origin (its host equals the request's `Host`), or one of `allowed`. A
 * request without `Origin` is not from a browser page and is let through
 * (the token still decides); `Origin: null` (sandboxed frames, files) is not.
 * On a loopback `Host` a loopback origin on any port is also the server's
 * own: that is the Vite dev server, whose proxy rewrites `Host` but keeps
 * the browser's `Origin`.
 */
export function originAllowed(
  origin: string | undefined,
  host: string | undefined,
  allowed: readonly string[],
): boolean {
  if (origin === undefined) return true;
  let parsed: URL;
  try {
    parsed = new URL(origin);
  } catch {
    return false;
  }
  if (parsed.origin === 'null') return false;
  if (allowed.includes(parsed.origin)) return true;
  if (host === undefined) return false;
  if (parsed.host.toLowerCase() === host.toLowerCase()) return true;
  return LOOPBACK.test(hostnameOf(host)) && LOOPBACK.test(parsed.hostname);
}

/**
 * The real check, at every upgrade: the origin, then the session token from
 * the `token` query parameter (signature, version, expiry), the room's space
 * against the token's, and the member as stored now (a removed member is
 * refused; a changed role replaces the token's). With `mode: 'off'` a request
 * without a token is admitted anonymously; a token, when present, still counts.
 *
 * @example
 * const authenticate = createTokenAuthenticate({ secret, access, mode: 'required', allowedOrigins: [] });
 */
export function createTokenAuthenticate(options: TokenAuthOptions): Authenticate {
  const now = options.now ?? Date.now;
  return async (request, room) => {
    if (!originAllowed(request.headers.origin, request.headers.host, options.allowedOrigins)) {
      return { ok: false, status: 403, reason: 'origin not allowed' };
    }
    const token = new URL(request.url ?? '/', 'http://localhost').searchParams.get('token');
    if (!token) {
      if (options.mode === 'off') return { ok: true, identity: ANONYMOUS };
      return { ok: false, status: 401, reason: 'no token' };
    }
    const verified = verifyToken(options.secret, token, now());
    if (!verified.ok) return { ok: false, status: 401, reason: `token ${verified.reason}` };
    const { payload } = verified;
    if (payload.space !== room.spaceId) {
      return { ok: false, status: 403, reason: "room outside the token's space" };
    }
    const member = await options.access.getMember(payload.space, payload.sub);
    if (!member) return { ok: false, status: 403, reason: 'not a member of the space' };
    return {
      ok: true,
      identity: {
        userId: member.userId,
        spaceId: member.spaceId,
        role: member.role,
        canWrite: member.role !== 'observer',
        expiresAt: payload.exp * 1000,
        name: member.name,
      },
    };
  };
}
