// Relay benchmark: prints figures, asserts nothing (these machines are shared
// and noisy; compare the ratios within one run, not absolute numbers).
//
//   pnpm --filter @ronde/server bench            # defaults
//   ROOMS=20 CLIENTS=5 UPDATES=200 REPS=3 pnpm --filter @ronde/server bench
//   RATE=10 pnpm --filter @ronde/server bench     # each client edits 10 times a second
//   … --smoke (or BENCH_SMOKE=1): 2 rooms × 2 clients × 5 edits, once (pnpm bench:smoke)
//
// For each store (durable SQLite, and an in-memory store as the baseline) it
// starts a real server on port 0, with auth on as in production: it creates a
// space over HTTP and every client presents the creator's session token, in
// proposal rooms of that space, so each edit passes the write policy too.
// One member stands for every client here, so the per-member and per-address
// connection limits, the message rate limit and the byte quota are raised
// (they are the abuse guards, measured by their own tests, not the relay).
// It connects CLIENTS stock y-websocket clients to each of ROOMS rooms, has
// every client type UPDATES small edits, and measures the time from an edit
// to its arrival at every other client of the room, the relay throughput,
// and the process's heap growth. Stores alternate, REPS times.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { newId, roomName } from '@ronde/domain';
import { defaultConfig } from '../src/config.ts';
import { DEFAULT_LIMITS } from '../src/limits.ts';
import { memoryLogger } from '../src/log.ts';
import { createMemoryStorage } from '../src/memoryStorage.ts';
import { createServer } from '../src/server.ts';
import type { Storage } from '../src/storage.ts';
import { createSpaceOverHttp } from '../test/helpers.ts';

// Every y-websocket provider in Node adds a process 'exit' listener.
process.setMaxListeners(0);

const SMOKE = process.argv.includes('--smoke') || process.env.BENCH_SMOKE === '1';
const ROOMS = Number(process.env.ROOMS ?? (SMOKE ? 2 : 10));
const CLIENTS = Number(process.env.CLIENTS ?? (SMOKE ? 2 : 4));
const UPDATES = Number(process.env.UPDATES ?? (SMOKE ? 5 : 100));
const REPS = Number(process.env.REPS ?? (SMOKE ? 1 : 3));
/** Edits per second per client; 0 (the default) sends round after round as fast as it can. */
const RATE = Number(process.env.RATE ?? 0);

interface Client {
  doc: Y.Doc;
  provider: WebsocketProvider;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}

async function until(predicate: () => boolean, what: string, timeout = 60_000): Promise<void> {
  const deadline = Date.now() + timeout;
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
}

