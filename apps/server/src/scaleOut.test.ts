import { afterEach, describe, expect, it } from 'vitest';
import { connectProvider, startServer, tempDir, upgradeStatus, waitFor } from '../test/helpers.ts';

describe('scaleOut on one instance (SQLite)', () => {
  const cleanups: (() => Promise<unknown> | void)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  it('OPS-1 /healthz names each dependency: storage ok, no Redis configured', async () => {
    const dir = tempDir();
    cleanups.push(dir.remove);
    const server = await startServer(dir.path);
    cleanups.push(() => server.close());
    const res = await fetch(`http://127.0.0.1:${server.port}/healthz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ok', checks: { storage: 'ok', redis: 'off' } });
    expect(server.instanceId).toBeNull();
  });

  it('OPS-2 /metrics: connections, rooms, stored updates, store latency, refusals by reason', async () => {
    const dir = tempDir();
    cleanups.push(dir.remove);
    const server = await startServer(dir.path);
    cleanups.push(() => server.close());
    const { doc, provider } = connectProvider(server.port);
    cleanups.push(() => provider.destroy());
    await waitFor(() => provider.synced, 'synced');
    doc.getText('t').insert(0, 'counted');
    expect(await upgradeStatus(server.port, '/sync/not-a-room')).toBe(400);
    const scrape = async (): Promise<string> => {
      const res = await fetch(`http://127.0.0.1:${server.port}/metrics`);
      expect(res.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
      return res.text();
    };
    const text = await waitFor(async () => {
      const body = await scrape();
      return /^ronde_updates_stored_total [1-9]/m.test(body) ? body : null;
    }, 'the stored update to be counted');
    expect(text).toMatch(/^ronde_connections 1$/m);
    expect(text).toMatch(/^ronde_rooms_loaded 1$/m);
    expect(text).toMatch(/^ronde_store_latency_seconds_count [1-9]/m);
    expect(text).toContain('ronde_refusals_total{reason="invalid_room",stage="upgrade"} 1');
  });

  it('OPS-3 with RONDE_METRICS_TOKEN set, /metrics answers 401 without it or with another, the figures with it', async () => {
    const dir = tempDir();
    cleanups.push(dir.remove);
    const token = 'scrape-me-please-0123456789';
    const server = await startServer(dir.path, { metricsToken: token });
    cleanups.push(() => server.close());
    const scrape = (authorization?: string): Promise<Response> =>
      fetch(`http://127.0.0.1:${server.port}/metrics`, {
        headers: authorization ? { authorization } : {},
      });
    const none = await scrape();
    expect(none.status).toBe(401);
    expect(none.headers.get('www-authenticate')).toBe('Bearer realm="metrics"');
    expect(await none.text()).not.toContain('ronde_');
    expect((await scrape('Bearer not-the-token-at-all-000')).status).toBe(401);
    expect((await scrape(token)).status).toBe(401); // the scheme is required
    const ok = await scrape(`Bearer ${token}`);
    expect(ok.status).toBe(200);
    expect(await ok.text()).toMatch(/^ronde_connections 0$/m);
  });
});
