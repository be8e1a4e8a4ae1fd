import { useCallback, useEffect, useSyncExternalStore } from 'react';
import { openDoc, peekDoc, subscribeRoom, type Room, type RoomLoad } from './openDoc.ts';

/**
 * The room of that name, open while the component is mounted. Its document
 * is usable at once (empty until the local copy loads); two components
 * using the same room share one document. After the server refused a write
 * the room is reopened with a fresh document, and this hook answers the new one.
 *
 * @example
 * const room = useRoom(spaceRoom(spaceId));
 * const space = useSpace(room.doc);
 */
export function useRoom(name: string): Room {
  const subscribe = useCallback((listener: () => void) => subscribeRoom(name, listener), [name]);
  const room = useSyncExternalStore(subscribe, () => peekDoc(name));
  useEffect(() => openDoc(name).release, [name]);
  return room;
}

/**
 * How far a room has loaded: `'loading'`, `'local'` (the device's copy) or
 * `'synced'` (the server's copy, at least once).
 *
 * @example
 * const load = useRoomLoad(room);
 * if (!space && load === 'synced') return <NotFound />;
 */
export function useRoomLoad(room: Room): RoomLoad {
  return useSyncExternalStore(room.onLoad, room.load);
}
