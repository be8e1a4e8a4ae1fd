import { describe, expect, it } from 'vitest';
import { parseBuckets, storeLatencyBetween } from './storeLatency.ts';

const exposition = (counts: readonly number[]): string =>
  [
    '# TYPE ronde_store_latency_seconds histogram',
    ...[0.001, 0.005, 0.01].map(
      (le, i) => `ronde_store_latency_seconds_bucket{le="${le}"} ${counts[i]}`,
    ),
    `ronde_store_latency_seconds_bucket{le="+Inf"} ${counts[3]}`,
    'ronde_store_latency_seconds_count 0',
    'ronde_updates_stored_total 5',
  ].join('\n');

describe('store latency from /metrics', () => {
  it('reads the cumulative buckets of ronde_store_latency_seconds only', () => {
    expect(parseBuckets(exposition([1, 2, 3, 4]))).toEqual(
      new Map([
        [0.001, 1],
        [0.005, 2],
        [0.01, 3],
        [Infinity, 4],
      ]),
    );
  });

  it('counts only the appends between two readings', () => {
    const before = parseBuckets(exposition([10, 10, 10, 10]));
    // 100 appends in the window: 90 under 1 ms, 8 more under 5 ms, 1 more under 10 ms, 1 beyond.
    const after = parseBuckets(exposition([100, 108, 109, 110]));
    expect(storeLatencyBetween(before, after)).toEqual({
      appends: 100,
      p99BoundMs: 10,
      over5MsPercent: 2,
    });
  });

  it('says Infinity when the slowest percent is past the last bound, NaN without appends', () => {
    const before = parseBuckets(exposition([0, 0, 0, 0]));
    expect(storeLatencyBetween(before, parseBuckets(exposition([0, 0, 0, 10]))).p99BoundMs).toBe(
      Infinity,
    );
    expect(storeLatencyBetween(before, before).p99BoundMs).toBeNaN();
  });
});
