// Proposal history benchmark (SPEC VERS-1…5, domain HIST): what versions
// cost in storage and memory, and how long reading one (authors) and a
// diff take. Prints figures, asserts nothing (shared, noisy machines) but
// that the two readings agree: the per-item reading (HIST-7) is timed
// against the per-unit one it replaced (packages/domain/test/perUnitHistory.ts)
// on the same stored states, in the same run.
//
//   node --expose-gc --import tsx apps/server/bench/versions.bench.ts
//   … --smoke (or BENCH_SMOKE=1): a small proposal, a few versions
//
// A proposal is co-written by three clients in many small edits (typing,
// some deletions, new paragraphs); a version is filed every EDITS_PER_VERSION
// edits, up to VERSIONS (the cap is MAX_VERSIONS). Versions live in storage,
// not in the live document, so the live document does not grow with them.
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { proposalBody, proposalTitle } from '@ronde/domain';
import { isDeepStrictEqual } from 'node:util';
import * as Y from 'yjs';
import {
  unitAuthoredVersion,
  unitAuthorShares,
  unitDiff,
  unitTokens,
} from '../../../packages/domain/test/perUnitHistory.ts';
import { openSqliteStorage } from '../src/sqliteStorage.ts';
import { createVersions, MAX_VERSIONS } from '../src/versions.ts';

const SMOKE = process.argv.includes('--smoke') || process.env.BENCH_SMOKE === '1';
const EDITS = Number(process.env.EDITS ?? (SMOKE ? 300 : 20_000));
const VERSIONS = Math.min(MAX_VERSIONS, Number(process.env.VERSIONS ?? (SMOKE ? 5 : 50)));
const ROOM = 'benchsp1/proposal/benchpr1';
const ROUNDS = SMOKE ? 2 : 5;

const kb = (bytes: number): string => `${(bytes / 1024).toFixed(1)} KB`;
/** Median and first of a series of timings, in ms. */
const ms = (times: readonly number[]): string => {
  const sorted = [...times].sort((a, b) => a - b);
  const median = sorted[Math.floor(sorted.length / 2)] ?? 0;
  return `${median.toFixed(1)} ms (first ${(times[0] ?? 0).toFixed(1)})`;
};
const heap = (): number => {
  (globalThis as { gc?: () => void }).gc?.();
  return process.memoryUsage().heapUsed;
};

