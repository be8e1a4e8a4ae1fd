import { spaceAdminApi, type SpaceAdminApi } from '../api/trust.ts';
import { withSession } from '../sync/sessionKeeper.ts';

/**
 * Calls the admin API of a space with a fresh session token; on a 401 (the
 * token expired meanwhile) gets a new one and tries once more.
 *
 * @example
 * const invites = await adminCall(spaceId, (api) => api.listInvites());
 */
export function adminCall<T>(
  spaceId: string,
  call: (api: SpaceAdminApi) => Promise<T>,
  fetchImpl?: typeof fetch,
): Promise<T> {
  return withSession(spaceId, (token) => call(spaceAdminApi(spaceId, token, fetchImpl)));
}
