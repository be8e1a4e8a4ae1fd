import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { useSession } from '../state/session.ts';
import { FakeWebSocket } from './fakeWebSocket.ts';
import { configureSessionRequest } from './sessionKeeper.ts';
import {
  closeAllRooms,
  configureRooms,
  openDoc,
  openRoomsStatus,
  ROOM_GRACE_MS,
} from './openDoc.ts';

const member = { userId: 'user0001', key: 'secret-key', role: 'member' as const, name: 'Awa' };

describe('openDoc', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    const memberships = Object.fromEntries(
      ['space001', 'space002', 'space003', 'space004', 'space005'].map((id) => [
        id,
        {
          ...member,
          token: `token-${id}`,
          expiresAt: Date.now() + 3_600_000,
          receivedAt: Date.now(),
        },
      ]),
    );
    useSession.setState({ memberships });
    configureRooms({
      url: 'ws://test/sync',
      WebSocket: FakeWebSocket as unknown as typeof WebSocket,
    });
  });
  afterEach(() => {
    configureSessionRequest(null);
    closeAllRooms();
    vi.useRealTimers();
  });

  it('shares one document between users of the same room', () => {
    const a = openDoc('space001/space/space001');
    const b = openDoc('space001/space/space001');
    expect(b.room.doc).toBe(a.room.doc);
    expect(openDoc('space001/proposal/prop0001').room.doc).not.toBe(a.room.doc);
  });

  it('connects to /sync/<room> with the session token', async () => {
    openDoc('space001/space/space001');
    await vi.advanceTimersByTimeAsync(0);
    expect(FakeWebSocket.latest().url).toBe(
      'ws://test/sync/space001/space/space001?token=token-space001',
    );
  });

  it('after a 4401 gets a new token and reconnects with it', async () => {
    const request = vi.fn(async () => ({
      token: 'renewed',
      expiresAt: Date.now() + 3_600_000,
      role: 'member' as const,
      name: 'Awa',
    }));
    configureSessionRequest(request);
    openDoc('space002/space/space002');
    await vi.advanceTimersByTimeAsync(0);
    const first = FakeWebSocket.latest();
    first.open();
    first.fail(4401);
    expect(openRoomsStatus()).toBe('offline');
    await vi.advanceTimersByTimeAsync(0);
    expect(request).toHaveBeenCalledTimes(1);
    const second = FakeWebSocket.latest();
    expect(second).not.toBe(first);
    expect(second.url).toBe('ws://test/sync/space002/space/space002?token=renewed');
  });

  it('after a 4403 stops for good and reads revoked', async () => {
    configureSessionRequest(async () => {
      throw new Error('unreachable');
    });
    openDoc('space003/space/space003');
    await vi.advanceTimersByTimeAsync(0);
    const ws = FakeWebSocket.latest();
    ws.open();
    ws.fail(4403);
    await vi.advanceTimersByTimeAsync(10_000);
    expect(FakeWebSocket.latest()).toBe(ws);
    expect(openRoomsStatus()).toBe('revoked');
  });

  it('never connects without a membership', async () => {
    const before = FakeWebSocket.instances.length;
    openDoc('space009/space/space009');
    await vi.advanceTimersByTimeAsync(0);
    expect(FakeWebSocket.instances.length).toBe(before);
    expect(openRoomsStatus()).toBe('connecting');
  });

  it('stops and reads revoked once the membership is gone', async () => {
    openDoc('space005/space/space005');
    await vi.advanceTimersByTimeAsync(0);
    FakeWebSocket.latest().open();
    useSession.getState().revokeMembership('space005');
    expect(openRoomsStatus()).toBe('revoked');
  });

  it('closes a room only after its last user released it and the grace passed', () => {
    const a = openDoc('space002/space/space002');
    const b = openDoc('space002/space/space002');
    a.release();
    vi.advanceTimersByTime(ROOM_GRACE_MS * 2);
    expect(openDoc('space002/space/space002').room.doc).toBe(a.room.doc);
    b.release();
  });

  it('destroys an unused room, and the next open starts afresh', () => {
    const a = openDoc('space003/space/space003');
    const destroyed = vi.fn();
    a.room.doc.on('destroy', destroyed);
    a.release();
    a.release(); // releasing twice counts once
    vi.advanceTimersByTime(ROOM_GRACE_MS + 1);
    expect(destroyed).toHaveBeenCalled();
    expect(openDoc('space003/space/space003').room.doc).not.toBe(a.room.doc);
  });

  it('reports the worst status of the open rooms', async () => {
    expect(openRoomsStatus()).toBeNull();
    openDoc('space004/space/space004');
    expect(openRoomsStatus()).toBe('connecting');
    await vi.advanceTimersByTimeAsync(0);
    FakeWebSocket.latest().fail();
    expect(openRoomsStatus()).toBe('offline');
  });
});
