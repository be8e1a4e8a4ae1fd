import { describe, expect, it } from 'vitest';
import { createMetricsRegistry } from './metrics.ts';

describe('metrics', () => {
  it('OPS-2 renders counters with labels, gauges and cumulative histograms in the text format', async () => {
    const metrics = createMetricsRegistry();
    const refusals = metrics.counter('ronde_refusals_total', 'Refusals, by reason.');
    refusals.inc({ reason: 'rate "limit"' });
    refusals.inc({ reason: 'rate "limit"' }, 2);
    metrics.counter('ronde_untouched_total', 'Never incremented.');
    let open = 3;
    metrics.gauge('ronde_connections', 'Open sockets.', () => open);
    const latency = metrics.histogram('ronde_store_seconds', 'Store latency.', [0.01, 0.1]);
    latency.observe(0.005);
    latency.observe(0.05);
    latency.observe(5);
    await latency.time(async () => undefined);
    open = 4;
    const text = metrics.render();
    expect(text).toContain('# TYPE ronde_refusals_total counter\n');
    expect(text).toContain('ronde_refusals_total{reason="rate \\"limit\\""} 3\n');
    expect(text).toContain('ronde_untouched_total 0\n');
    expect(text).toContain('# TYPE ronde_connections gauge\nronde_connections 4\n');
    expect(text).toContain('ronde_store_seconds_bucket{le="0.01"} 2\n');
    expect(text).toContain('ronde_store_seconds_bucket{le="0.1"} 3\n');
    expect(text).toContain('ronde_store_seconds_bucket{le="+Inf"} 4\n');
    expect(text).toContain('ronde_store_seconds_count 4\n');
    expect(refusals.get({ reason: 'rate "limit"' })).toBe(3);
  });

  it('OPS-2 a timed call that fails, at once or later, is recorded and its error passed on', async () => {
    const metrics = createMetricsRegistry();
    const latency = metrics.histogram('ronde_store_seconds', 'Store latency.', [1000]);
    await expect(latency.time(() => Promise.reject(new Error('disk full')))).rejects.toThrow(
      'disk full',
    );
    await expect(
      latency.time(() => {
        throw new Error('closed');
      }),
    ).rejects.toThrow('closed');
    expect(await latency.time(() => Promise.resolve(7))).toBe(7);
    expect(metrics.render()).toContain('ronde_store_seconds_count 3\n');
  });
});