async function run(label: string, storage: Storage | undefined): Promise<Record<string, number>> {
  const dataDir = mkdtempSync(join(tmpdir(), 'ronde-bench-'));
  global.gc?.();
  const heapBefore = process.memoryUsage().heapUsed;
  const connections = ROOMS * CLIENTS + 16;
  const server = await createServer(
    {
      ...defaultConfig(),
      port: 0,
      dataDir,
      webDir: dataDir,
      logLevel: 'error',
      auth: 'required',
      limits: {
        ...DEFAULT_LIMITS,
        maxConnectionsPerIp: connections,
        maxConnectionsPerMember: connections,
        maxMessagesPerSecond: 1_000_000,
        messageBurst: 10_000_000,
        maxBytesPerMemberPerMinute: 1024 ** 3,
      },
    },
    { log: memoryLogger('error'), ...(storage ? { storage } : {}) },
  );
  const space = await createSpaceOverHttp(server.port);
  const rooms: Client[][] = [];
  for (let r = 0; r < ROOMS; r++) {
    const room = roomName({ spaceId: space.spaceId, kind: 'proposal', id: newId() });
    const clients: Client[] = [];
    for (let c = 0; c < CLIENTS; c++) {
      const doc = new Y.Doc();
      const provider = new WebsocketProvider(`ws://127.0.0.1:${server.port}/sync`, room, doc, {
        WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
        disableBc: true,
        params: { token: space.token },
      });
      clients.push({ doc, provider });
    }
    rooms.push(clients);
  }
  await until(() => rooms.every((cs) => cs.every((c) => c.provider.synced)), 'sync');

  // Each edit inserts a marker "<client>:<n>;"; receivers time its arrival.
  const sentAt = new Map<string, number>();
  const latencies: number[] = [];
  let expected = 0;
  let denied = 0;
  for (const clients of rooms) {
    clients.forEach((client) => {
      client.provider.on('connection-close', (event) => {
        if (event && event.code >= 4000) denied++;
      });
      client.doc.getText('driver').observe((event) => {
        if (event.transaction.local) return;
        const now = performance.now();
        for (const op of event.delta) {
          if (typeof op.insert !== 'string') continue;
          for (const marker of op.insert.split(';')) {
            const sent = sentAt.get(marker);
            if (sent !== undefined) latencies.push(now - sent);
          }
        }
      });
    });
  }
  const start = performance.now();
  for (let n = 0; n < UPDATES; n++) {
    for (let r = 0; r < ROOMS; r++) {
      rooms[r]!.forEach((client, c) => {
        const marker = `${r}.${c}:${n}`;
        sentAt.set(marker, performance.now());
        client.doc.getText('driver').insert(0, `${marker};`);
        expected += CLIENTS - 1;
      });
    }
    if (RATE > 0) {
      // Paced: round n starts n/RATE seconds after the first, whatever the drift.
      const due = start + ((n + 1) * 1000) / RATE;
      await new Promise((resolve) => setTimeout(resolve, Math.max(0, due - performance.now())));
    } else {
      // Unpaced: let the event loop breathe between rounds, as fast as the process allows.
      await new Promise((resolve) => setImmediate(resolve));
    }
  }
  await until(() => denied > 0 || latencies.length >= expected, `${expected} deliveries`);
  const elapsed = performance.now() - start;
  if (denied > 0)
    throw new Error(`${denied} edits refused: the bench no longer matches the write policy`);
  global.gc?.();
  const heapLoaded = process.memoryUsage().heapUsed;

  for (const clients of rooms) for (const c of clients) c.provider.destroy();
  await server.close();
  rmSync(dataDir, { recursive: true, force: true });

  latencies.sort((a, b) => a - b);
  const updates = ROOMS * CLIENTS * UPDATES;
  const figures = {
    updates,
    'updates/s': Math.round(updates / (elapsed / 1000)),
    'p50 ms': Number(percentile(latencies, 50).toFixed(2)),
    'p99 ms': Number(percentile(latencies, 99).toFixed(2)),
    // Clients run in this process too: this is an upper bound for the server.
    'heap MiB (process)': Number(((heapLoaded - heapBefore) / 2 ** 20).toFixed(1)),
  };
  console.log(`${label.padEnd(8)} ${JSON.stringify(figures)}`);
  return figures;
}

const median = (values: number[]): number =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? NaN;

console.log(
  `relay: ${ROOMS} rooms × ${CLIENTS} clients × ${UPDATES} edits each` +
    `${RATE > 0 ? ` at ${RATE}/s` : ', unpaced'}, auth on, ` +
    `${REPS} interleaved repetitions (node ${process.version})${SMOKE ? ' [smoke]' : ''}`,
);
const memory: Record<string, number>[] = [];
const sqlite: Record<string, number>[] = [];
for (let rep = 0; rep < REPS; rep++) {
  memory.push(await run('memory', createMemoryStorage()));
  sqlite.push(await run('sqlite', undefined));
}
const ratio = (key: string): string =>
  (median(sqlite.map((f) => f[key] ?? NaN)) / median(memory.map((f) => f[key] ?? NaN))).toFixed(2);
console.log(
  `sqlite/memory (medians): throughput ×${ratio('updates/s')}, p50 ×${ratio('p50 ms')}, p99 ×${ratio('p99 ms')}`,
);
// Closing handshakes of the destroyed providers may leave ws's 30 s close
// timers armed; the figures are printed, so do not wait for them.
process.exit(0);
