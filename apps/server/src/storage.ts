import type { VersionMeta } from '@ronde/domain';

/**
 * Where documents live between restarts: one append-only log of Yjs updates
 * per document. Promise-based so that a networked store (PostgreSQL) can
 * implement it; every implementation must pass `runStorageContract`.
 *
 * The registry (documents.ts) serialises calls per document, but a store
 * must still be safe when several documents are written at once.
 */
export interface Storage {
  /**
   * Appends one update to the document's log; resolves once it is durable.
   * With a `contribution` (a member's update, AUTHOR-3) its row is stored in
   * the same transaction: both or neither.
   */
  append(docName: string, update: Uint8Array, contribution?: ContributionInput): Promise<void>;
  /** The document's log, oldest first; `[]` for an unknown document. */
  load(docName: string): Promise<Uint8Array[]>;
  /**
   * The rows of the document's log numbered above `seq`, oldest first, each
   * with its number (`loadSince(doc, 0)`: the whole log). Numbers grow with
   * each append to the document; a compacted row keeps the last number it
   * merged, so a reader that applied everything up to `seq` misses nothing
   * by reading the rows above it (an instance catching up, CLUSTER-3).
   */
  loadSince(docName: string, seq: number): Promise<LogEntry[]>;
  /**
   * Replaces the document's log by one merged update, atomically: a reader
   * sees either the old rows or the merged one, and a crash keeps one of them.
   */
  compact(docName: string): Promise<void>;
  /**
   * Adds a room to the durable set of rooms whose consequences are pending
   * (CONS rules: a meeting whose decisions and statuses the server still has
   * to write). Idempotent; resolves once durable, so a crash after it keeps
   * the mark.
   */
  markPending(room: string): Promise<void>;
  /** Removes a room from the pending set (nothing if absent); durable once resolved. */
  clearPending(room: string): Promise<void>;
  /** The pending rooms, each once, in code-unit order. */
  listPending(): Promise<string[]>;
  /**
   * Deletes every document whose name starts with `prefix` (a deleted
   * practice space's rooms, `<spaceId>/`) and their pending marks, after
   * committing waiting appends; durable once resolved. Optional: a store
   * without it cannot delete spaces (SPEC PRACTICE-8).
   */
  deleteDocuments?(prefix: string): Promise<void>;
  /**
   * The names of the stored documents whose name starts with `prefix`
   * (a space's rooms, `<spaceId>/`), sorted by code unit (BACKUP-1).
   * Optional: a store without it cannot back spaces up.
   */
  listDocuments?(prefix: string): Promise<string[]>;
  /**
   * Writes restored documents in one transaction (BACKUP-5): each one's
   * state as its first update, its client bindings, contribution rows and
   * versions. Resolves `false` and writes nothing when any document whose
   * name starts with `prefix` is stored already. Optional: a store without
   * it cannot import spaces.
   */
  restoreDocuments?(prefix: string, documents: readonly RestoredDocument[]): Promise<boolean>;
  /**
   * Binds each Yjs client id to `member` in the document unless it is bound
   * already, atomically (also across instances), and answers the ids bound to
   * someone else with their member: the conflicts (AUTHOR-1). A binding is
   * never changed or removed (only `deleteDocuments` drops a document's).
   */
  bindClients(
    docName: string,
    member: string,
    clientIds: readonly number[],
  ): Promise<ClientBinding[]>;
  /** Every binding of the document, by client id. */
  listBindings(docName: string): Promise<ClientBinding[]>;
  /**
   * The document's contribution rows (AUTHOR-3), oldest first (by time, then
   * by storing order); with `since`, those at or after that time (epoch ms).
   * Compaction never touches them.
   */
  listContributions(docName: string, options?: { since?: number }): Promise<Contribution[]>;
  /**
   * Files a version of the document (SPEC VERS-1): its whole encoded state,
   * outside the update log, so compaction never touches it. Resolves `false`
   * (nothing written) when the document already has a version with this id.
   */
  addVersion(docName: string, version: StoredVersion): Promise<boolean>;
  /** The document's versions without their state, oldest first (by time, then storing order). */
  listVersions(docName: string): Promise<VersionMeta[]>;
  /** One version with its state; `null` when the document has none with this id. */
  loadVersion(docName: string, id: string): Promise<StoredVersion | null>;
  /** Releases the store; later calls reject. */
  close(): Promise<void>;
}

/** One row of a document's log and its sequence number in that log. */
export interface LogEntry {
  readonly seq: number;
  readonly update: Uint8Array;
}

/** A Yjs client id and the member it is bound to (`SERVER_AUTHOR` for the server's own). */
export interface ClientBinding {
  readonly clientId: number;
  readonly member: string;
}

/** What one member's stored update contributed (AUTHOR-3), as the write guard found it. */
export interface ContributionInput {
  readonly member: string;
  /** The server's clock when the update was checked (epoch ms). */
  readonly at: number;
  /** The clients whose new structs the update carries, ascending (none for a deletion only). */
  readonly clientIds: readonly number[];
  /** Characters (code points) of text inserted and deleted, in every text and XML type. */
  readonly inserted: number;
  readonly deleted: number;
  /** What was written: each root, or root and key (`people/u1`, `body`), sorted, at most 64. */
  readonly paths: readonly string[];
}

/** A stored contribution row: the input and its document. */
export interface Contribution extends ContributionInput {
  readonly doc: string;
}

/** One document of a backup, as `restoreDocuments` writes it (BACKUP-5). */
export interface RestoredDocument {
  readonly name: string;
  readonly state: Uint8Array;
  readonly bindings: readonly ClientBinding[];
  readonly contributions: readonly ContributionInput[];
  readonly versions: readonly StoredVersion[];
}

/** A version as stored (SPEC VERS-1): its listing fields and the document's encoded state. */
export interface StoredVersion extends Omit<VersionMeta, 'bytes'> {
  readonly state: Uint8Array;
}

/** Thrown for a store that cannot be opened (e.g. an unwritable data dir). */
export class StorageOpenError extends Error {
  override name = 'StorageOpenError';
}
