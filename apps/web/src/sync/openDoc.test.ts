import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { FakeWebSocket } from './fakeWebSocket.ts';
import {
  closeAllRooms,
  configureRooms,
  openDoc,
  openRoomsStatus,
  ROOM_GRACE_MS,
} from './openDoc.ts';

describe('openDoc', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    configureRooms({
      url: 'ws://test/sync',
      WebSocket: FakeWebSocket as unknown as typeof WebSocket,
    });
  });
  afterEach(() => {
    closeAllRooms();
    vi.useRealTimers();
  });

  it('shares one document between users of the same room', () => {
    const a = openDoc('space001/space/space001');
    const b = openDoc('space001/space/space001');
    expect(b.room.doc).toBe(a.room.doc);
    expect(openDoc('space001/proposal/prop0001').room.doc).not.toBe(a.room.doc);
  });

  it('connects to /sync/<room>', () => {
    openDoc('space001/space/space001');
    expect(FakeWebSocket.latest().url).toBe('ws://test/sync/space001/space/space001');
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

  it('reports the worst status of the open rooms', () => {
    expect(openRoomsStatus()).toBeNull();
    openDoc('space004/space/space004');
    expect(openRoomsStatus()).toBe('connecting');
    FakeWebSocket.latest().fail();
    expect(openRoomsStatus()).toBe('offline');
  });
});
