import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { useSession } from '../state/session.ts';
import { configureKeyStore, deviceKeyFor } from './deviceKey.ts';
import {
  configureDeviceRegistration,
  isDeviceRegistered,
  keepDeviceRegistered,
  RETRY_MIN_MS,
} from './deviceRegistration.ts';
import { memoryKeyStore } from './keyStore.ts';

const membership = (token: string) => ({
  userId: 'user0001',
  key: 'secret',
  role: 'member' as const,
  name: 'Awa',
  token,
  expiresAt: Date.now() + 3_600_000,
  receivedAt: Date.now(),
});

describe('device registration', () => {
  let release: (() => void) | null = null;
  beforeEach(() => {
    configureKeyStore(memoryKeyStore());
    useSession.setState({ memberships: {} });
  });
  afterEach(() => {
    release?.();
    release = null;
    configureDeviceRegistration(null);
    vi.useRealTimers();
  });

  it('registers the public key once a session is known, and not again', async () => {
    const register = vi.fn(async () => ({}));
    configureDeviceRegistration(register);
    release = keepDeviceRegistered('space001');
    expect(register).not.toHaveBeenCalled(); // no membership yet
    useSession.setState({ memberships: { space001: membership('t1') } });
    await vi.waitFor(() => expect(isDeviceRegistered('space001', 'user0001')).toBe(true));
    const { key } = await deviceKeyFor('space001', 'user0001');
    expect(register).toHaveBeenCalledWith('space001', 't1', key.publicKey);
    // A new session (token renewed) finds the key registered: no second request.
    useSession.getState().updateSession('space001', {
      token: 't2',
      expiresAt: Date.now() + 3_600_000,
      receivedAt: Date.now(),
    });
    // Let the attempt the new token started run to its end (one macrotask).
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(register).toHaveBeenCalledTimes(1);
  });

  it('retries with back-off while the server cannot be reached', async () => {
    // WebCrypto answers outside the fake clock: make the key first.
    await deviceKeyFor('space002', 'user0001');
    vi.useFakeTimers();
    let fail = true;
    const register = vi.fn(async () => {
      if (fail) throw new Error('offline');
      return {};
    });
    configureDeviceRegistration(register);
    useSession.setState({ memberships: { space002: membership('t1') } });
    release = keepDeviceRegistered('space002');
    await vi.advanceTimersByTimeAsync(0);
    expect(register).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(RETRY_MIN_MS);
    expect(register).toHaveBeenCalledTimes(2);
    fail = false;
    await vi.advanceTimersByTimeAsync(RETRY_MIN_MS * 2);
    expect(register).toHaveBeenCalledTimes(3);
    expect(isDeviceRegistered('space002', 'user0001')).toBe(true);
  });
});