/** Three writers, one document: the server's copy. */
function coWrite(doc: Y.Doc, edits: number, onEdit: (i: number) => Promise<void>) {
  const writers = [1, 2, 3].map((id) => {
    const w = new Y.Doc();
    w.clientID = id;
    return w;
  });
  const sync = () => {
    for (const w of writers) Y.applyUpdate(doc, Y.encodeStateAsUpdate(w, Y.encodeStateVector(doc)));
    for (const w of writers) Y.applyUpdate(w, Y.encodeStateAsUpdate(doc, Y.encodeStateVector(w)));
  };
  proposalTitle(writers[0]!).insert(0, 'A proposal written by three people');
  return (async () => {
    for (let i = 0; i < edits; i++) {
      const w = writers[i % 3]!;
      const body = proposalBody(w);
      if (body.length === 0 || i % 200 === 0) {
        const p = new Y.XmlElement('paragraph');
        p.insert(0, [new Y.XmlText('')]);
        body.insert(body.length, [p]);
      }
      const text = (body.get(body.length - 1) as Y.XmlElement).get(0) as Y.XmlText;
      if (i % 7 === 6 && text.length > 4) text.delete(text.length - 3, 3);
      else text.insert(text.length, 'word ');
      if (i % 10 === 0) sync();
      await onEdit(i);
    }
    sync();
  })();
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'ronde-versions-bench-'));
  const storage = await openSqliteStorage(dir);
  try {
    await storage.bindClients(ROOM, 'alice001', [1]);
    await storage.bindClients(ROOM, 'bobby001', [2]);
    await storage.bindClients(ROOM, 'chloe001', [3]);
    const versions = createVersions(storage);
    const doc = new Y.Doc();
    const every = Math.max(1, Math.floor(EDITS / VERSIONS));
    const dbSize = (): number =>
      ['ronde.sqlite', 'ronde.sqlite-wal']
        .map((file) => join(dir, file))
        .reduce((sum, file) => sum + (existsSync(file) ? statSync(file).size : 0), 0);
    const dbBefore = dbSize();
    let filed = 0;
    await coWrite(doc, EDITS, async (i) => {
      if ((i + 1) % every === 0 && filed < VERSIONS) {
        const answer = await versions.file(ROOM, doc, {
          id: `named-v${filed}`,
          kind: 'named',
          name: `v${filed}`,
          by: 'alice001',
          meetingId: null,
        });
        if (typeof answer === 'object' && answer !== null) filed++;
      }
    });
    const live = Y.encodeStateAsUpdate(doc).byteLength;
    const listed = await versions.list(ROOM);
    const stored = listed.reduce((sum, v) => sum + v.bytes, 0);
    const last = listed.at(-1)!;
    const first = listed[0]!;

    // Before (HIST-7): the per-unit reading, from the same stored states and bindings.
    const bindings = new Map(
      (await storage.listBindings(ROOM)).map((b) => [b.clientId, b.member] as const),
    );
    const authorOf = (client: number) => bindings.get(client) ?? null;
    const stateOf = async (id: string) => {
      const d = new Y.Doc({ gc: false });
      Y.applyUpdate(d, (await storage.loadVersion(ROOM, id))!.state);
      return d;
    };
    const unitRead = async () => {
      const units = unitTokens(await stateOf(last.id));
      return {
        text: unitAuthoredVersion(units, authorOf),
        shares: unitAuthorShares(units, authorOf),
      };
    };
    const unitDiffRead = async () =>
      unitDiff(unitTokens(await stateOf(first.id)), unitTokens(await stateOf(last.id)), authorOf);
    // Each reading ROUNDS times, before and after interleaved (same warm-up,
    // same machine load); the median is printed, and the first (cold) run.
    const unitViewMs: number[] = [];
    const unitDiffMs: number[] = [];
    const viewMs: number[] = [];
    const diffMs: number[] = [];
    const timed = async <T>(into: number[], read: () => Promise<T>): Promise<T> => {
      const started = performance.now();
      const result = await read();
      into.push(performance.now() - started);
      return result;
    };
    const heapBefore = heap();
    const view = await timed(viewMs, () => versions.view(ROOM, last.id));
    const heapView = heap() - heapBefore;
    const unitView = await timed(unitViewMs, unitRead);
    const diff = await timed(diffMs, () => versions.diff(ROOM, first.id, last.id));
    const unitDiffed = await timed(unitDiffMs, unitDiffRead);
    for (let round = 1; round < ROUNDS; round++) {
      await timed(unitViewMs, unitRead);
      await timed(viewMs, () => versions.view(ROOM, last.id));
      await timed(unitDiffMs, unitDiffRead);
      await timed(diffMs, () => versions.diff(ROOM, first.id, last.id));
    }
    const chars = view?.shares.reduce((sum, s) => sum + s.chars, 0) ?? 0;
    const same =
      isDeepStrictEqual(view?.text, unitView.text) &&
      isDeepStrictEqual(view?.shares, unitView.shares) &&
      isDeepStrictEqual(diff, unitDiffed);

    console.log(`versions bench${SMOKE ? ' (smoke)' : ''}: ${EDITS} edits by 3 writers`);
    console.log(`  live document (one merged update): ${kb(live)}, ${chars} characters visible`);
    console.log(
      `  ${listed.length} versions stored outside it: ${kb(stored)} in all, ` +
        `${kb(stored / Math.max(1, listed.length))} each on average, the last ${kb(last.bytes)}`,
    );
    console.log(
      `  SQLite files (database and WAL) grew by ${kb(dbSize() - dbBefore)} ` +
        `(cap: ${MAX_VERSIONS} versions of at most 1 MiB per proposal)`,
    );
    console.log(
      `  reading the last version with its authors, median of ${ROUNDS}: ` +
        `${ms(viewMs)} per Yjs item, ${ms(unitViewMs)} per unit as before; ` +
        `heap retained after gc ≈ ${kb(Math.max(0, heapView))}`,
    );
    console.log(
      `  diff first → last, median of ${ROUNDS}: ` +
        `${ms(diffMs)} per Yjs item, ${ms(unitDiffMs)} per unit as before ` +
        `(+${diff?.counts.inserted ?? 0} / −${diff?.counts.deleted ?? 0} characters)`,
    );
    console.log(`  both readings give the same view, shares and diff: ${same ? 'yes' : 'NO'}`);
    if (!same) process.exitCode = 1;
  } finally {
    await storage.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
