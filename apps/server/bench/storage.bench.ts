// Storage append benchmark: group commit (sqliteStorage.ts, SPEC STORE-3)
// against one commit per append (the store before it), side by side.
// Prints figures, asserts nothing (shared, noisy machines: read the ratios).
//
//   pnpm --filter @ronde/server bench:storage
//   APPENDS=5000 REPS=5 pnpm --filter @ronde/server bench:storage
//   … --smoke (or BENCH_SMOKE=1): a few appends, one repetition
//
// D documents are written at once, each by one writer that waits for its
// append before the next (as the registry's per-document queue does), until
// APPENDS appends in all. Both stores run in the same data dir kind (the
// OS temp dir, a real disk here), WAL and `synchronous = FULL`, interleaved
// repetition by repetition.
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openSqliteStorage } from '../src/sqliteStorage.ts';
import type { Storage } from '../src/storage.ts';

const SMOKE = process.argv.includes('--smoke') || process.env.BENCH_SMOKE === '1';
const APPENDS = Number(process.env.APPENDS ?? (SMOKE ? 200 : 3000));
const REPS = Number(process.env.REPS ?? (SMOKE ? 1 : 3));
const DOCS = [1, 10, 100];

type Append = (docName: string, update: Uint8Array) => Promise<void>;

/** The store as it was: one INSERT, so one commit and one fsync, per append. */
function openPerAppendStore(dataDir: string): { append: Append; close: () => void } {
  const db = new Database(join(dataDir, 'per-append.sqlite'));
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.exec(`CREATE TABLE updates (
    seq INTEGER PRIMARY KEY AUTOINCREMENT, doc TEXT NOT NULL, data BLOB NOT NULL);
    CREATE INDEX updates_by_doc ON updates (doc, seq);`);
  const insert = db.prepare<[string, Buffer]>('INSERT INTO updates (doc, data) VALUES (?, ?)');
  return {
    append: async (docName, update) => {
      insert.run(docName, Buffer.from(update));
    },
    close: () => db.close(),
  };
}

async function drive(append: Append, docs: number): Promise<number> {
  const update = new Uint8Array(40).map((_, i) => (i * 37) & 0xff);
  const perDoc = Math.max(1, Math.floor(APPENDS / docs));
  const started = performance.now();
  await Promise.all(
    Array.from({ length: docs }, async (_, d) => {
      for (let i = 0; i < perDoc; i++) await append(`bench/doc/${d}`, update);
    }),
  );
  return (performance.now() - started) / (perDoc * docs);
}

async function measure(kind: 'per-append' | 'group', docs: number): Promise<number> {
  const dataDir = mkdtempSync(join(tmpdir(), 'ronde-storage-bench-'));
  try {
    if (kind === 'per-append') {
      const store = openPerAppendStore(dataDir);
      try {
        return await drive(store.append, docs);
      } finally {
        store.close();
      }
    }
    const store: Storage = await openSqliteStorage(dataDir);
    try {
      return await drive((doc, update) => store.append(doc, update), docs);
    } finally {
      await store.close();
    }
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}

const median = (values: number[]): number =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? NaN;

console.log(
  `storage appends: ${APPENDS} appends per run, ${REPS} interleaved repetitions, ` +
    `data in ${tmpdir()} (node ${process.version})${SMOKE ? ' [smoke]' : ''}`,
);
const results = new Map<string, number[]>();
for (let rep = 0; rep < REPS; rep++) {
  for (const docs of DOCS) {
    // Alternate which store goes first, so drift in the machine hits both.
    const order =
      rep % 2 === 0 ? (['per-append', 'group'] as const) : (['group', 'per-append'] as const);
    for (const kind of order) {
      const key = `${kind}/${docs}`;
      results.set(key, [...(results.get(key) ?? []), await measure(kind, docs)]);
    }
  }
}
console.log('docs  per-append µs  appends/s   group µs  appends/s   speed-up');
for (const docs of DOCS) {
  const old = median(results.get(`per-append/${docs}`) ?? []) * 1000;
  const now = median(results.get(`group/${docs}`) ?? []) * 1000;
  console.log(
    `${String(docs).padStart(4)}  ${old.toFixed(1).padStart(13)}  ${Math.round(1e6 / old)
      .toString()
      .padStart(9)}  ${now.toFixed(1).padStart(9)}  ${Math.round(1e6 / now)
      .toString()
      .padStart(9)}   ×${(old / now).toFixed(2)}`,
  );
}
