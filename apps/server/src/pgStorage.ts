import type pg from 'pg';
import * as Y from 'yjs';
import { migrate, openPgPool, transaction } from './pgPool.ts';
import type {
  ClientBinding,
  ContributionInput,
  LogEntry,
  RestoredDocument,
  Storage,
  StoredVersion,
} from './storage.ts';

const MIGRATIONS = [
  {
    name: 'documents-001',
    // doc_heads holds each document's last sequence number: an append bumps it
    // and inserts its row in one statement, so numbers are dense per document
    // and commit in order (the row lock serialises appends to one document).
    sql: `CREATE TABLE doc_heads (
      doc TEXT PRIMARY KEY,
      seq BIGINT NOT NULL
    );
    CREATE TABLE doc_updates (
      doc TEXT NOT NULL,
      seq BIGINT NOT NULL,
      data BYTEA NOT NULL,
      PRIMARY KEY (doc, seq)
    );
    CREATE TABLE pending_consequences (room TEXT PRIMARY KEY);`,
  },
  {
    name: 'documents-002-authorship',
    // SPEC AUTHOR: who each Yjs client id belongs to, and one row per member's
    // stored update; compaction touches neither.
    sql: `CREATE TABLE client_authors (
      doc TEXT NOT NULL,
      client BIGINT NOT NULL,
      member TEXT NOT NULL,
      PRIMARY KEY (doc, client)
    );
    CREATE TABLE doc_contributions (
      id BIGSERIAL PRIMARY KEY,
      doc TEXT NOT NULL,
      member TEXT NOT NULL,
      at BIGINT NOT NULL,
      clients BIGINT[] NOT NULL,
      inserted INTEGER NOT NULL,
      deleted INTEGER NOT NULL,
      paths TEXT[] NOT NULL
    );
    CREATE INDEX doc_contributions_by_doc ON doc_contributions (doc, at, id);`,
  },
  {
    name: 'documents-003-versions',
    // SPEC VERS-1: each version's whole state, outside the update log.
    sql: `CREATE TABLE doc_versions (
      n BIGSERIAL PRIMARY KEY,
      doc TEXT NOT NULL,
      id TEXT NOT NULL,
      kind TEXT NOT NULL,
      name TEXT NOT NULL,
      author TEXT NOT NULL,
      at BIGINT NOT NULL,
      meeting TEXT,
      state BYTEA NOT NULL,
      UNIQUE (doc, id)
    );
    CREATE INDEX doc_versions_by_doc ON doc_versions (doc, at, n);`,
  },
] as const;

const APPEND = `WITH head AS (
    INSERT INTO doc_heads (doc, seq) VALUES ($1, 1)
    ON CONFLICT (doc) DO UPDATE SET seq = doc_heads.seq + 1
    RETURNING seq
  )
  INSERT INTO doc_updates (doc, seq, data) SELECT $1, seq, $2 FROM head RETURNING seq`;

/** The append and its contribution row in one statement: both or neither (AUTHOR-3). */
const APPEND_WITH_CONTRIBUTION = `WITH head AS (
    INSERT INTO doc_heads (doc, seq) VALUES ($1, 1)
    ON CONFLICT (doc) DO UPDATE SET seq = doc_heads.seq + 1
    RETURNING seq
  ), contribution AS (
    INSERT INTO doc_contributions (doc, member, at, clients, inserted, deleted, paths)
    VALUES ($1, $3, $4, $5::bigint[], $6, $7, $8::text[])
  )
  INSERT INTO doc_updates (doc, seq, data) SELECT $1, seq, $2 FROM head RETURNING seq`;

/** The PostgreSQL store, with what the relay between instances needs beyond `Storage`. */
export interface PgStorage extends Storage {
  /** `append`, resolving with the update's sequence number in its document's log (PG-2). */
  appendSeq(docName: string, update: Uint8Array, contribution?: ContributionInput): Promise<number>;
  /** The last sequence number of each named document that has one (one query for all). */
  heads(docNames: readonly string[]): Promise<Map<string, number>>;
  /** Answers a trivial query: the `/healthz` readiness check. */
  ping(): Promise<void>;
  /** The pool, for the advisory locks of `pgLock.ts`. */
  readonly pool: pg.Pool;
}

