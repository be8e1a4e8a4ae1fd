import { useSyncExternalStore } from 'react';
import type { WebsocketProvider } from 'y-websocket';
import { trackConnection, type ConnectionStatus } from './connectionStatus.ts';
import { openRoomsStatus, subscribeOpenRooms } from './openDoc.ts';

/**
 * The connection status of one provider: `'connecting' | 'synced' |
 * 'offline' | 'error'`.
 *
 * @example
 * const status = useConnectionStatus(room.provider);
 * if (status === 'offline') showOfflineHint();
 */
export function useConnectionStatus(provider: WebsocketProvider): ConnectionStatus {
  const tracker = trackConnection(provider);
  return useSyncExternalStore(tracker.subscribe, tracker.getSnapshot);
}

/**
 * The worst status over every open room, or `null` when the page has none
 * open (the home page); for the header.
 *
 * @example
 * const status = useOpenRoomsStatus();
 */
export function useOpenRoomsStatus(): ConnectionStatus | null {
  return useSyncExternalStore(subscribeOpenRooms, openRoomsStatus);
}
