import { joinMeeting, type MeetingRole } from '@ronde/domain';
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
 * The role this person joins the meeting with, or null to wait (SPEC
 * WRITE-5): its creator and the space's facilitators (the role of their
 * invite) facilitate a meeting they join before its start; everyone else,
 * and everyone once it has started (facilitation is then granted through
 * the log only), takes part. A facilitator joins only once the server has
 * the meeting (`load` is `synced`): the server checks the creator against
 * its copy, so the join must reach it after the creation, as a later
 * update, never merged with it. Observers never call this: they write
 * nothing.
 *
 * @example
 * const role = joinRole({ createdBy: meeting.createdBy, me: me.id, started, load, status });
 */
export function joinRole(input: {
  readonly createdBy: string;
  readonly me: string;
  /** This person's role in the space, from their invite. */
  readonly spaceRole?: string | null;
  readonly started: boolean;
  readonly load: RoomLoad;
  readonly status: ConnectionStatus;
}): MeetingRole | null {
  if (!mayJoin(input.load, input.status)) return null;
  const leads = input.createdBy === input.me || input.spaceRole === 'facilitator';
  if (leads && !input.started) {
    return input.load === 'synced' ? 'facilitator' : null;
  }
  return 'participant';
}

/**
 * Adds this person to the meeting's people in `role` once it is known (see
 * {@link joinRole}; null: not yet), and keeps their name current. Someone
 * already present keeps their role (SPEC MDOC-3).
 *
 * @example
 * useJoinMeeting(room.doc, role, me);
 */
export function useJoinMeeting(
  doc: Y.Doc,
  role: MeetingRole | null,
  me: { readonly id: string; readonly name: string },
): void {
  useEffect(() => {
    if (role === null || !me.name) return;
    joinMeeting(doc, { id: me.id, name: me.name, role, now: Date.now() });
  }, [doc, role, me.id, me.name]);
}
