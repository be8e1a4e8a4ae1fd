import { ApiError } from '../api/http.ts';
import { spaceAdminApi, type SpaceAdminApi } from '../api/trust.ts';
import { freshToken, refreshSession } from '../sync/sessionKeeper.ts';

/**
 * Calls the admin API of a space with a fresh session token; on a 401 (the
 * token expired meanwhile) gets a new one and tries once more.
 *
 * @example
 * const invites = await adminCall(spaceId, (api) => api.listInvites());
 */
export async function adminCall<T>(
  spaceId: string,
  call: (api: SpaceAdminApi) => Promise<T>,
  fetchImpl?: typeof fetch,
): Promise<T> {
  const token = await freshToken(spaceId);
  if (token === null) throw new ApiError('server', 401, 'unauthorized', 'not a member');
  try {
    return await call(spaceAdminApi(spaceId, token, fetchImpl));
  } catch (error) {
    if (!(error instanceof ApiError) || error.status !== 401) throw error;
    const next = await refreshSession(spaceId);
    if (next === null) throw error;
    return call(spaceAdminApi(spaceId, next, fetchImpl));
  }
}
