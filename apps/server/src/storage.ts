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
  /** Releases the store; later calls reject. */
  close(): Promise<void>;
}

/** Thrown for a store that cannot be opened (e.g. an unwritable data dir). */
export class StorageOpenError extends Error {
  override name = 'StorageOpenError';
}
