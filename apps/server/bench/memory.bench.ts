// Memory benchmark: the server's RSS per idle connection and per loaded
// document, and the cold load of a 1 MB document. Prints figures, asserts
// nothing (RSS moves with the garbage collector: read medians of REPS runs).
//
//   pnpm --filter @ronde/server bench:memory
//   CONNECTIONS=2000 DOCUMENTS=1000 REPS=5 pnpm --filter @ronde/server bench:memory
//   … --smoke (or BENCH_SMOKE=1): a few connections and documents, once
//
// Each measure starts a fresh server (`node src/main.ts`, auth on, SQLite)
// as a child process, so its RSS (/proc/<pid>/status, else ps) holds nothing of the
// load generator. One space is created over HTTP; every socket presents its
// creator's token (connection limits raised: one member stands for many).
// - idle connections: CONNECTIONS raw sockets to one proposal, each attached
//   (it got the server's sync step 1) and then silent;
// - loaded documents: DOCUMENTS sockets, each to its own proposal holding a
//   1 KB driver text (written by that socket); the idle connection's share
//   (from the same repetition) is taken off;
// - cold load: a proposal of about 1 MB written as 20,000 small edits, the
//   server restarted and warmed up on another room, then the time from a
//   client's upgrade to the full state (load, step 1, step 2), against a sync
//   step 1 answered once the document is loaded. Yjs itself takes about
//   200 ms to apply such an update (20,000 items out of order).
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { newId, roomName } from '@ronde/domain';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { encodeSyncStep1, encodeUpdate } from '../src/protocol.ts';
import { createSpaceOverHttp } from '../test/helpers.ts';

const SMOKE = process.argv.includes('--smoke') || process.env.BENCH_SMOKE === '1';
const CONNECTIONS = Number(process.env.CONNECTIONS ?? (SMOKE ? 20 : 1000));
const DOCUMENTS = Number(process.env.DOCUMENTS ?? (SMOKE ? 10 : 500));
const REPS = Number(process.env.REPS ?? (SMOKE ? 1 : 3));
const COLD_EDITS = SMOKE ? 500 : 20_000;
const SERVER_DIR = fileURLToPath(new URL('..', import.meta.url));

interface Child {
  readonly process: ChildProcess;
  readonly port: number;
  stop(): Promise<void>;
}

