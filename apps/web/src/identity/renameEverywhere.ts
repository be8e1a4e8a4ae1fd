import { ApiError } from '../api/http.ts';
import { renameSelf } from '../api/trust.ts';
import { useSession } from '../state/session.ts';
import { freshToken } from '../sync/sessionKeeper.ts';

type Rename = (spaceId: string, token: string, name: string) => Promise<{ name: string }>;

/** The spaces this device is a member of that know it by another name than `name`. */
export function spacesToRename(name: string): string[] {
  return Object.entries(useSession.getState().memberships)
    .filter(([, m]) => !m.revoked && m.name !== name)
    .map(([spaceId]) => spaceId);
}

/** Where a rename did not happen: spaces where another member goes by the name (server NAME-7), and the rest (offline, removed). */
export interface RenameFailures {
  readonly taken: readonly string[];
  readonly failed: readonly string[];
}

/**
 * Gives this device's name to every space it is a member of, where the
 * space knows it by another (server NAME-5: the name others see there, and
 * the only one it lets this member write, NAME-4). Resolves with the spaces
 * where that did not happen: there the old name stays. Where another
 * member goes by the name (`taken`, NAME-7) only another name will do;
 * elsewhere (`failed`: offline, removed) saving again retries.
 *
 * @example
 * const { taken, failed } = await renameEverywhere('Awa Diallo');
 * if (taken.length + failed.length > 0) showError(taken.length, failed.length);
 */
export async function renameEverywhere(
  name: string,
  rename: Rename = (spaceId, token, next) => renameSelf(spaceId, token, next),
): Promise<RenameFailures> {
  const taken: string[] = [];
  const failed: string[] = [];
  await Promise.all(
    spacesToRename(name).map(async (spaceId) => {
      try {
        const token = await freshToken(spaceId);
        if (token === null) throw new Error('no session');
        const member = await rename(spaceId, token, name);
        useSession.getState().setMembershipName(spaceId, member.name);
      } catch (error) {
        if (error instanceof ApiError && error.code === 'name_taken') taken.push(spaceId);
        else failed.push(spaceId);
      }
    }),
  );
  return { taken, failed };
}
