import { joinMeeting } from '@ronde/domain';
import { useEffect } from 'react';
import type * as Y from 'yjs';
import type { ConnectionStatus } from '../sync/connectionStatus.ts';
import type { RoomLoad } from '../sync/openDoc.ts';

/**
 * Whether this device knows the meeting well enough to join it: once the
 * server's copy arrived, or from the local copy while the server cannot be
 * reached. Joining a copy that may be stale could race a join made from
 * another device; joining an empty one would leave a ghost entry.
 */
export function mayJoin(load: RoomLoad, status: ConnectionStatus): boolean {
  return load === 'synced' || (load === 'local' && (status === 'offline' || status === 'error'));
}

/**
 * Adds this person to the meeting's people as a participant once the meeting
 * is known (see {@link mayJoin}), and keeps their name current. Someone
 * already present keeps their role (SPEC MDOC-3).
 *
 * @example
 * useJoinMeeting(room.doc, meeting !== null && mayJoin(load, status), me);
 */
export function useJoinMeeting(
  doc: Y.Doc,
  ready: boolean,
  me: { readonly id: string; readonly name: string },
): void {
  useEffect(() => {
    if (!ready || !me.name) return;
    joinMeeting(doc, { id: me.id, name: me.name, now: Date.now() });
  }, [doc, ready, me.id, me.name]);
}
