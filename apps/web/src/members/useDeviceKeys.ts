import { useEffect, useState } from 'react';
import { ApiError } from '../api/http.ts';
import { listDeviceKeys, type DeviceKeyInfo } from '../api/trust.ts';
import { freshToken, refreshSession } from '../sync/sessionKeeper.ts';
import type { DirectoryStatus } from './useSpacePeople.ts';

/** The signing keys of a space as this member received them. */
export interface DeviceKeys {
  /** null until the first answer, and after a failed one. */
  readonly keys: readonly DeviceKeyInfo[] | null;
  readonly status: DirectoryStatus;
}

/** The keys, with this member's session token; on a 401 with a new one, once. */
async function fetchDeviceKeys(spaceId: string): Promise<DeviceKeyInfo[]> {
  const token = await freshToken(spaceId);
  if (token === null) throw new ApiError('server', 401, 'unauthorized', 'not a member');
  try {
    return await listDeviceKeys(spaceId, token);
  } catch (error) {
    if (!(error instanceof ApiError) || error.status !== 401) throw error;
    const next = await refreshSession(spaceId);
    if (next === null) throw error;
    return listDeviceKeys(spaceId, next);
  }
}

/**
 * The signing keys of a space's devices, readable by any member (server
 * `GET /api/spaces/:id/devices`), fetched once per mount: remount to fetch
 * again.
 *
 * @example
 * const { keys, status } = useDeviceKeys(spaceId);
 * if (status === 'failed') showRetry();
 */
export function useDeviceKeys(spaceId: string): DeviceKeys {
  const [state, setState] = useState<DeviceKeys & { spaceId: string }>({
    keys: null,
    status: 'loading',
    spaceId,
  });
  useEffect(() => {
    let mounted = true;
    fetchDeviceKeys(spaceId).then(
      (keys) => mounted && setState({ keys, status: 'loaded', spaceId }),
      () => mounted && setState({ keys: null, status: 'failed', spaceId }),
    );
    return () => {
      mounted = false;
    };
  }, [spaceId]);
  return state.spaceId === spaceId ? state : { keys: null, status: 'loading' };
}
