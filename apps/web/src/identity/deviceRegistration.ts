import { registerDeviceKey } from '../api/trust.ts';
import { useSession } from '../state/session.ts';
import { deviceKeyFor, deviceKeySlot, markRegistered } from './deviceKey.ts';

/** The first retry after a failed registration; doubles up to {@link RETRY_MAX_MS}. */
export const RETRY_MIN_MS = 2_000;
export const RETRY_MAX_MS = 60_000;

type Register = (spaceId: string, token: string, publicKey: string) => Promise<unknown>;

let register: Register = (spaceId, token, publicKey) =>
  registerDeviceKey(spaceId, token, publicKey);

/** Replaces the registration request (tests). */
export function configureDeviceRegistration(next: Register | null): void {
  register = next ?? ((spaceId, token, publicKey) => registerDeviceKey(spaceId, token, publicKey));
}

const registered = new Set<string>();
const listeners = new Set<() => void>();

/** Whether this device's key for that member is known to be registered. */
export function isDeviceRegistered(spaceId: string, userId: string): boolean {
  return registered.has(deviceKeySlot(spaceId, userId));
}

/** Listens for keys becoming registered (the event outbox then flushes). */
export function onDeviceRegistered(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

interface Lease {
  refs: number;
  failures: number;
  running: boolean;
  /** Asked again while running (a new token arrived): run once more after. */
  again: boolean;
  timer: ReturnType<typeof setTimeout> | null;
  unsubscribe: () => void;
}

const leases = new Map<string, Lease>();

/**
 * Keeps this device's key registered with the server while a room of the
 * space is open: registers it (POST devices) once a session token is known
 * and the key is not yet known to be registered — after joining, signing in,
 * and each time a session is obtained again — and retries with back-off
 * while that fails. Returns the release.
 *
 * @example
 * const release = keepDeviceRegistered(spaceId);
 */
export function keepDeviceRegistered(spaceId: string): () => void {
  let lease = leases.get(spaceId);
  if (!lease) {
    const created: Lease = {
      refs: 0,
      failures: 0,
      running: false,
      again: false,
      timer: null,
      unsubscribe: () => {},
    };
    let token = useSession.getState().memberships[spaceId]?.token;
    created.unsubscribe = useSession.subscribe((state) => {
      const next = state.memberships[spaceId]?.token;
      if (next === token) return;
      token = next;
      created.failures = 0;
      void attempt(spaceId, created);
    });
    leases.set(spaceId, created);
    lease = created;
    void attempt(spaceId, created);
  }
  lease.refs++;
  const held = lease;
  let released = false;
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

/**
 * Forgets that the key is registered and registers it again (the server
 * answered `unknown-key`: it was restored from a backup older than the key).
 */
export async function reregisterDevice(spaceId: string, userId: string): Promise<void> {
  registered.delete(deviceKeySlot(spaceId, userId));
  await markRegistered(spaceId, userId, false);
  const lease = leases.get(spaceId);
  if (lease) {
    lease.failures = 0;
    await attempt(spaceId, lease);
  }
}

async function attempt(spaceId: string, lease: Lease): Promise<void> {
  if (lease.running) {
    lease.again = true;
    return;
  }
  const m = useSession.getState().memberships[spaceId];
  if (!m || m.revoked || !m.token) return;
  if (lease.timer !== null) {
    clearTimeout(lease.timer);
    lease.timer = null;
  }
  lease.running = true;
  try {
    const stored = await deviceKeyFor(spaceId, m.userId);
    if (!stored.registered) {
      await register(spaceId, m.token, stored.key.publicKey);
      await markRegistered(spaceId, m.userId, true);
    }
    lease.failures = 0;
    const slot = deviceKeySlot(spaceId, m.userId);
    if (!registered.has(slot)) {
      registered.add(slot);
      listeners.forEach((l) => l());
    }
  } catch {
    lease.failures++;
    if (leases.get(spaceId) === lease) {
      const delay = Math.min(RETRY_MIN_MS * 2 ** (lease.failures - 1), RETRY_MAX_MS);
      lease.timer = setTimeout(() => {
        lease.timer = null;
        void attempt(spaceId, lease);
      }, delay);
    }
  } finally {
    lease.running = false;
  }
  if (lease.again && leases.get(spaceId) === lease) {
    lease.again = false;
    await attempt(spaceId, lease);
  }
}
