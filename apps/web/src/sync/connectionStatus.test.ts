import { act, cleanup, renderHook } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { markRevoked, worstStatus } from './connectionStatus.ts';
import { FakeWebSocket } from './fakeWebSocket.ts';
import { useConnectionStatus } from './useConnectionStatus.ts';

const providers: WebsocketProvider[] = [];
afterEach(() => {
  cleanup();
  providers.splice(0).forEach((p) => p.destroy());
});

function newProvider(): WebsocketProvider {
  const provider = new WebsocketProvider('ws://test/sync', 'space001/space/space001', new Y.Doc(), {
    WebSocketPolyfill: FakeWebSocket as unknown as typeof WebSocket,
    disableBc: true,
  });
  providers.push(provider);
  return provider;
}

describe('useConnectionStatus', () => {
  it('is connecting until the server answers the sync handshake, then synced', () => {
    const provider = newProvider();
    const { result } = renderHook(() => useConnectionStatus(provider));
    expect(result.current).toBe('connecting');
    act(() => FakeWebSocket.latest().open());
    expect(result.current).toBe('connecting'); // connected, not yet synced
    act(() => {
      provider.synced = true; // what the sync step 2 from the server does
    });
    expect(result.current).toBe('synced');
  });

  it('is offline once a connection is lost or refused, while the provider retries', () => {
    vi.useFakeTimers();
    try {
      const provider = newProvider();
      const { result } = renderHook(() => useConnectionStatus(provider));
      const refused = FakeWebSocket.latest();
      act(() => refused.fail());
      expect(result.current).toBe('offline');

      // y-websocket retries by itself; the status stays offline meanwhile.
      act(() => vi.advanceTimersByTime(3000));
      const retry = FakeWebSocket.latest();
      expect(retry).not.toBe(refused);
      expect(result.current).toBe('offline');

      act(() => {
        retry.open();
        provider.synced = true;
      });
      expect(result.current).toBe('synced');
      act(() => retry.fail());
      expect(result.current).toBe('offline');
    } finally {
      vi.useRealTimers();
    }
  });

  it('is an error when the server closes the room for good (4400-4499)', () => {
    const provider = newProvider();
    const { result } = renderHook(() => useConnectionStatus(provider));
    act(() => FakeWebSocket.latest().open());
    act(() => FakeWebSocket.latest().fail(4400));
    expect(result.current).toBe('error');
  });

  it('says the document is full (4413) and the device throttled (4429), not a bare error', () => {
    const full = newProvider();
    const fullStatus = renderHook(() => useConnectionStatus(full)).result;
    act(() => FakeWebSocket.latest().open());
    act(() => FakeWebSocket.latest().fail(4413));
    expect(fullStatus.current).toBe('full');
    const flooded = newProvider();
    const floodStatus = renderHook(() => useConnectionStatus(flooded)).result;
    act(() => FakeWebSocket.latest().open());
    act(() => FakeWebSocket.latest().fail(4429));
    expect(floodStatus.current).toBe('throttled');
    expect(worstStatus(['throttled', 'full', 'synced'])).toBe('full');
  });

  it('is revoked when the server closes with 4403 (access revoked)', () => {
    const provider = newProvider();
    const { result } = renderHook(() => useConnectionStatus(provider));
    act(() => FakeWebSocket.latest().open());
    act(() => {
      provider.synced = true;
    });
    act(() => FakeWebSocket.latest().fail(4403));
    expect(result.current).toBe('revoked');
    expect(provider.shouldConnect).toBe(false);
  });

  it('is only offline after a 4401 (token expired): the room reconnects with a new token', () => {
    const provider = newProvider();
    const { result } = renderHook(() => useConnectionStatus(provider));
    act(() => FakeWebSocket.latest().open());
    act(() => FakeWebSocket.latest().fail(4401));
    expect(result.current).toBe('offline');
    act(() => {
      provider.params = { token: 'new' };
      provider.connect();
    });
    expect(FakeWebSocket.latest().url).toContain('token=new');
    act(() => {
      FakeWebSocket.latest().open();
      provider.synced = true;
    });
    expect(result.current).toBe('synced');
  });

  it('reads revoked once marked so, whatever the socket does', () => {
    const provider = newProvider();
    const { result } = renderHook(() => useConnectionStatus(provider));
    act(() => markRevoked(provider));
    expect(result.current).toBe('revoked');
  });
});

describe('worstStatus', () => {
  it('shows the worst of several rooms, or null for none', () => {
    expect(worstStatus([])).toBeNull();
    expect(worstStatus(['synced', 'connecting'])).toBe('connecting');
    expect(worstStatus(['synced', 'offline', 'connecting'])).toBe('offline');
    expect(worstStatus(['error', 'synced'])).toBe('error');
    expect(worstStatus(['error', 'revoked', 'offline'])).toBe('revoked');
  });
});
