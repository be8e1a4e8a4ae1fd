import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ApiError } from '../api/http.ts';
import { useSession, type Membership } from '../state/session.ts';
import {
  configureSessionRequest,
  freshToken,
  keepSessionFresh,
  refreshDelay,
  refreshSession,
  RETRY_MS,
  tokenLifetimeMs,
} from './sessionKeeper.ts';

const HOUR = 3_600_000;

/** A token shaped like the server's: base64url(payload).signature. */
function token(iat: number, exp: number, n = 0): string {
  const payload = btoa(JSON.stringify({ v: 1, space: 'space001', sub: 'user0001', iat, exp, n }))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '');
  return `${payload}.sig`;
}

function member(overrides: Partial<Membership> = {}): Membership {
  const now = Date.now();
  return {
    userId: 'user0001',
    key: 'secret',
    role: 'member',
    name: 'Awa',
    token: token(now / 1000, now / 1000 + 3600),
    expiresAt: now + HOUR,
    receivedAt: now,
    ...overrides,
  };
}

describe('session tokens', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    vi.setSystemTime(new Date('2026-03-01T10:00:00Z'));
    useSession.setState({ memberships: { space001: member() } });
  });
  afterEach(() => {
    configureSessionRequest(null);
    vi.useRealTimers();
  });

  it('reads the lifetime from the token, and renews at 80% of it', () => {
    const m = member();
    expect(tokenLifetimeMs(m.token)).toBe(HOUR);
    expect(tokenLifetimeMs('garbage')).toBeNull();
    expect(refreshDelay(m, Date.now())).toBe(0.8 * HOUR);
    expect(refreshDelay(m, Date.now() + 0.9 * HOUR)).toBe(0);
    // Unreadable token: falls back to expiresAt - receivedAt.
    expect(refreshDelay({ ...m, token: 'opaque' }, Date.now())).toBe(0.8 * HOUR);
  });

  it('renews the token at 80% of its life while held, and not after release', async () => {
    const request = vi.fn(async () => ({
      token: token(Date.now() / 1000, Date.now() / 1000 + 3600, request.mock.calls.length),
      expiresAt: Date.now() + HOUR,
      role: 'member' as const,
      name: 'Awa',
    }));
    configureSessionRequest(request);
    const release = keepSessionFresh('space001');
    await vi.advanceTimersByTimeAsync(0.8 * HOUR - 1000);
    expect(request).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(1000);
    expect(request).toHaveBeenCalledTimes(1);
    expect(request).toHaveBeenCalledWith({
      spaceId: 'space001',
      userId: 'user0001',
      key: 'secret',
    });
    const renewed = useSession.getState().memberships.space001!;
    expect(renewed.receivedAt).toBe(Date.now());
    // The next renewal is scheduled from the new token.
    await vi.advanceTimersByTimeAsync(0.8 * HOUR);
    expect(request).toHaveBeenCalledTimes(2);
    release();
    await vi.advanceTimersByTimeAsync(2 * HOUR);
    expect(request).toHaveBeenCalledTimes(2);
  });

  it('retries while the server cannot be reached', async () => {
    const request = vi.fn(async () => {
      throw new ApiError('network', 0, '', 'offline');
    });
    configureSessionRequest(request);
    const release = keepSessionFresh('space001');
    await vi.advanceTimersByTimeAsync(0.8 * HOUR);
    expect(request).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(RETRY_MS);
    expect(request).toHaveBeenCalledTimes(2);
    release();
  });

  it('marks the membership revoked when the server refuses the key (401)', async () => {
    configureSessionRequest(async () => {
      throw new ApiError('server', 401, 'unauthorized', 'removed');
    });
    await expect(refreshSession('space001')).resolves.toBeNull();
    expect(useSession.getState().memberships.space001?.revoked).toBe(true);
    await expect(freshToken('space001')).resolves.toBeNull();
  });

  it('shares one request between concurrent renewals', async () => {
    const request = vi.fn(async () => ({
      token: 'next',
      expiresAt: Date.now() + HOUR,
      role: 'admin' as const,
      name: 'Awa',
    }));
    configureSessionRequest(request);
    const [a, b] = await Promise.all([refreshSession('space001'), refreshSession('space001')]);
    expect(a).toBe('next');
    expect(b).toBe('next');
    expect(request).toHaveBeenCalledTimes(1);
    // The role the server sends with the token wins (it may have changed).
    expect(useSession.getState().memberships.space001?.role).toBe('admin');
  });

  it('gives the stored token while it is fresh, a new one when due', async () => {
    const request = vi.fn(async () => ({
      token: 'renewed',
      expiresAt: Date.now() + HOUR,
      role: null,
      name: '',
    }));
    configureSessionRequest(request);
    const stored = useSession.getState().memberships.space001!.token;
    await expect(freshToken('space001')).resolves.toBe(stored);
    vi.setSystemTime(Date.now() + 0.85 * HOUR);
    await expect(freshToken('space001')).resolves.toBe('renewed');
  });
});
