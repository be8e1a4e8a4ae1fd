import type { AuthoredVersion, AuthorShare, VersionDiff, VersionMeta } from '@ronde/domain';
import { apiJson } from '../api/http.ts';
import { freshToken } from '../sync/sessionKeeper.ts';

/** Display names of the space's members, by id, as the server answers them. */
export type Names = Readonly<Record<string, string>>;

export interface VersionList {
  readonly versions: readonly VersionMeta[];
  readonly names: Names;
}

export interface VersionView {
  readonly version: VersionMeta;
  readonly text: AuthoredVersion;
  readonly shares: readonly AuthorShare[];
  readonly names: Names;
}

export interface VersionDiffView {
  readonly from: VersionMeta;
  readonly to: VersionMeta;
  readonly diff: VersionDiff;
  readonly names: Names;
}

/** The server's history routes of one proposal (server SPEC VERS-6). */
export function versionsPath(spaceId: string, proposalId: string): string {
  return `/api/spaces/${encodeURIComponent(spaceId)}/proposals/${encodeURIComponent(proposalId)}/versions`;
}

async function call<T>(spaceId: string, path: string, body?: unknown): Promise<T> {
  const token = await freshToken(spaceId);
  if (token === null) throw new Error('not a member of this space');
  const method = body === undefined ? 'GET' : 'POST';
  return (await apiJson(path, { token, method, ...(body === undefined ? {} : { body }) })) as T;
}

/**
 * Reads and names versions of a proposal through the server's API, with a
 * fresh session token.
 *
 * @example
 * const { versions, names } = await historyApi.list(spaceId, proposalId);
 */
export const historyApi = {
  list: (spaceId: string, proposalId: string) =>
    call<VersionList>(spaceId, versionsPath(spaceId, proposalId)),
  view: (spaceId: string, proposalId: string, versionId: string) =>
    call<VersionView>(
      spaceId,
      `${versionsPath(spaceId, proposalId)}/${encodeURIComponent(versionId)}`,
    ),
  diff: (spaceId: string, proposalId: string, fromId: string, toId: string) =>
    call<VersionDiffView>(
      spaceId,
      `${versionsPath(spaceId, proposalId)}/${encodeURIComponent(fromId)}/diff/${encodeURIComponent(toId)}`,
    ),
  name: (spaceId: string, proposalId: string, name: string) =>
    call<{ version: VersionMeta }>(spaceId, versionsPath(spaceId, proposalId), { name }),
};
