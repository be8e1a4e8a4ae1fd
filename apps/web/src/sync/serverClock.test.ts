import * as encoding from 'lib0/encoding';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { FakeWebSocket } from './fakeWebSocket.ts';
import {
  attachServerClock,
  clockSample,
  createClockFilter,
  encodeTimeRequest,
  MESSAGE_TIME,
} from './serverClock.ts';

describe('server clock offset', () => {
  it('takes the server time as read halfway through the round trip', () => {
    expect(clockSample(1000, 5050, 1100)).toEqual({ offset: 4000, rtt: 100 });
    expect(clockSample(1000, 900, 1000)).toEqual({ offset: -100, rtt: 0 });
  });

  it('refuses a sample that went back in time', () => {
    expect(clockSample(1000, 5000, 999)).toBeNull();
    expect(clockSample(Number.NaN, 5000, 1000)).toBeNull();
  });

  it('keeps the offset of the fastest round trip among the last few', () => {
    const filter = createClockFilter(3);
    expect(filter.add({ offset: 500, rtt: 300 })).toBe(500);
    expect(filter.add({ offset: 120, rtt: 20 })).toBe(120);
    expect(filter.add({ offset: 900, rtt: 800 })).toBe(120);
    expect(filter.add({ offset: 300, rtt: 200 })).toBe(120);
    // The fast sample has aged out: the best of the last three wins.
    expect(filter.add({ offset: 700, rtt: 600 })).toBe(300);
  });
});

describe('attachServerClock', () => {
  afterEach(() => vi.useRealTimers());

  function answer(t0: number, serverNow: number): ArrayBuffer {
    const e = encoding.createEncoder();
    encoding.writeVarUint(e, MESSAGE_TIME);
    encoding.writeVarUint(e, t0);
    encoding.writeVarUint(e, serverNow);
    return new Uint8Array(encoding.toUint8Array(e)).buffer;
  }

  it('pings on connect and every interval, and reports the offset from answers', () => {
    vi.useFakeTimers();
    let local = 10_000;
    const offsets: number[] = [];
    const provider = new WebsocketProvider(
      'ws://test/sync',
      'space001/space/space001',
      new Y.Doc(),
      {
        WebSocketPolyfill: FakeWebSocket as unknown as typeof WebSocket,
        disableBc: true,
      },
    );
    const stop = attachServerClock(provider, {
      filter: createClockFilter(),
      onOffset: (ms) => offsets.push(ms),
      now: () => local,
      intervalMs: 1000,
    });
    const ws = FakeWebSocket.latest();
    ws.open();
    const pings = () => ws.sent.filter((m) => (m as Uint8Array)[0] === MESSAGE_TIME);
    expect(pings()).toEqual([encodeTimeRequest(10_000)]);
    local = 10_040;
    ws.onmessage?.({ data: answer(10_000, 70_020) });
    expect(offsets).toEqual([60_000]);
    vi.advanceTimersByTime(1000);
    expect(pings()).toHaveLength(2);
    stop();
    vi.advanceTimersByTime(5000);
    expect(pings()).toHaveLength(2);
    provider.destroy();
  });
});
