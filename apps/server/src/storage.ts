/**
 * Where documents live between restarts: one append-only log of Yjs updates
 * per document. Promise-based so that a networked store (PostgreSQL) can
 * implement it; every implementation must pass `runStorageContract`.
 *
 * The registry (documents.ts) serialises calls per document, but a store
 * must still be safe when several documents are written at once.
 */
export interface Storage {
  /** Appends one update to the document's log; resolves once it is durable. */
  append(docName: string, update: Uint8Array): Promise<void>;
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
  /** Releases the store; later calls reject. */
  close(): Promise<void>;
}

/** One row of a document's log and its sequence number in that log. */
export interface LogEntry {
  readonly seq: number;
  readonly update: Uint8Array;
}

/** Thrown for a store that cannot be opened (e.g. an unwritable data dir). */
export class StorageOpenError extends Error {
  override name = 'StorageOpenError';
}
