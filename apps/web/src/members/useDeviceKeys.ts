import { useEffect, useState } from 'react';
import { listDeviceKeys, type DeviceKeyInfo } from '../api/trust.ts';
import { withSession } from '../sync/sessionKeeper.ts';
import type { DirectoryStatus } from './useSpacePeople.ts';

/** The signing keys of a space as this member received them. */
export interface DeviceKeys {
  /** null until the first answer, and after a failed one. */
  readonly keys: readonly DeviceKeyInfo[] | null;
  readonly status: DirectoryStatus;
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
    withSession(spaceId, (token) => listDeviceKeys(spaceId, token)).then(
      (keys) => mounted && setState({ keys, status: 'loaded', spaceId }),
      () => mounted && setState({ keys: null, status: 'failed', spaceId }),
    );
    return () => {
      mounted = false;
    };
  }, [spaceId]);
  return state.spaceId === spaceId ? state : { keys: null, status: 'loading' };
}
