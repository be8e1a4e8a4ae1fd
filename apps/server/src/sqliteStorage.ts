import Database from 'better-sqlite3';
import { accessSync, constants, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import * as Y from 'yjs';
import { createCommitter } from './sqliteCommitter.ts';
import {
  StorageOpenError,
  type ClientBinding,
  type ContributionInput,
  type RestoredDocument,
  type Storage,
  type StoredVersion,
} from './storage.ts';

export const SQLITE_FILE = 'ronde.sqlite';

export interface SqliteOptions {
  /** Caps the database size in pages (tests use it to provoke SQLITE_FULL). */
  readonly maxPageCount?: number;
  /**
   * Called after each group commit with the number of appends it made
   * durable and where it ran (tests, benches).
   */
  readonly onCommit?: (appends: number, on: 'loop' | 'thread') => void;
  /**
   * Batches of at least this many appends may commit on the commit thread,
   * smaller ones commit on the event loop (STORE-7); default 2. Tests set 1
   * to use the thread.
   */
  readonly threadFrom?: number;
  /**
   * While commits take less than this on average (ms, a moving average of
   * their durations), every batch commits on the event loop; from it on,
   * batches of `threadFrom` or more go to the commit thread (STORE-7).
   * Default {@link LOOP_COMMIT_MAX_MS}; 0: always the thread.
   */
  readonly loopCommitMaxMs?: number;
}

/** See {@link SqliteOptions.loopCommitMaxMs}. */
export const LOOP_COMMIT_MAX_MS = 1;

interface QueuedAppend {
  readonly docName: string;
  /** An own copy of the update, moved to the commit thread with its batch. */
  readonly data: Uint8Array;
  readonly contribution: ContributionInput | undefined;
  readonly resolve: () => void;
  readonly reject: (error: unknown) => void;
}

/**
 * The embedded default store (DESIGN 7): `<dataDir>/ronde.sqlite` in WAL mode
 * with `synchronous = FULL`, so an append that resolved survives a process
 * kill and a power cut.
 *
 * Appends are group-committed (SPEC STORE-1…5, STORE-7): every append made
 * before the next `setImmediate` (all the messages one poll of the sockets
 * delivered, for any document) joins one transaction, so one commit and one
 * fsync cover them all, and each promise resolves only once that commit
 * returned. One batch is
 * committed at a time, what arrives meanwhile joins the next; a batch commits
 * on the event loop while commits are fast, on a thread of its own
 * (sqliteCommitter.ts) once they are slow, so that the loop does not wait for
 * the disk. Any other call waits for the appends made before it, so calls
 * take effect in call order.
 *
 * @example
 * const storage = await openSqliteStorage('./data');
 */
export async function openSqliteStorage(
  dataDir: string,
  options: SqliteOptions = {},
): Promise<Storage> {
  const dir = resolve(dataDir);
  let db: Database.Database;
  try {
    mkdirSync(dir, { recursive: true });
    accessSync(dir, constants.W_OK);
    db = new Database(join(dir, SQLITE_FILE));
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.pragma('busy_timeout = 5000');
    if (options.maxPageCount !== undefined) db.pragma(`max_page_count = ${options.maxPageCount}`);
    db.exec(`CREATE TABLE IF NOT EXISTS updates (
      seq INTEGER PRIMARY KEY AUTOINCREMENT,
      doc TEXT NOT NULL,
      data BLOB NOT NULL
    );
    CREATE INDEX IF NOT EXISTS updates_by_doc ON updates (doc, seq);
    CREATE TABLE IF NOT EXISTS pending (room TEXT PRIMARY KEY) WITHOUT ROWID;
    CREATE TABLE IF NOT EXISTS client_authors (
      doc TEXT NOT NULL,
      client INTEGER NOT NULL,
      member TEXT NOT NULL,
      PRIMARY KEY (doc, client)
    ) WITHOUT ROWID;
    CREATE TABLE IF NOT EXISTS contributions (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      doc TEXT NOT NULL,
      member TEXT NOT NULL,
      at INTEGER NOT NULL,
      clients TEXT NOT NULL,
      inserted INTEGER NOT NULL,
      deleted INTEGER NOT NULL,
      paths TEXT NOT NULL
    );
    CREATE INDEX IF NOT EXISTS contributions_by_doc ON contributions (doc, at, id);
    CREATE TABLE IF NOT EXISTS versions (
      n INTEGER PRIMARY KEY AUTOINCREMENT,
      doc TEXT NOT NULL,
      id TEXT NOT NULL,
      kind TEXT NOT NULL,
      name TEXT NOT NULL,
      author TEXT NOT NULL,
      at INTEGER NOT NULL,
      meeting TEXT,
      state BLOB NOT NULL,
      UNIQUE (doc, id)
    );
    CREATE INDEX IF NOT EXISTS versions_by_doc ON versions (doc, at, n);`);
  } catch (error) {
    throw new StorageOpenError(
      `cannot open the database in data dir ${dir}: ${(error as Error).message}`,
      { cause: error },
    );
  }

  const insert = db.prepare<[string, Buffer]>('INSERT INTO updates (doc, data) VALUES (?, ?)');
  const insertAt = db.prepare<[number, string, Buffer]>(
    'INSERT INTO updates (seq, doc, data) VALUES (?, ?, ?)',
  );
  const select = db.prepare<[string], { seq: number; data: Buffer }>(
    'SELECT seq, data FROM updates WHERE doc = ? ORDER BY seq',
  );
  const selectSince = db.prepare<[string, number], { seq: number; data: Buffer }>(
    'SELECT seq, data FROM updates WHERE doc = ? AND seq > ? ORDER BY seq',
  );
  const remove = db.prepare<[string, number]>('DELETE FROM updates WHERE doc = ? AND seq <= ?');
  // Contribution rows and client bindings (SPEC AUTHOR): their own tables, which compaction never touches.
  const insertContribution = db.prepare<[string, string, number, string, number, number, string]>(
    `INSERT INTO contributions (doc, member, at, clients, inserted, deleted, paths)
     VALUES (?, ?, ?, ?, ?, ?, ?)`,
  );
  const selectContributions = db.prepare<[string, number], ContributionRow>(
    `SELECT doc, member, at, clients, inserted, deleted, paths FROM contributions
     WHERE doc = ? AND at >= ? ORDER BY at, id`,
  );
  const bindOne = db.prepare<[string, number, string]>(
    'INSERT OR IGNORE INTO client_authors (doc, client, member) VALUES (?, ?, ?)',
  );
  const ownerOf = db.prepare<[string, number], { member: string }>(
    'SELECT member FROM client_authors WHERE doc = ? AND client = ?',
  );
  const selectBindings = db.prepare<[string], { client: number; member: string }>(
    'SELECT client, member FROM client_authors WHERE doc = ? ORDER BY client',
  );
  const bind = db.transaction((docName: string, member: string, clientIds: readonly number[]) => {
    const conflicts: ClientBinding[] = [];
    for (const clientId of [...new Set(clientIds)].sort((a, b) => a - b)) {
      bindOne.run(docName, clientId, member);
      const owner = ownerOf.get(docName, clientId)?.member;
      if (owner !== undefined && owner !== member) conflicts.push({ clientId, member: owner });
    }
    return conflicts;
  });
  // Versions (SPEC VERS-1): whole states in their own table, which compaction never touches.
  const insertVersion = db.prepare<
    [string, string, string, string, string, number, string | null, Buffer]
  >(
    `INSERT OR IGNORE INTO versions (doc, id, kind, name, author, at, meeting, state)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const selectVersions = db.prepare<[string], VersionRow>(
    `SELECT id, kind, name, author, at, meeting, length(state) AS bytes FROM versions
     WHERE doc = ? ORDER BY at, n`,
  );
  const selectVersion = db.prepare<[string, string], VersionRow & { state: Buffer }>(
    'SELECT id, kind, name, author, at, meeting, state FROM versions WHERE doc = ? AND id = ?',
  );
  const mark = db.prepare<[string]>('INSERT OR IGNORE INTO pending (room) VALUES (?)');
  const unmark = db.prepare<[string]>('DELETE FROM pending WHERE room = ?');
  const pending = db.prepare<[], { room: string }>('SELECT room FROM pending ORDER BY room');
  // `substr` rather than LIKE: room names may hold `_`, a LIKE wildcard.
  const deletePrefix = db.transaction((prefix: string) => {
    db.prepare('DELETE FROM updates WHERE substr(doc, 1, ?) = ?').run(prefix.length, prefix);
    db.prepare('DELETE FROM pending WHERE substr(room, 1, ?) = ?').run(prefix.length, prefix);
    db.prepare('DELETE FROM client_authors WHERE substr(doc, 1, ?) = ?').run(prefix.length, prefix);
    db.prepare('DELETE FROM contributions WHERE substr(doc, 1, ?) = ?').run(prefix.length, prefix);
    db.prepare('DELETE FROM versions WHERE substr(doc, 1, ?) = ?').run(prefix.length, prefix);
  });

  // Backups (SPEC BACKUP): a space's rooms listed, and restored in one transaction.
  const selectNames = db.prepare<[number, string], { doc: string }>(
    `SELECT DISTINCT doc FROM (SELECT doc FROM updates UNION SELECT doc FROM versions)
     WHERE substr(doc, 1, ?) = ? ORDER BY doc`,
  );
  const restore = db.transaction((prefix: string, documents: readonly RestoredDocument[]) => {
    if (selectNames.all(prefix.length, prefix).length > 0) return false;
    for (const d of documents) {
      insert.run(d.name, toBuffer(d.state));
      for (const b of d.bindings) bindOne.run(d.name, b.clientId, b.member);
      for (const row of d.contributions) {
        insertContribution.run(
          d.name,
          row.member,
          row.at,
          JSON.stringify(row.clientIds),
          row.inserted,
          row.deleted,
          JSON.stringify(row.paths),
        );
      }
      for (const v of d.versions) {
        insertVersion.run(d.name, v.id, v.kind, v.name, v.by, v.at, v.meetingId, toBuffer(v.state));
      }
    }
    return true;
  });

  const compact = db.transaction((docName: string) => {
    const rows = select.all(docName);
    const last = rows.at(-1);
    if (!last || rows.length < 2) return;
    const merged = Y.mergeUpdates(rows.map((row) => toBytes(row.data)));
    remove.run(docName, last.seq);
    // The merged row takes the last merged seq, so it still sorts before later appends.
    insertAt.run(last.seq, docName, toBuffer(merged));
  });

  const committer = createCommitter(join(dir, SQLITE_FILE), options);
  const threadFrom = options.threadFrom ?? 2;
  const loopCommitMaxMs = options.loopCommitMaxMs ?? LOOP_COMMIT_MAX_MS;
  /**
   * A moving average of how long a commit takes (ms, on the loop or the thread):
   * while the disk answers fast, a commit on the loop blocks it less than a round
   * trip to the thread costs in CPU; a lone append commits on the loop anyway, since
   * traffic is sparse (STORE-7).
   */
  let commitMs = 0;
  const observe = (ms: number): void => {
    commitMs += (ms - commitMs) * 0.2;
  };
  const insertAll = db.transaction((batch: readonly QueuedAppend[]) => {
    for (const item of batch) {
      insert.run(item.docName, toBuffer(item.data));
      const row = item.contribution;
      if (row) {
        insertContribution.run(
          item.docName,
          row.member,
          row.at,
          JSON.stringify(row.clientIds),
          row.inserted,
          row.deleted,
          JSON.stringify(row.paths),
        );
      }
    }
  });

  /** A group commit: the appends made between two seals (STORE-3). */
  interface Batch {
    readonly n: number;
    readonly items: QueuedAppend[];
  }
  let nextBatch = 1;
  /** The batch appends join now. */
  let filling: Batch = { n: nextBatch++, items: [] };
  /** Sealed batches, in order, waiting for the one in flight. */
  const sealed: Batch[] = [];
  let inFlight: Batch | null = null;
  /** The number of the last batch committed or refused (batches finish in order). */
  let finished = 0;
  const waiters: { upTo: number; resolve: () => void }[] = [];
  let scheduled: NodeJS.Immediate | null = null;

  const seal = (): void => {
    if (filling.items.length === 0) return;
    sealed.push(filling);
    filling = { n: nextBatch++, items: [] };
  };

  /**
   * Seals what was appended and commits the next batch, unless one is in
   * flight: on the loop while commits are fast or for a lone append, else on
   * the commit thread (STORE-3, STORE-7).
   */
  function commit(): void {
    if (scheduled) clearImmediate(scheduled);
    scheduled = null;
    seal();
    if (inFlight) return;
    const batch = sealed.shift();
    if (!batch) return;
    inFlight = batch;
    if (batch.items.length < threadFrom || commitMs < loopCommitMaxMs) {
      const start = performance.now();
      try {
        insertAll(batch.items);
      } catch (error) {
        finish(batch, { error });
        return;
      }
      observe(performance.now() - start);
      finish(batch, 'loop');
      return;
    }
    committer.commit(batch.items).then(
      (ms) => {
        observe(ms);
        finish(batch, 'thread');
      },
      (error: unknown) => finish(batch, { error }),
    );
  }

  /**
   * All of a batch is stored (committed on the loop or the thread), or none of
   * it (STORE-4); the next one waits for a new turn of the loop.
   */
  function finish(batch: Batch, outcome: 'loop' | 'thread' | { error: unknown }): void {
    inFlight = null;
    finished = batch.n;
    if (typeof outcome === 'string') {
      options.onCommit?.(batch.items.length, outcome);
      for (const item of batch.items) item.resolve();
    } else {
      for (const item of batch.items) item.reject(outcome.error);
    }
    // A call that waited for this batch runs (in a microtask) before the next batch is sent.
    for (let i = waiters.length - 1; i >= 0; i--) {
      const waiter = waiters[i] as (typeof waiters)[number];
      if (waiter.upTo > finished) continue;
      waiters.splice(i, 1);
      waiter.resolve();
    }
    if (sealed.length > 0 || filling.items.length > 0) scheduled ??= setImmediate(commit);
  }

  let closed = false;
  /**
   * Refuses calls after close; resolves once every append made before this
   * call is committed or refused, so the call sees (and follows) them, and
   * appends made after it are committed after it (STORE-5).
   */
  const settle = (): Promise<void> => {
    if (closed) return Promise.reject(new Error('storage is closed'));
    seal();
    const upTo = sealed.at(-1)?.n ?? inFlight?.n ?? finished;
    if (upTo <= finished) return Promise.resolve();
    commit(); // a lone append commits at once, on the loop
    if (upTo <= finished) return Promise.resolve();
    return new Promise<void>((resolve) => waiters.push({ upTo, resolve }));
  };

  return {
    append(docName, update, contribution) {
      if (closed) return Promise.reject(new Error('storage is closed'));
      return new Promise<void>((resolve, reject) => {
        // A copy: the caller may reuse its buffer before the commit (its own memory, moved to the thread).
        const data = new Uint8Array(update);
        filling.items.push({ docName, data, contribution, resolve, reject });
        scheduled ??= setImmediate(commit);
      });
    },
    async load(docName) {
      await settle();
      return select.all(docName).map((row) => toBytes(row.data));
    },
    async loadSince(docName, seq) {
      await settle();
      return selectSince
        .all(docName, seq)
        .map((row) => ({ seq: row.seq, update: toBytes(row.data) }));
    },
    async compact(docName) {
      await settle();
      compact(docName);
    },
    async markPending(room) {
      await settle();
      mark.run(room);
    },
    async clearPending(room) {
      await settle();
      unmark.run(room);
    },
    async listPending() {
      await settle();
      return pending.all().map((row) => row.room);
    },
    async bindClients(docName, member, clientIds) {
      await settle();
      if (clientIds.length === 0) return [];
      return bind.immediate(docName, member, clientIds);
    },
    async listBindings(docName) {
      await settle();
      return selectBindings
        .all(docName)
        .map((row) => ({ clientId: row.client, member: row.member }));
    },
    async listContributions(docName, options = {}) {
      await settle();
      return selectContributions
        .all(docName, options.since ?? Number.MIN_SAFE_INTEGER)
        .map((row) => ({
          doc: row.doc,
          member: row.member,
          at: row.at,
          clientIds: JSON.parse(row.clients) as number[],
          inserted: row.inserted,
          deleted: row.deleted,
          paths: JSON.parse(row.paths) as string[],
        }));
    },
    async addVersion(docName, version) {
      await settle();
      const { id, kind, name, by, at, meetingId, state } = version;
      const result = insertVersion.run(docName, id, kind, name, by, at, meetingId, toBuffer(state));
      return result.changes === 1;
    },
    async listVersions(docName) {
      await settle();
      return selectVersions.all(docName).map((row) => ({ ...versionMeta(row), bytes: row.bytes }));
    },
    async loadVersion(docName, id) {
      await settle();
      const row = selectVersion.get(docName, id);
      return row ? { ...versionMeta(row), state: new Uint8Array(row.state) } : null;
    },
    async deleteDocuments(prefix) {
      await settle();
      deletePrefix.immediate(prefix);
    },
    async listDocuments(prefix) {
      await settle();
      return selectNames.all(prefix.length, prefix).map((row) => row.doc);
    },
    async restoreDocuments(prefix, documents) {
      await settle();
      return restore.immediate(prefix, documents);
    },
    async close() {
      if (closed) return;
      const flushed = settle();
      closed = true;
      await flushed;
      await committer.close();
      db.close();
    },
  };
}

interface ContributionRow {
  readonly doc: string;
  readonly member: string;
  readonly at: number;
  readonly clients: string;
  readonly inserted: number;
  readonly deleted: number;
  readonly paths: string;
}

interface VersionRow {
  readonly id: string;
  readonly kind: string;
  readonly name: string;
  readonly author: string;
  readonly at: number;
  readonly meeting: string | null;
  readonly bytes: number;
}

function versionMeta(row: Omit<VersionRow, 'bytes'>): Omit<StoredVersion, 'state'> {
  return {
    id: row.id,
    kind: row.kind as StoredVersion['kind'],
    name: row.name,
    by: row.author,
    at: row.at,
    meetingId: row.meeting,
  };
}

function toBuffer(bytes: Uint8Array): Buffer {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

function toBytes(buffer: Buffer): Uint8Array {
  return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
}
