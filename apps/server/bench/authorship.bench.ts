// Authorship benchmark (SPEC WRITE-16, AUTHOR-1…3): what server-attested
// authorship adds to the store path of one update, side by side with the
// path without it. Prints figures, asserts nothing (shared, noisy machines).
//
//   node --import tsx apps/server/bench/authorship.bench.ts
//   … --smoke (or BENCH_SMOKE=1): a few iterations, one repetition
//
// 1. The guard of a keystroke: the write policy alone (as before) against
//    the whole write guard (policy, the client ids of its new structs, a
//    cached binding, the contribution row).
// 2. SQLite appends of a keystroke, 1 and 100 documents written at once:
//    without and with a contribution row (one more INSERT in the same group
//    commit).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as Y from 'yjs';
import { createAuthorship } from '../src/authorship.ts';
import { createMemoryStorage } from '../src/memoryStorage.ts';
import { parseUpdate } from '../src/parseUpdate.ts';
import { openSqliteStorage } from '../src/sqliteStorage.ts';
import type { ContributionInput } from '../src/storage.ts';
import { policyGuard, writeGuard } from '../src/writeGuard.ts';

const SMOKE = process.argv.includes('--smoke') || process.env.BENCH_SMOKE === '1';
const ITERATIONS = Number(process.env.ITERATIONS ?? (SMOKE ? 200 : 20_000));
const APPENDS = Number(process.env.APPENDS ?? (SMOKE ? 200 : 3000));
const REPS = Number(process.env.REPS ?? (SMOKE ? 1 : 5));
const WRITER = { userId: 'alice001', role: 'member' } as const;

const median = (values: number[]): number =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? NaN;

/** A proposal title typed into: the server's copy and the next keystroke. */
function keystroke(): { server: Y.Doc; update: Uint8Array; clientId: number } {
  const client = new Y.Doc();
  const title = client.getText('title');
  for (let i = 0; i < 200; i++) title.insert(title.length, 'some earlier text ');
  const server = new Y.Doc();
  Y.applyUpdate(server, Y.encodeStateAsUpdate(client));
  const before = Y.encodeStateVector(client);
  title.insert(Math.floor(title.length / 2), 'x');
  return { server, update: Y.encodeStateAsUpdate(client, before), clientId: client.clientID };
}

async function guards(): Promise<void> {
  const { server, update, clientId } = keystroke();
  const storage = createMemoryStorage();
  await storage.bindClients('bench/proposal/p1', WRITER.userId, [clientId]); // its session's first write
  const authors = createAuthorship('bench/proposal/p1', storage);
  await authors.claim(server, WRITER.userId, [clientId]); // read into the cache once
  const policy = policyGuard('proposal', WRITER);
  const full = writeGuard('proposal', WRITER, Date.now);
  const before: number[] = [];
  const after: number[] = [];
  // Warm both up first, so neither pays the JIT in the first repetition.
  for (let i = 0; i < ITERATIONS; i++) await full(server, update, parseUpdate(update), authors);
  for (let rep = 0; rep < REPS; rep++) {
    let started = performance.now();
    for (let i = 0; i < ITERATIONS; i++) policy(server, update, parseUpdate(update));
    before.push(((performance.now() - started) * 1000) / ITERATIONS);
    started = performance.now();
    for (let i = 0; i < ITERATIONS; i++) await full(server, update, parseUpdate(update), authors);
    after.push(((performance.now() - started) * 1000) / ITERATIONS);
  }
  const [a, b] = [median(before), median(after)];
  console.log(
    `guard of a keystroke (parse included): policy ${a.toFixed(2)} µs, with authorship and row ${b.toFixed(2)} µs (${b >= a ? '+' : '−'}${Math.abs(b - a).toFixed(2)} µs)`,
  );
}

async function appends(docs: number, withRow: boolean): Promise<number> {
  const dir = mkdtempSync(join(tmpdir(), 'ronde-authorship-bench-'));
  const storage = await openSqliteStorage(dir);
  const { update } = keystroke();
  const row: ContributionInput = {
    member: WRITER.userId,
    at: Date.now(),
    clientIds: [123456789],
    inserted: 1,
    deleted: 0,
    paths: ['title'],
  };
  const perDoc = Math.max(1, Math.floor(APPENDS / docs));
  try {
    const started = performance.now();
    await Promise.all(
      Array.from({ length: docs }, async (_, d) => {
        for (let i = 0; i < perDoc; i++) {
          await storage.append(`bench/doc/${d}`, update, withRow ? row : undefined);
        }
      }),
    );
    return ((performance.now() - started) * 1000) / (perDoc * docs);
  } finally {
    await storage.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

console.log(
  `authorship: ${ITERATIONS} guards, ${APPENDS} appends per run, ${REPS} interleaved repetitions (node ${process.version})` +
    (SMOKE ? ' [smoke]' : ''),
);
await guards();
for (const docs of [1, 100]) {
  const without: number[] = [];
  const withRow: number[] = [];
  for (let rep = 0; rep < REPS; rep++) {
    without.push(await appends(docs, false));
    withRow.push(await appends(docs, true));
  }
  const [a, b] = [median(without), median(withRow)];
  console.log(
    `SQLite append, ${String(docs).padStart(3)} docs at once: ${a.toFixed(1)} µs, with a contribution row ${b.toFixed(1)} µs (×${(b / a).toFixed(2)})`,
  );
}
