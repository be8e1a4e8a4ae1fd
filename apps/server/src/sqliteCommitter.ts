import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import type { ContributionInput } from './storage.ts';

/** One append of a batch: a document's update and, for a member's, its contribution row. */
export interface CommitItem {
  readonly docName: string;
  readonly data: Uint8Array;
  readonly contribution: ContributionInput | undefined;
}

/**
 * Commits batches of appends on a thread of its own (SPEC STORE-7), with its
 * own connection to the database file, so that the commit's fsync never
 * blocks the event loop: while it waits for the disk, the main thread goes
 * on reading, judging and relaying.
 */
export interface Committer {
  /**
   * Inserts every item in one transaction and resolves, with the time the
   * transaction took on the thread (ms), once it is committed
   * (`synchronous = FULL`: durable); rejects, storing none, if it fails. One
   * batch at a time.
   */
  commit(items: readonly CommitItem[]): Promise<number>;
  /** Stops the thread (after the batch in flight, which the caller awaits first). */
  close(): Promise<void>;
}

/**
 * The commit thread (CommonJS, evaluated): opens the file the caller already
 * created its tables in, and commits each batch it is sent. A row is
 * `[doc, data, member|null, at, clients, inserted, deleted, paths]`.
 */
const THREAD_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
let insertAll = null;
let openError = null;
try {
  const Database = require(workerData.driver);
  const db = new Database(workerData.file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('busy_timeout = 5000');
  if (workerData.maxPageCount !== undefined) {
    db.pragma('max_page_count = ' + Number(workerData.maxPageCount));
  }
  const insert = db.prepare('INSERT INTO updates (doc, data) VALUES (?, ?)');
  const contribute = db.prepare(
    'INSERT INTO contributions (doc, member, at, clients, inserted, deleted, paths) VALUES (?, ?, ?, ?, ?, ?, ?)',
  );
  insertAll = db.transaction((rows) => {
    for (const r of rows) {
      insert.run(r[0], Buffer.from(r[1].buffer, r[1].byteOffset, r[1].byteLength));
      if (r[2] !== null) contribute.run(r[0], r[2], r[3], r[4], r[5], r[6], r[7]);
    }
  });
} catch (error) {
  openError = error;
}
parentPort.on('message', (rows) => {
  try {
    if (openError) throw openError;
    const start = performance.now();
    insertAll(rows);
    parentPort.postMessage(performance.now() - start);
  } catch (error) {
    parentPort.postMessage({ message: String((error && error.message) || error), code: error && error.code });
  }
});
`;

type Row = [string, Uint8Array, string | null, number, string, number, number, string];

/**
 * @example
 * const committer = createCommitter('/data/ronde.sqlite', {});
 * const ms = await committer.commit([{ docName, data, contribution: undefined }]);
 */
export function createCommitter(file: string, options: { maxPageCount?: number }): Committer {
  const driver = createRequire(import.meta.url).resolve('better-sqlite3');
  let thread: Worker | null = null;
  let pending: { resolve: (ms: number) => void; reject: (error: unknown) => void } | null = null;

  /** The batch in flight took `outcome` ms, or failed with it. */
  const settle = (outcome: number | Error): void => {
    const waiting = pending;
    pending = null;
    thread?.unref(); // an idle commit thread keeps no process alive
    if (!waiting) return;
    if (typeof outcome === 'number') waiting.resolve(outcome);
    else waiting.reject(outcome);
  };

  const start = (): Worker => {
    const started = new Worker(THREAD_SOURCE, {
      eval: true,
      workerData: { driver, file, maxPageCount: options.maxPageCount },
    });
    started.on('message', (answer: { message: string; code?: unknown } | number) => {
      settle(
        typeof answer === 'number'
          ? answer
          : Object.assign(new Error(answer.message), answer.code ? { code: answer.code } : {}),
      );
    });
    // A thread that died takes its batch with it (rejected); the next batch starts a new one.
    started.on('error', (error) => {
      if (thread === started) thread = null;
      settle(error);
    });
    started.on('exit', (code) => {
      if (thread === started) thread = null;
      settle(new Error(`the commit thread exited (code ${code})`));
    });
    return started;
  };

  return {
    commit(items) {
      if (pending) return Promise.reject(new Error('a commit is already in flight'));
      const active = (thread ??= start());
      const rows: Row[] = [];
      const transfer: ArrayBuffer[] = [];
      for (const item of items) {
        // Moved to the thread when the item owns its memory; else an own copy is (a view of a
        // pooled buffer would clone the whole pool).
        const owns =
          item.data.byteOffset === 0 && item.data.byteLength === item.data.buffer.byteLength;
        const data = owns ? item.data : new Uint8Array(item.data);
        transfer.push(data.buffer as ArrayBuffer);
        const row = item.contribution;
        rows.push(
          row
            ? [
                item.docName,
                data,
                row.member,
                row.at,
                JSON.stringify(row.clientIds),
                row.inserted,
                row.deleted,
                JSON.stringify(row.paths),
              ]
            : [item.docName, data, null, 0, '', 0, 0, ''],
        );
      }
      return new Promise<number>((resolve, reject) => {
        pending = { resolve, reject };
        active.ref(); // a batch in flight keeps the process alive until it is answered
        active.postMessage(rows, transfer);
      });
    },
    async close() {
      const stopping = thread;
      thread = null;
      if (stopping) await stopping.terminate();
    },
  };
}
