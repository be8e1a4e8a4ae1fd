import type { WebsocketProvider } from 'y-websocket';
import type { SpaceRole } from '../api/trust.ts';
import { usePermissionDenied } from '../sync/permissionDenied.ts';
import { useMembership } from './useIdentity.ts';

/** What this device may do in a space. */
export interface Access {
  readonly role: SpaceRole | null;
  /** An observer, or the server refused a write: read, never write. */
  readonly observer: boolean;
  /** The server removed this member. */
  readonly revoked: boolean;
  /** Nothing may be changed (observer or revoked). */
  readonly readOnly: boolean;
  readonly admin: boolean;
}

/**
 * This device's access to a space, from its membership and from what the
 * server said on these providers (a `permission-denied` makes it read-only).
 *
 * @example
 * const access = useAccess(spaceId, [room.provider]);
 * if (!access.readOnly) showToolbar();
 */
export function useAccess(spaceId: string, providers: readonly WebsocketProvider[] = []): Access {
  const membership = useMembership(spaceId);
  const denied = usePermissionDenied(providers);
  const role = membership?.role ?? null;
  const revoked = membership?.revoked === true;
  const observer = role === 'observer' || denied;
  return {
    role,
    observer,
    revoked,
    readOnly: observer || revoked || role === null,
    admin: role === 'admin' && !revoked,
  };
}
