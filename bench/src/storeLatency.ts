// Ronde's own account of its appends (`ronde_store_latency_seconds` on
// /metrics): how long each update waited for its transaction to be durable.
// Every delivery waits for its update's append (nothing is relayed before it
// is stored), so this is the part of a delivery's latency that the disk sets.

/** Cumulative counts of one Prometheus histogram: `le` bound (s) → appends at or under it. */
export type Buckets = ReadonlyMap<number, number>;

export interface StoreLatency {
  /** Appends made durable in the interval. */
  readonly appends: number;
  /** The smallest bucket bound (ms) under which 99 % of them fell; Infinity past the last bound. */
  readonly p99BoundMs: number;
  /** The share of appends (%) that took longer than 5 ms. */
  readonly over5MsPercent: number;
}

const METRIC = 'ronde_store_latency_seconds_bucket';

/**
 * The histogram's buckets in a Prometheus text exposition.
 *
 * @example
 * parseBuckets('ronde_store_latency_seconds_bucket{le="0.005"} 12\n') // Map { 0.005 => 12 }
 */
export function parseBuckets(text: string): Buckets {
  const buckets = new Map<number, number>();
  for (const line of text.split('\n')) {
    if (!line.startsWith(METRIC)) continue;
    const match = /le="([^"]+)"\}\s+(\S+)/.exec(line);
    if (!match) continue;
    const bound = match[1] === '+Inf' ? Infinity : Number(match[1]);
    buckets.set(bound, Number(match[2]));
  }
  return buckets;
}

/** What happened between two readings of the same histogram. */
export function storeLatencyBetween(before: Buckets, after: Buckets): StoreLatency {
  const bounds = [...after.keys()].sort((a, b) => a - b);
  const inWindow = (bound: number): number => (after.get(bound) ?? 0) - (before.get(bound) ?? 0);
  const appends = inWindow(Infinity);
  const p99 = bounds.find((bound) => inWindow(bound) >= 0.99 * appends) ?? Infinity;
  const under5 = bounds.includes(0.005) ? inWindow(0.005) : NaN;
  return {
    appends,
    p99BoundMs: appends === 0 ? NaN : p99 * 1000,
    over5MsPercent: appends === 0 ? NaN : (100 * (appends - under5)) / appends,
  };
}

/** Reads Ronde's `/metrics` (open on loopback: the bench sets no metrics token). */
export async function readBuckets(port: number): Promise<Buckets> {
  const res = await fetch(`http://127.0.0.1:${port}/metrics`);
  if (!res.ok) throw new Error(`ronde: /metrics: HTTP ${res.status}`);
  return parseBuckets(await res.text());
}
