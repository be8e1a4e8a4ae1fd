import {
  authoredVersion,
  authorShares,
  diffVersions,
  newId,
  versionPlainText,
  versionTokens,
  type AuthoredVersion,
  type AuthorShare,
  type VersionDiff,
  type VersionKind,
  type VersionMeta,
  type VersionTokens,
} from '@ronde/domain';
import * as Y from 'yjs';
import { SERVER_AUTHOR } from './authorship.ts';
import type { LoadedDocument } from './documents.ts';
import type { Storage } from './storage.ts';

/**
 * A copy of the document as it is stored (VERS-7): waits until no change
 * applied to the server's copy is still being stored (a client's batch may
 * be applied before its commit, STORE-6), then copies it in the same tick.
 * So a version never holds text the update log might not; if that store
 * fails, this rejects and nothing is filed.
 *
 * @example
 * await versions.file(room, await storedCopy(loaded), input);
 */
export async function storedCopy(
  document: Pick<LoadedDocument, 'doc' | 'settled'>,
): Promise<Y.Doc> {
  for (let pending = document.settled(); pending !== null; pending = document.settled()) {
    await pending;
  }
  const copy = new Y.Doc();
  Y.applyUpdate(copy, Y.encodeStateAsUpdate(document.doc));
  return copy;
}

/** At most this many versions per proposal (VERS-3). */
export const MAX_VERSIONS = 200;
/** A state larger than this is not filed (VERS-3): a proposal's text is a few KB. */
export const MAX_VERSION_BYTES = 1024 * 1024;

export type VersionStorage = Pick<
  Storage,
  'addVersion' | 'listVersions' | 'loadVersion' | 'listBindings'
>;

/** Why a version could not be filed. */
export type FileRefusal = 'too-many' | 'too-large';

/** A version with its text, each run credited to the member the server bound its client to. */
export interface VersionView {
  readonly version: VersionMeta;
  readonly text: AuthoredVersion;
  readonly shares: readonly AuthorShare[];
}

export interface FileInput {
  readonly id: string;
  readonly kind: VersionKind;
  readonly name: string;
  readonly by: string;
  readonly meetingId: string | null;
}

/**
 * Proposal versions (server SPEC VERS): whole encoded states of the proposal
 * document, filed by the server (from the meeting) or at a member's request,
 * kept in storage outside the live document, read with the attested client
 * bindings (AUTHOR-1) so each passage names its real author.
 *
 * @example
 * const versions = createVersions(storage, Date.now);
 * await versions.file(room, doc, { id: 'adopted:ev1', kind: 'adopted', name: '', by: '@server', meetingId });
 */
export function createVersions(storage: VersionStorage, now: () => number = Date.now) {
  async function authorOf(room: string): Promise<(client: number) => string | null> {
    const bindings = new Map(
      (await storage.listBindings(room)).map((b) => [b.clientId, b.member] as const),
    );
    return (client) => bindings.get(client) ?? null;
  }

  async function tokensOf(room: string, id: string): Promise<VersionTokens | null> {
    const stored = await storage.loadVersion(room, id);
    return stored === null ? null : versionTokens(docOf(stored.state));
  }

  return {
    /**
     * Files the document's current state (VERS-1); `null` when a version
     * with this id exists already (nothing written), else the version or
     * why it was refused (VERS-3).
     */
    async file(
      room: string,
      doc: Y.Doc,
      input: FileInput,
    ): Promise<VersionMeta | FileRefusal | null> {
      const state = Y.encodeStateAsUpdate(doc);
      if (state.byteLength > MAX_VERSION_BYTES) return 'too-large';
      const listed = await storage.listVersions(room);
      if (listed.some((v) => v.id === input.id)) return null;
      if (listed.length >= MAX_VERSIONS) return 'too-many';
      const version = { ...input, at: now(), state };
      if (!(await storage.addVersion(room, version))) return null;
      return { ...input, at: version.at, bytes: state.byteLength };
    },
    /**
     * Files an `amended` version when the text differs from the latest
     * version's (VERS-2); `null` when it does not (or the id exists).
     */
    async fileIfChanged(
      room: string,
      doc: Y.Doc,
      input: Omit<FileInput, 'kind' | 'name' | 'by'>,
    ): Promise<VersionMeta | FileRefusal | null> {
      const latest = (await storage.listVersions(room)).at(-1);
      if (latest !== undefined) {
        const before = await tokensOf(room, latest.id);
        if (before && versionPlainText(before) === versionPlainText(versionTokens(doc))) {
          return null;
        }
      }
      return this.file(room, doc, { ...input, kind: 'amended', name: '', by: SERVER_AUTHOR });
    },
    /** A version exists with this id. */
    async has(room: string, id: string): Promise<boolean> {
      return (await storage.listVersions(room)).some((v) => v.id === id);
    },
    list(room: string): Promise<VersionMeta[]> {
      return storage.listVersions(room);
    },
    /** One version's text with its authors (VERS-4), `null` for an unknown id. */
    async view(room: string, id: string): Promise<VersionView | null> {
      const version = (await storage.listVersions(room)).find((v) => v.id === id);
      const tokens = await tokensOf(room, id);
      if (!version || !tokens) return null;
      const author = await authorOf(room);
      return {
        version,
        text: authoredVersion(tokens, author),
        shares: authorShares(tokens, author),
      };
    },
    /** The diff from one version to another (VERS-4), `null` when either is unknown. */
    async diff(room: string, fromId: string, toId: string): Promise<VersionDiff | null> {
      const [from, to] = await Promise.all([tokensOf(room, fromId), tokensOf(room, toId)]);
      if (!from || !to) return null;
      return diffVersions(from, to, await authorOf(room));
    },
    /** Who wrote the document's text as it is now, attested (VERS-5, HIST-3). */
    async shares(room: string, doc: Y.Doc): Promise<AuthorShare[]> {
      return authorShares(versionTokens(doc), await authorOf(room));
    },
  };
}

export type Versions = ReturnType<typeof createVersions>;

/** A fresh id for a named version. */
export function namedVersionId(): string {
  return `named-${newId()}`;
}

function docOf(state: Uint8Array): Y.Doc {
  const doc = new Y.Doc({ gc: false });
  Y.applyUpdate(doc, state);
  return doc;
}