async function startServer(dataDir: string): Promise<Child> {
  const limit = String(CONNECTIONS + DOCUMENTS + 64);
  const child = spawn(
    process.execPath,
    [
      ...['--import', 'tsx', 'src/main.ts', '--port', '0', '--data-dir', dataDir],
      ...['--web-dir', dataDir, '--log-level', 'info'],
      ...['--max-connections-per-ip', limit, '--max-connections-per-member', limit],
    ],
    { cwd: SERVER_DIR, stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const port = await new Promise<number>((resolve, reject) => {
    let buffered = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      buffered += chunk.toString();
      const match = /"msg":"listening","port":(\d+)/.exec(buffered);
      if (match) resolve(Number(match[1]));
      if (buffered.length > 65536) buffered = buffered.slice(-1024);
    });
    child.on('exit', (code) => reject(new Error(`server exited with ${code}`)));
  });
  child.stdout?.resume();
  return {
    process: child,
    port,
    stop: () =>
      new Promise<void>((resolve) => {
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

/** The child's resident set, in bytes, once two reads 250 ms apart agree within 1%. */
async function rss(pid: number): Promise<number> {
  const read = (): number => {
    try {
      const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
      return Number(match?.[1] ?? NaN) * 1024;
    } catch {
      // No /proc (macOS): ps reports the resident set in KiB too.
      return (
        Number(
          execFileSync('ps', ['-o', 'rss=', '-p', String(pid)])
            .toString()
            .trim(),
        ) * 1024
      );
    }
  };
  let last = read();
  for (let i = 0; i < (SMOKE ? 1 : 12); i++) {
    await new Promise((resolve) => setTimeout(resolve, 250));
    const now = read();
    if (Math.abs(now - last) < last * 0.01) return now;
    last = now;
  }
  return last;
}

/** A raw socket in `room`, resolved once the server sent its first message (attached). */
function attach(port: number, room: string, token: string): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(
      `ws://127.0.0.1:${port}/sync/${room}?token=${encodeURIComponent(token)}`,
    );
    socket.once('message', () => resolve(socket));
    socket.once('error', reject);
    socket.once('close', (code) => reject(new Error(`closed with ${code}`)));
  });
}

async function inBatches<T>(count: number, make: (i: number) => Promise<T>): Promise<T[]> {
  const out: T[] = [];
  for (let i = 0; i < count; i += 100) {
    const size = Math.min(100, count - i);
    out.push(...(await Promise.all(Array.from({ length: size }, (_, j) => make(i + j)))));
  }
  return out;
}

/** Sends `update` and resolves once the server has stored it (it answers a time message after). */
async function write(socket: WebSocket, update: Uint8Array): Promise<void> {
  socket.send(encodeUpdate(update));
  // Messages are handled in order; a sync step 1 answered means the update was taken.
  await new Promise<void>((resolve) => {
    const onMessage = (data: Buffer): void => {
      if (data[0] === 0 && data[1] === 1) {
        socket.off('message', onMessage);
        resolve();
      }
    };
    socket.on('message', onMessage);
    socket.send(encodeSyncStep1(new Y.Doc()));
  });
}

function driverUpdate(text: string): Uint8Array {
  const doc = new Y.Doc();
  doc.getText('driver').insert(0, text);
  return Y.encodeStateAsUpdate(doc);
}

async function measureIdle(): Promise<number> {
  const dataDir = mkdtempSync(join(tmpdir(), 'ronde-memory-bench-'));
  const server = await startServer(dataDir);
  try {
    const space = await createSpaceOverHttp(server.port);
    const room = roomName({ spaceId: space.spaceId, kind: 'proposal', id: newId() });
    const warm = await attach(server.port, room, space.token);
    const before = await rss(server.process.pid ?? 0);
    const sockets = await inBatches(CONNECTIONS, () => attach(server.port, room, space.token));
    const after = await rss(server.process.pid ?? 0);
    for (const socket of [warm, ...sockets]) socket.terminate();
    return (after - before) / CONNECTIONS;
  } finally {
    await server.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

async function measureDocuments(): Promise<number> {
  const dataDir = mkdtempSync(join(tmpdir(), 'ronde-memory-bench-'));
  const server = await startServer(dataDir);
  const text = 'a driver of about one kilobyte; '.repeat(32);
  try {
    const space = await createSpaceOverHttp(server.port);
    const open = async (): Promise<WebSocket> => {
      const room = roomName({ spaceId: space.spaceId, kind: 'proposal', id: newId() });
      const socket = await attach(server.port, room, space.token);
      await write(socket, driverUpdate(text));
      return socket;
    };
    const warm = await open();
    const before = await rss(server.process.pid ?? 0);
    const sockets = await inBatches(DOCUMENTS, open);
    const after = await rss(server.process.pid ?? 0);
    for (const socket of [warm, ...sockets]) socket.terminate();
    return (after - before) / DOCUMENTS;
  } finally {
    await server.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/** ms from a client's sync step 1 to the server's full state, cold (after a restart) and warm. */
async function measureColdLoad(): Promise<{ bytes: number; cold: number; warm: number }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'ronde-memory-bench-'));
  const doc = new Y.Doc();
  const driver = doc.getText('driver');
  let seed = 1;
  const next = (n: number): number => {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    return seed % n;
  };
  for (let i = 0; i < COLD_EDITS; i++) {
    driver.insert(next(driver.length + 1), 'fifty characters of a proposal being written here ');
  }
  const update = Y.encodeStateAsUpdate(doc);
  let server = await startServer(dataDir);
  try {
    const space = await createSpaceOverHttp(server.port);
    const room = roomName({ spaceId: space.spaceId, kind: 'proposal', id: newId() });
    const writer = await attach(server.port, room, space.token);
    await write(writer, update);
    writer.terminate();
    await server.stop();
    server = await startServer(dataDir);
    const join = async (): Promise<{ ms: number; socket: WebSocket }> => {
      const socket = await attach(server.port, room, space.token);
      const started = performance.now();
      await new Promise<void>((resolve) => {
        socket.on('message', (data: Buffer) => {
          if (data[0] === 0 && data[1] === 1) resolve();
        });
        socket.send(encodeSyncStep1(new Y.Doc()));
      });
      return { ms: performance.now() - started, socket };
    };
    // Warm the fresh process up (its first socket, token and document) on another room.
    const other = roomName({ spaceId: space.spaceId, kind: 'proposal', id: newId() });
    (await attach(server.port, other, space.token)).terminate();
    // The first join loads the document from the store; the second finds it loaded.
    const started = performance.now();
    const cold = await join();
    const coldMs = performance.now() - started;
    const warm = await join();
    cold.socket.terminate();
    warm.socket.terminate();
    return { bytes: update.length, cold: coldMs, warm: warm.ms };
  } finally {
    await server.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

const median = (values: number[]): number =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? NaN;
const kb = (bytes: number): string => `${(bytes / 1024).toFixed(1)} KB`;

console.log(
  `memory: ${CONNECTIONS} idle connections, ${DOCUMENTS} loaded documents, ` +
    `${REPS} interleaved repetitions (node ${process.version})${SMOKE ? ' [smoke]' : ''}`,
);
const idle: number[] = [];
const documents: number[] = [];
const cold: { bytes: number; cold: number; warm: number }[] = [];
for (let rep = 0; rep < REPS; rep++) {
  const perConnection = await measureIdle();
  const perDocumentAndConnection = await measureDocuments();
  idle.push(perConnection);
  documents.push(perDocumentAndConnection - perConnection);
  cold.push(await measureColdLoad());
  console.log(
    `  rep ${rep + 1}: idle connection ${kb(perConnection)}, ` +
      `loaded 1 KB document ${kb(perDocumentAndConnection - perConnection)} (with its connection ${kb(perDocumentAndConnection)}), ` +
      `cold load ${cold.at(-1)?.cold.toFixed(1)} ms`,
  );
}
const bytes = cold[0]?.bytes ?? 0;
console.log(`RSS per idle connection:     ${kb(median(idle))} (median)`);
console.log(
  `RSS per loaded 1 KB document: ${kb(median(documents))} (median, its connection taken off)`,
);
console.log(
  `join of a ${(bytes / 2 ** 20).toFixed(2)} MB document (${COLD_EDITS} edits): ` +
    `cold ${median(cold.map((c) => c.cold)).toFixed(1)} ms, loaded ${median(cold.map((c) => c.warm)).toFixed(1)} ms (medians)`,
);
