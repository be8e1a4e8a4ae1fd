import { useParams } from 'react-router';
import { cleanup } from '@testing-library/react';
import { afterEach, beforeEach, vi } from 'vitest';
import type { SpaceRole } from '../api/trust.ts';
import { useSession, type Membership } from '../state/session.ts';
import { FakeWebSocket } from '../sync/fakeWebSocket.ts';
import { closeAllRooms, configureRooms } from '../sync/openDoc.ts';

export const HOUR = 3_600_000;

/** Where a page sends someone once in a space: its id, as a heading to look for. */
export function SpaceStub() {
  const { spaceId } = useParams();
  return <h1>Space {spaceId}</h1>;
}

export type Reply = { status: number; body?: unknown };
type Route = Reply | 'down' | ((init: RequestInit) => Reply | 'down');

/**
 * Stubs `fetch`: it answers by "METHOD path" (404 otherwise), throws like an
 * unreachable server for a route that is `'down'`, and records the calls.
 *
 * @example
 * const fetchMock = mockFetch({ 'POST /api/session': { status: 200, body: session() } });
 */
export function mockFetch(routes: Record<string, Route>) {
  const fetchMock = vi.fn(async (input: RequestInfo | URL, init: RequestInit = {}) => {
    const key = `${init.method ?? 'GET'} ${String(input)}`;
    const route = routes[key];
    if (!route)
      return new Response(JSON.stringify({ error: { code: 'nf', message: key } }), { status: 404 });
    const reply = typeof route === 'function' ? route(init) : route;
    if (reply === 'down') throw new TypeError('Failed to fetch');
    return new Response(reply.status === 204 ? null : JSON.stringify(reply.body ?? {}), {
      status: reply.status,
      headers: { 'content-type': 'application/json' },
    });
  });
  vi.stubGlobal('fetch', fetchMock);
  return fetchMock;
}

/** The requests made, as "METHOD path" with their JSON bodies. */
export function calls(fetchMock: ReturnType<typeof mockFetch>) {
  return fetchMock.mock.calls.map(([input, init]) => ({
    route: `${init?.method ?? 'GET'} ${String(input)}`,
    body: JSON.parse(String(init?.body ?? 'null')) as unknown,
  }));
}

/** A session as `POST /api/session` and redemption answer it: an hour left. */
export const session = () => ({
  token: 'tok',
  expiresAt: new Date(Date.now() + HOUR).toISOString(),
});

/**
 * A membership this device holds, its session an hour from expiry.
 *
 * @example
 * useSession.setState({ memberships: { space001: membership('user0001', 'admin', 'Ana') } });
 */
export function membership(userId: string, role: SpaceRole, name: string): Membership {
  return {
    userId,
    key: 'key',
    role,
    name,
    token: 'tok',
    expiresAt: Date.now() + HOUR,
    receivedAt: Date.now(),
  };
}

/**
 * Each test of a page that opens rooms starts on a device called
 * `deviceName`, with no membership and rooms over a fake socket, and ends
 * with them closed and fetch restored.
 *
 * @example
 * pageTestsWithRooms('Bea'); // at the top of a test file
 */
export function pageTestsWithRooms(deviceName: string): void {
  beforeEach(() => {
    localStorage.clear();
    useSession.setState({ language: 'en', name: deviceName, memberships: {}, shareLinks: {} });
    configureRooms({
      url: 'ws://test/sync',
      WebSocket: FakeWebSocket as unknown as typeof WebSocket,
    });
  });
  afterEach(() => {
    cleanup();
    closeAllRooms();
    vi.unstubAllGlobals();
  });
}
