import { randomBytes } from 'node:crypto';
import { createServer } from 'node:net';
import { Redis } from 'ioredis';
import { afterEach, describe, expect, it } from 'vitest';
import { CLUSTER_SECRET, REDIS_URL, startInstance } from '../test/clusterKit.ts';
import { api, tempDir, waitFor } from '../test/helpers.ts';
import { createTestDatabase, DATABASE_URL } from '../test/pgDatabase.ts';
import { HttpError } from './httpJson.ts';
import { createHttpThrottle, DEFAULT_HTTP_RATE_LIMITS } from './httpRateLimit.ts';
import { memoryLogger } from './log.ts';
import { createSharedBuckets, type SharedBuckets } from './sharedBuckets.ts';

// Redis in CI (its URL set by .ci/run): these fail there when it is unreachable, and skip elsewhere.
const skip = !REDIS_URL && !process.env.CI;
if (skip) console.warn('sharedBuckets: REDIS_URL not set: shared rate limit tests skipped');

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** One instance's buckets, on `url`, once Redis answers (or at once, for an unreachable one). */
async function buckets(prefix: string, url = REDIS_URL): Promise<SharedBuckets> {
  if (!url) throw new Error('REDIS_URL is not set (e.g. redis://127.0.0.1:6379)');
  const shared = createSharedBuckets({ redisUrl: url, prefix, log: memoryLogger('debug') });
  cleanups.push(() => shared.close());
  return shared;
}

/** A port nothing listens on (a Redis that is down). */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.on('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

const ready = (shared: SharedBuckets): Promise<unknown> =>
  waitFor(async () => (await shared.take('probe', 'ready', 1_000_000)) !== null);

describe.skipIf(skip)('shared rate limits across instances (CLUSTER-9)', () => {
  it('CLUSTER-9 two instances draw on one bucket: the limit is the cluster’s, not each one’s', async () => {
    const prefix = `test-${randomBytes(4).toString('hex')}`;
    const a = await buckets(prefix);
    const b = await buckets(prefix);
    await Promise.all([ready(a), ready(b)]);
    expect(await a.take('spaces', '198.51.100.1', 3)).toEqual({ ok: true });
    expect(await b.take('spaces', '198.51.100.1', 3)).toEqual({ ok: true });
    expect(await a.take('spaces', '198.51.100.1', 3)).toEqual({ ok: true });
    // 3 a minute: the next token in 20 s, on whichever instance asks.
    expect(await b.take('spaces', '198.51.100.1', 3)).toEqual({
      ok: false,
      retryAfterSeconds: 20,
      first: true,
    });
    expect(await a.take('spaces', '198.51.100.1', 3)).toMatchObject({ ok: false, first: false });
    // Another key, another limit: buckets of their own.
    expect(await b.take('spaces', '198.51.100.2', 3)).toEqual({ ok: true });
    expect(await b.take('redeem', '198.51.100.1', 3)).toEqual({ ok: true });
  });

  it('CLUSTER-9 a bucket expires once it would be full again, and is not named by the address', async () => {
    const prefix = `test-${randomBytes(4).toString('hex')}`;
    const a = await buckets(prefix);
    await ready(a);
    await a.take('spaces', '198.51.100.7', 6);
    const redis = new Redis(REDIS_URL);
    cleanups.push(() => redis.disconnect());
    const keys = await redis.keys(`${prefix}:rate:spaces:*`);
    expect(keys).toHaveLength(1);
    expect(keys[0]).not.toContain('198.51.100.7');
    // One token of six spent: refilled in 10 s (and a second of margin).
    const ttl = await redis.pttl(keys[0]!);
    expect(ttl).toBeGreaterThan(0);
    expect(ttl).toBeLessThanOrEqual(11_000);
  });

  it('CLUSTER-9 while Redis cannot answer, each instance counts alone (HTTP-1 on its own)', async () => {
    const down = await buckets('test-down', `redis://127.0.0.1:${await freePort()}`);
    expect(await down.take('spaces', '198.51.100.1', 1)).toBeNull();
    const throttle = createHttpThrottle(
      { ...DEFAULT_HTTP_RATE_LIMITS, spacesPerAddress: 1 },
      Date.now,
      down,
    );
    await throttle.spaceCreation('198.51.100.1');
    await expect(throttle.spaceCreation('198.51.100.1')).rejects.toThrow(HttpError);
  });

  it('CLUSTER-9 through the HTTP API: new spaces from one address are counted across two instances', async () => {
    if (!DATABASE_URL && process.env.CI) throw new Error('DATABASE_URL is not set');
    const database = await createTestDatabase();
    cleanups.push(() => database.drop());
    const shared = {
      databaseUrl: database.url,
      redisUrl: REDIS_URL,
      redisPrefix: `test-${randomBytes(4).toString('hex')}`,
      secret: CLUSTER_SECRET,
      auth: 'required' as const,
      httpRateLimits: { ...DEFAULT_HTTP_RATE_LIMITS, spacesPerAddress: 3 },
    };
    const instances = [];
    for (const name of ['a', 'b']) {
      const dir = tempDir(`ronde-buckets-${name}-`);
      const instance = await startInstance(dir.path, shared);
      cleanups.push(() => dir.remove());
      cleanups.push(() => instance.close());
      instances.push(instance);
    }
    const [a, b] = instances as [(typeof instances)[0], (typeof instances)[0]];
    const create = (port: number): Promise<{ status: number }> =>
      api(port, 'POST', '/api/spaces', { body: { name: 'Shared', circleName: 'General' } });
    for (const instance of instances) {
      await waitFor(async () => {
        const health = await api<{ checks: { redis: string } }>(instance.port, 'GET', '/healthz');
        return health.body.checks.redis === 'ok';
      });
    }
    expect((await create(a.port)).status).toBe(201);
    expect((await create(b.port)).status).toBe(201);
    expect((await create(a.port)).status).toBe(201);
    expect((await create(b.port)).status).toBe(429);
    expect((await create(a.port)).status).toBe(429);
  });
});