/**
 * The store for deployments that outgrow one process (DESIGN 7, SPEC PG):
 * documents as append-only logs in `doc_updates`, numbered per document;
 * compaction replaces the rows up to the last one by one merged row in one
 * transaction, under an advisory lock per document, so two instances
 * compacting at once merge once; the pending set of CONS-5. Durable when a
 * promise resolves (PostgreSQL's default `synchronous_commit`).
 *
 * @example
 * const storage = await openPgStorage('postgres://postgres@127.0.0.1:5432/ronde');
 */
export async function openPgStorage(url: string): Promise<PgStorage> {
  const pool = await openPgPool(url, 'documents', 8);
  try {
    await migrate(pool, MIGRATIONS);
  } catch (error) {
    await pool.end().catch(() => undefined);
    throw error;
  }
  let closed = false;
  const open = (): void => {
    if (closed) throw new Error('storage is closed');
  };

  // Appends to one document run one after the other, in call order (the pool
  // would otherwise let a later one overtake); documents are written in parallel.
  const tails = new Map<string, Promise<unknown>>();
  function appendSeq(
    docName: string,
    update: Uint8Array,
    contribution?: ContributionInput,
  ): Promise<number> {
    if (closed) return Promise.reject(new Error('storage is closed'));
    const copy = update.slice(); // the caller may reuse its buffer before the query runs
    const previous = tails.get(docName) ?? Promise.resolve();
    const next = previous.then(
      () => insert(docName, copy, contribution),
      () => insert(docName, copy, contribution),
    );
    tails.set(docName, next);
    const forget = (): void => {
      if (tails.get(docName) === next) tails.delete(docName);
    };
    next.then(forget, forget);
    return next;
  }

  async function insert(
    docName: string,
    update: Uint8Array,
    contribution: ContributionInput | undefined,
  ): Promise<number> {
    const result = contribution
      ? await pool.query<{ seq: number }>(APPEND_WITH_CONTRIBUTION, [
          docName,
          toBuffer(update),
          contribution.member,
          contribution.at,
          contribution.clientIds,
          contribution.inserted,
          contribution.deleted,
          contribution.paths,
        ])
      : await pool.query<{ seq: number }>(APPEND, [docName, toBuffer(update)]);
    return result.rows[0]?.seq ?? 0;
  }

  async function loadSince(docName: string, seq: number): Promise<LogEntry[]> {
    open();
    const result = await pool.query<{ seq: number; data: Buffer }>(
      'SELECT seq, data FROM doc_updates WHERE doc = $1 AND seq > $2 ORDER BY seq',
      [docName, seq],
    );
    return result.rows.map((row) => ({ seq: row.seq, update: toBytes(row.data) }));
  }

  return {
    pool,
    appendSeq,
    async append(docName, update, contribution) {
      await appendSeq(docName, update, contribution);
    },
    async bindClients(docName, member, clientIds) {
      open();
      if (clientIds.length === 0) return [];
      // ON CONFLICT DO UPDATE (a no-op) returns the row that won, even one committed by
      // another instance after this statement's snapshot; ascending ids: no deadlock.
      const { rows } = await pool.query<{ client: number; member: string }>(
        `INSERT INTO client_authors (doc, client, member)
         SELECT $1, c, $2 FROM unnest($3::bigint[]) AS c ORDER BY c
         ON CONFLICT (doc, client) DO UPDATE SET member = client_authors.member
         RETURNING client, member`,
        [docName, member, [...new Set(clientIds)].sort((a, b) => a - b)],
      );
      return rows
        .filter((row) => row.member !== member)
        .map((row): ClientBinding => ({ clientId: row.client, member: row.member }))
        .sort((a, b) => a.clientId - b.clientId);
    },
    async listBindings(docName) {
      open();
      const { rows } = await pool.query<{ client: number; member: string }>(
        'SELECT client, member FROM client_authors WHERE doc = $1 ORDER BY client',
        [docName],
      );
      return rows.map((row) => ({ clientId: row.client, member: row.member }));
    },
    async listContributions(docName, options = {}) {
      open();
      const { rows } = await pool.query<{
        doc: string;
        member: string;
        at: number;
        clients: string[];
        inserted: number;
        deleted: number;
        paths: string[];
      }>(
        `SELECT doc, member, at, clients, inserted, deleted, paths FROM doc_contributions
         WHERE doc = $1 AND at >= $2 ORDER BY at, id`,
        [docName, options.since ?? Number.MIN_SAFE_INTEGER],
      );
      return rows.map((row) => ({
        doc: row.doc,
        member: row.member,
        at: row.at,
        clientIds: row.clients.map(Number),
        inserted: row.inserted,
        deleted: row.deleted,
        paths: row.paths,
      }));
    },
    async load(docName) {
      return (await loadSince(docName, 0)).map((entry) => entry.update);
    },
    loadSince,
    async compact(docName) {
      open();
      await transaction(pool, async (client) => {
        // Two instances compacting one document: the second waits, then finds one row.
        await client.query(
          "SELECT pg_advisory_xact_lock(hashtextextended('ronde.compact:' || $1, 0))",
          [docName],
        );
        const { rows } = await client.query<{ seq: number; data: Buffer }>(
          'SELECT seq, data FROM doc_updates WHERE doc = $1 ORDER BY seq',
          [docName],
        );
        const last = rows.at(-1);
        if (!last || rows.length < 2) return;
        const merged = Y.mergeUpdates(rows.map((row) => toBytes(row.data)));
        // Rows appended meanwhile are above `last` and untouched; the merged row keeps `last`.
        await client.query('DELETE FROM doc_updates WHERE doc = $1 AND seq < $2', [
          docName,
          last.seq,
        ]);
        await client.query('UPDATE doc_updates SET data = $3 WHERE doc = $1 AND seq = $2', [
          docName,
          last.seq,
          toBuffer(merged),
        ]);
      });
    },
    async heads(docNames) {
      open();
      if (docNames.length === 0) return new Map();
      const { rows } = await pool.query<{ doc: string; seq: number }>(
        'SELECT doc, seq FROM doc_heads WHERE doc = ANY($1::text[])',
        [docNames],
      );
      return new Map(rows.map((row) => [row.doc, row.seq]));
    },
    async ping() {
      open();
      await pool.query('SELECT 1');
    },
    async markPending(room) {
      open();
      await pool.query(
        'INSERT INTO pending_consequences (room) VALUES ($1) ON CONFLICT DO NOTHING',
        [room],
      );
    },
    async clearPending(room) {
      open();
      await pool.query('DELETE FROM pending_consequences WHERE room = $1', [room]);
    },
    async listPending() {
      open();
      const { rows } = await pool.query<{ room: string }>(
        'SELECT room FROM pending_consequences ORDER BY room COLLATE "C"',
      );
      return rows.map((row) => row.room);
    },
    async addVersion(docName, version) {
      open();
      const { id, kind, name, by, at, meetingId, state } = version;
      const { rowCount } = await pool.query(
        `INSERT INTO doc_versions (doc, id, kind, name, author, at, meeting, state)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (doc, id) DO NOTHING`,
        [docName, id, kind, name, by, at, meetingId, toBuffer(state)],
      );
      return rowCount === 1;
    },
    async listVersions(docName) {
      open();
      const { rows } = await pool.query<PgVersionRow & { bytes: number }>(
        `SELECT id, kind, name, author, at, meeting, octet_length(state) AS bytes
         FROM doc_versions WHERE doc = $1 ORDER BY at, n`,
        [docName],
      );
      return rows.map((row) => ({ ...pgVersionMeta(row), bytes: Number(row.bytes) }));
    },
    async loadVersion(docName, id) {
      open();
      const { rows } = await pool.query<PgVersionRow & { state: Buffer }>(
        `SELECT id, kind, name, author, at, meeting, state FROM doc_versions
         WHERE doc = $1 AND id = $2`,
        [docName, id],
      );
      const row = rows[0];
      return row ? { ...pgVersionMeta(row), state: new Uint8Array(row.state) } : null;
    },
    async listDocuments(prefix) {
      open();
      const { rows } = await pool.query<{ doc: string }>(
        `SELECT doc FROM (SELECT doc FROM doc_updates WHERE starts_with(doc, $1)
         UNION SELECT doc FROM doc_versions WHERE starts_with(doc, $1)) AS docs
         ORDER BY doc COLLATE "C"`,
        [prefix],
      );
      return rows.map((row) => row.doc);
    },
    async restoreDocuments(prefix, documents: readonly RestoredDocument[]) {
      open();
      return transaction(pool, async (client) => {
        // One import at a time per prefix: a second waits, then finds the first's rows.
        await client.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`restore:${prefix}`]);
        const { rows } = await client.query(
          `SELECT 1 FROM doc_updates WHERE starts_with(doc, $1)
           UNION ALL SELECT 1 FROM doc_versions WHERE starts_with(doc, $1) LIMIT 1`,
          [prefix],
        );
        if (rows.length > 0) return false;
        for (const d of documents) {
          await client.query(APPEND, [d.name, toBuffer(d.state)]);
          if (d.bindings.length > 0) {
            await client.query(
              `INSERT INTO client_authors (doc, client, member)
               SELECT $1, c, m FROM unnest($2::bigint[], $3::text[]) AS t(c, m)
               ON CONFLICT DO NOTHING`,
              [d.name, d.bindings.map((b) => b.clientId), d.bindings.map((b) => b.member)],
            );
          }
          for (const row of d.contributions) {
            await client.query(
              `INSERT INTO doc_contributions (doc, member, at, clients, inserted, deleted, paths)
               VALUES ($1, $2, $3, $4::bigint[], $5, $6, $7::text[])`,
              [d.name, row.member, row.at, row.clientIds, row.inserted, row.deleted, row.paths],
            );
          }
          for (const v of d.versions) {
            await client.query(
              `INSERT INTO doc_versions (doc, id, kind, name, author, at, meeting, state)
               VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
              [d.name, v.id, v.kind, v.name, v.by, v.at, v.meetingId, toBuffer(v.state)],
            );
          }
        }
        return true;
      });
    },
    async deleteDocuments(prefix) {
      open();
      // After the appends made before it (PRACTICE-8): wait for their documents' queues.
      const before = [...tails].filter(([doc]) => doc.startsWith(prefix)).map(([, tail]) => tail);
      await Promise.allSettled(before);
      await transaction(pool, async (client) => {
        // doc_heads stays: a document written again keeps numbering upwards (CLUSTER-3).
        await client.query('DELETE FROM doc_updates WHERE starts_with(doc, $1)', [prefix]);
        await client.query('DELETE FROM pending_consequences WHERE starts_with(room, $1)', [
          prefix,
        ]);
        await client.query('DELETE FROM client_authors WHERE starts_with(doc, $1)', [prefix]);
        await client.query('DELETE FROM doc_contributions WHERE starts_with(doc, $1)', [prefix]);
        await client.query('DELETE FROM doc_versions WHERE starts_with(doc, $1)', [prefix]);
      });
    },
    async close() {
      if (closed) return;
      closed = true;
      await pool.end();
    },
  };
}

interface PgVersionRow {
  readonly id: string;
  readonly kind: string;
  readonly name: string;
  readonly author: string;
  readonly at: number | string;
  readonly meeting: string | null;
}

function pgVersionMeta(row: PgVersionRow): Omit<StoredVersion, 'state'> {
  return {
    id: row.id,
    kind: row.kind as StoredVersion['kind'],
    name: row.name,
    by: row.author,
    at: Number(row.at),
    meetingId: row.meeting,
  };
}

function toBuffer(bytes: Uint8Array): Buffer {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

function toBytes(buffer: Buffer): Uint8Array {
  return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
}
