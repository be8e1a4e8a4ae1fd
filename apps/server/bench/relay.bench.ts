// Relay benchmark: prints figures, asserts nothing (these machines are shared
// and noisy; compare the ratios within one run, not absolute numbers).
//
//   pnpm --filter @ronde/server bench            # defaults
//   ROOMS=20 CLIENTS=5 UPDATES=200 pnpm --filter @ronde/server bench
//
// For each store (durable SQLite, and an in-memory store as the baseline) it
// starts a real server on port 0, connects CLIENTS stock y-websocket clients
// to each of ROOMS rooms, has every client type UPDATES small edits, and
// measures the time from an edit to its arrival at every other client of the
// room, the relay throughput, and the server's memory per loaded document.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { defaultConfig } from '../src/config.ts';
import { memoryLogger } from '../src/log.ts';
import { createMemoryStorage } from '../src/memoryStorage.ts';
import { createServer } from '../src/server.ts';
import type { Storage } from '../src/storage.ts';

// Every y-websocket provider in Node adds a process 'exit' listener.
process.setMaxListeners(0);

const ROOMS = Number(process.env.ROOMS ?? 10);
const CLIENTS = Number(process.env.CLIENTS ?? 4);
const UPDATES = Number(process.env.UPDATES ?? 100);

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
  const server = await createServer(
    { ...defaultConfig(), port: 0, dataDir, webDir: dataDir, logLevel: 'error' },
    { log: memoryLogger('error'), ...(storage ? { storage } : {}) },
  );
  const rooms: Client[][] = [];
  for (let r = 0; r < ROOMS; r++) {
    const room = `benchSp${r}/proposal/benchPr${r}`;
    const clients: Client[] = [];
    for (let c = 0; c < CLIENTS; c++) {
      const doc = new Y.Doc();
      const provider = new WebsocketProvider(`ws://127.0.0.1:${server.port}/sync`, room, doc, {
        WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
        disableBc: true,
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
  for (const clients of rooms) {
    clients.forEach((client) => {
      client.doc.getText('t').observe((event) => {
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
        client.doc.getText('t').insert(0, `${marker};`);
        expected += CLIENTS - 1;
      });
    }
    // Let the event loop breathe, as typing people would.
    await new Promise((resolve) => setImmediate(resolve));
  }
  await until(() => latencies.length >= expected, `${expected} deliveries`);
  const elapsed = performance.now() - start;
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

console.log(
  `relay: ${ROOMS} rooms × ${CLIENTS} clients × ${UPDATES} edits each (node ${process.version})`,
);
const memory = await run('memory', createMemoryStorage());
const sqlite = await run('sqlite', undefined);
console.log(
  `sqlite/memory: throughput ×${(sqlite['updates/s']! / memory['updates/s']!).toFixed(2)}, ` +
    `p50 ×${(sqlite['p50 ms']! / memory['p50 ms']!).toFixed(2)}, p99 ×${(sqlite['p99 ms']! / memory['p99 ms']!).toFixed(2)}`,
);
