import * as Y from 'yjs';
import { closeAll, connectAll, grantsFor, roomOf } from '../clients.ts';
import { cpuMicros, rssBytes } from '../procStat.ts';
import type { RunningServer } from '../servers.ts';
import { storeLatencyBetween, type StoreLatency } from '../storeLatency.ts';
import type { ClientOptions } from '../syncClient.ts';

export interface LoadShape {
  readonly rooms: number;
  readonly clientsPerRoom: number;
  /** The first `writersPerRoom` clients of a room each write at `hz`. */
  readonly writersPerRoom: number;
  readonly hz: number;
  readonly warmupMs: number;
  readonly windowMs: number;
  /**
   * After the warm-up, the server is stopped (SIGSTOP) this long while the
   * clients go on writing, then resumed (SIGCONT); the window starts
   * `recoverMs` later: what it measures is how the server came back.
   */
  readonly stall?: { readonly ms: number; readonly recoverMs: number };
}

export interface LoadFigures {
  readonly cpuMicrosPerDelivery: number;
  readonly deliveriesPerSecond: number;
  readonly offeredPerSecond: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly maxMs: number;
  /** Deliveries of the window's writes still missing after the drain (their latency: ∞). */
  readonly missing: number;
  readonly rssBytes: number;
  /** The load generator's own CPU use in the window, in cores (near 1: it was the limit). */
  readonly generatorCores: number;
  /** The server's own account of its appends in the window (Ronde only). */
  readonly store: StoreLatency | null;
}

const DRAIN_MS = 3000;
const MARKER = /~(\d+)\.(\d+)~/g;

function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

/**
 * Writers insert `~<writer>.<seq>~` at the end of the room's title at `hz`;
 * every other client of the room finds the marker in the bytes it receives
 * and times it against the writer's clock (one process, one clock). After a
 * warm-up, a window of `windowMs` is measured: the server's CPU (utime +
 * stime) over the deliveries that arrived in it, and the latency of every
 * write sent in it (waited for up to 3 s after; what is still missing then
 * is counted, with an infinite latency).
 */
export async function runLoad(server: RunningServer, shape: LoadShape): Promise<LoadFigures> {
  const grants = await grantsFor(server, shape.rooms);
  const sentAt: number[][][] = []; // [room][writer][seq]
  let windowStart = Infinity;
  let windowEnd = Infinity;
  let deliveredInWindow = 0;
  const latencies: number[] = [];
  const seen: number[][][] = []; // [room][client][writer] → last seq seen

  const options: Omit<ClientOptions, 'target'>[] = [];
  const docs: (Y.Doc | null)[][] = [];
  for (let r = 0; r < shape.rooms; r++) {
    const grant = grants[r]!;
    const room = roomOf(grant);
    sentAt.push(Array.from({ length: shape.writersPerRoom }, () => []));
    seen.push([]);
    docs.push([]);
    for (let c = 0; c < shape.clientsPerRoom; c++) {
      const last = Array.from({ length: shape.writersPerRoom }, () => -1);
      seen[r]!.push(last);
      const doc = c < shape.writersPerRoom ? new Y.Doc() : null;
      docs[r]!.push(doc);
      options.push({
        room,
        token: grant.token,
        ...(doc ? { doc } : {}),
        onMessage: (bytes, receivedAt) => {
          const text = bytes.toString('latin1');
          for (const match of text.matchAll(MARKER)) {
            const writer = Number(match[1]);
            const seq = Number(match[2]);
            if (writer === c || seq <= (last[writer] ?? Infinity)) continue;
            last[writer] = seq;
            const sent = sentAt[r]![writer]?.[seq];
            if (sent === undefined) continue;
            if (receivedAt >= windowStart && receivedAt < windowEnd) deliveredInWindow += 1;
            if (sent >= windowStart && sent < windowEnd) latencies.push(receivedAt - sent);
          }
        },
      });
    }
  }
  const clients = await connectAll(options, server);

  const period = 1000 / shape.hz;
  const timers: NodeJS.Timeout[] = [];
  let offered = 0;
  docs.forEach((roomDocs, r) =>
    roomDocs.forEach((doc, w) => {
      if (!doc) return;
      const text = doc.getText('title');
      const times = sentAt[r]![w]!;
      const write = (): void => {
        const seq = times.length;
        const now = performance.now();
        times.push(now);
        if (now >= windowStart && now < windowEnd) offered += shape.clientsPerRoom - 1;
        text.insert(text.length, `~${w}.${seq}~`);
      };
      // Spread the writers over the period, as independent people would be.
      const start = setTimeout(
        () => timers.push(setInterval(write, period)),
        Math.random() * period,
      );
      timers.push(start);
    }),
  );

  await new Promise((resolve) => setTimeout(resolve, shape.warmupMs));
  const stall = shape.stall;
  if (stall) {
    process.kill(server.pid, 'SIGSTOP');
    try {
      await new Promise((resolve) => setTimeout(resolve, stall.ms));
    } finally {
      process.kill(server.pid, 'SIGCONT');
    }
    await new Promise((resolve) => setTimeout(resolve, stall.recoverMs));
  }
  const storeBefore = await server.kind.storeBuckets?.(server);
  const cpuBefore = cpuMicros(server.pid);
  const ownBefore = process.cpuUsage();
  windowStart = performance.now();
  windowEnd = windowStart + shape.windowMs;
  await new Promise((resolve) => setTimeout(resolve, shape.windowMs));
  const cpuUsed = cpuMicros(server.pid) - cpuBefore;
  const own = process.cpuUsage(ownBefore);
  const elapsed = performance.now() - windowStart;
  const rss = rssBytes(server.pid);
  for (const timer of timers) clearInterval(timer);

  const drainEnd = performance.now() + DRAIN_MS;
  while (latencies.length < offered && performance.now() < drainEnd)
    await new Promise((resolve) => setTimeout(resolve, 20));
  // Read once the window's writes are in: their appends are then done (or counted missing).
  const storeAfter = storeBefore && (await server.kind.storeBuckets?.(server));
  const missing = Math.max(0, offered - latencies.length);
  for (let i = 0; i < missing; i++) latencies.push(Infinity);
  await closeAll(clients);

  latencies.sort((a, b) => a - b);
  return {
    cpuMicrosPerDelivery: cpuUsed / Math.max(1, deliveredInWindow),
    deliveriesPerSecond: (deliveredInWindow * 1000) / elapsed,
    offeredPerSecond: (offered * 1000) / elapsed,
    p50Ms: percentile(latencies, 50),
    p99Ms: percentile(latencies, 99),
    maxMs: latencies[latencies.length - 1] ?? NaN,
    missing,
    rssBytes: rss,
    generatorCores: (own.user + own.system) / 1000 / elapsed,
    store: storeBefore && storeAfter ? storeLatencyBetween(storeBefore, storeAfter) : null,
  };
}
