import { ApiError } from '../api/http.ts';
import { requestSession } from '../api/trust.ts';
import { useSession, type Membership } from '../state/session.ts';

/** A session is renewed once this share of its life has passed. */
export const REFRESH_AT = 0.8;
/** After a failed renewal (server unreachable), try again after this long. */
export const RETRY_MS = 10_000;

/**
 * The lifetime of a session token in ms, read from its payload (`exp - iat`),
 * or null when the token cannot be read.
 *
 * @example
 * tokenLifetimeMs(token); // 3_600_000
 */
export function tokenLifetimeMs(token: string): number | null {
  const payload = token.split('.')[0];
  if (!payload) return null;
  try {
    const json = atob(payload.replace(/-/g, '+').replace(/_/g, '/')) as string;
    const p = JSON.parse(json) as { iat?: unknown; exp?: unknown };
    if (typeof p.iat !== 'number' || typeof p.exp !== 'number' || p.exp <= p.iat) return null;
    return (p.exp - p.iat) * 1000;
  } catch {
    return null;
  }
}

/**
 * When a membership's token should be renewed, in ms from `now` (0: now):
 * at {@link REFRESH_AT} of its life, counted on this device's clock from
 * when it arrived (so a skewed clock does not matter).
 *
 * @example
 * refreshDelay(membership, Date.now()); // 2_880_000 for a fresh one-hour token
 */
export function refreshDelay(m: Membership, now: number): number {
  if (!m.token) return 0;
  const life = tokenLifetimeMs(m.token) ?? Math.max(0, m.expiresAt - m.receivedAt);
  return Math.max(0, m.receivedAt + life * REFRESH_AT - now);
}

type Request = typeof requestSession;

let request: Request = (input) => requestSession(input);

/** Replaces the session request (tests). */
export function configureSessionRequest(next: Request | null): void {
  request = next ?? ((input) => requestSession(input));
}

const inFlight = new Map<string, Promise<string | null>>();

/**
 * Gets a new session token for a space with the stored membership key and
 * stores it. Resolves to the token; to null when the server says the member
 * is gone (the membership is then marked revoked) or when there is no
 * membership. Rejects with an `ApiError` of kind `network` when the server
 * cannot be reached. Concurrent calls share one request.
 *
 * @example
 * const token = await refreshSession(spaceId);
 */
export function refreshSession(spaceId: string): Promise<string | null> {
  const pending = inFlight.get(spaceId);
  if (pending) return pending;
  const run = (async () => {
    const m = useSession.getState().memberships[spaceId];
    if (!m || m.revoked) return null;
    try {
      const session = await request({ spaceId, userId: m.userId, key: m.key });
      const current = useSession.getState().memberships[spaceId];
      // Replaced meanwhile (signed in again): that one's token stands.
      if (!current || current.userId !== m.userId) return current?.token ?? null;
      useSession.getState().updateSession(spaceId, { ...session, receivedAt: Date.now() });
      return session.token;
    } catch (error) {
      if (error instanceof ApiError && error.kind === 'server' && isGone(error.status)) {
        const current = useSession.getState().memberships[spaceId];
        if (current?.userId === m.userId) useSession.getState().revokeMembership(spaceId);
        return null;
      }
      throw error;
    }
  })();
  inFlight.set(spaceId, run);
  const clear = () => inFlight.delete(spaceId);
  run.then(clear, clear);
  return run;
}

function isGone(status: number): boolean {
  return status === 401 || status === 403 || status === 404;
}

/**
 * A token for the space that is not due for renewal: the stored one, or a
 * new one. Null when the member is gone; when the server cannot be reached,
 * the stored token (it may still work, and the socket retries anyway).
 *
 * @example
 * const token = await freshToken(spaceId);
 */
export async function freshToken(spaceId: string): Promise<string | null> {
  const m = useSession.getState().memberships[spaceId];
  if (!m || m.revoked) return null;
  if (m.token && refreshDelay(m, Date.now()) > 0) return m.token;
  try {
    return await refreshSession(spaceId);
  } catch {
    return m.token || null;
  }
}

/**
 * Calls the API with this member's session token; when the server answers
 * 401 (the token lapsed meanwhile), with a new one, once. Throws a 401
 * `ApiError` when the device is no member of the space.
 *
 * @example
 * const people = await withSession(spaceId, (token) => listPeople(spaceId, token));
 */
export async function withSession<T>(
  spaceId: string,
  call: (token: string) => Promise<T>,
): Promise<T> {
  const token = await freshToken(spaceId);
  if (token === null) throw new ApiError('server', 401, 'unauthorized', 'not a member');
  try {
    return await call(token);
  } catch (error) {
    if (!(error instanceof ApiError) || error.status !== 401) throw error;
    const next = await refreshSession(spaceId);
    if (next === null) throw error;
    return call(next);
  }
}

interface Lease {
  refs: number;
  timer: ReturnType<typeof setTimeout> | null;
  unsubscribe: () => void;
}

const leases = new Map<string, Lease>();

/**
 * Keeps the session of a space fresh while at least one user holds it:
 * renews the token at {@link REFRESH_AT} of its life, and retries every
 * {@link RETRY_MS} while the server cannot be reached. Returns the release.
 *
 * @example
 * const release = keepSessionFresh(spaceId);
 */
export function keepSessionFresh(spaceId: string): () => void {
  let lease = leases.get(spaceId);
  if (!lease) {
    const created: Lease = { refs: 0, timer: null, unsubscribe: () => {} };
    let token = useSession.getState().memberships[spaceId]?.token;
    created.unsubscribe = useSession.subscribe((state) => {
      const next = state.memberships[spaceId]?.token;
      if (next !== token) {
        token = next;
        schedule(spaceId, created);
      }
    });
    leases.set(spaceId, created);
    lease = created;
    schedule(spaceId, created);
  }
  lease.refs++;
  let released = false;
  const held = lease;
  return () => {
    if (released) return;
    released = true;
    held.refs--;
    if (held.refs > 0) return;
    if (held.timer !== null) clearTimeout(held.timer);
    held.unsubscribe();
    leases.delete(spaceId);
  };
}

function schedule(spaceId: string, lease: Lease, delay?: number): void {
  if (lease.timer !== null) clearTimeout(lease.timer);
  lease.timer = null;
  const m = useSession.getState().memberships[spaceId];
  if (!m || m.revoked) return;
  lease.timer = setTimeout(
    () => {
      lease.timer = null;
      refreshSession(spaceId).catch(() => {
        if (leases.get(spaceId) === lease) schedule(spaceId, lease, RETRY_MS);
      });
    },
    delay ?? refreshDelay(m, Date.now()),
  );
}
