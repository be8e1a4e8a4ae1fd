import { randomBytes } from 'node:crypto';
import { createServer } from 'node:net';
import { Redis } from 'ioredis';
import { afterEach, describe, expect, it } from 'vitest';
import { CLUSTER_SECRET, REDIS_URL, startInstance } from '../test/clusterKit.ts';
import { newId, roomName } from '@ronde/domain';
import { api, connectWithToken, createSpaceOverHttp, tempDir, waitFor } from '../test/helpers.ts';
import { defaultConfig } from './config.ts';
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

  it('CLUSTER-10 spending takes what an instance let through, down to one allowance of debt', async () => {
    const prefix = `test-${randomBytes(4).toString('hex')}`;
    const a = await buckets(prefix);
    const b = await buckets(prefix);
    await Promise.all([ready(a), ready(b)]);
    const left = async (shared: SharedBuckets, bytes: number): Promise<number> =>
      Math.round((await shared.spend('quota', 'ana', bytes, 6_000)) ?? NaN);
    // Refilled at 100 bytes a second between the calls: a few bytes at most on a loaded machine.
    expect(await left(a, 4_000)).toBeGreaterThanOrEqual(2_000);
    expect(await left(b, 4_000)).toBeLessThan(-1_900);
    expect(await left(a, 0)).toBeLessThan(-1_800);
    expect(await left(b, 1_000_000)).toBe(-6_000);
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

  it('CLUSTER-10 a member’s byte quota is the cluster’s: writes on one instance count on the other', async () => {
    if (!DATABASE_URL && process.env.CI) throw new Error('DATABASE_URL is not set');
    const database = await createTestDatabase();
    cleanups.push(() => database.drop());
    const config = {
      databaseUrl: database.url,
      redisUrl: REDIS_URL,
      redisPrefix: `test-${randomBytes(4).toString('hex')}`,
      secret: CLUSTER_SECRET,
      auth: 'required' as const,
      limits: { ...defaultConfig().limits, maxBytesPerMemberPerMinute: 40_000 },
    };
    const instances = [];
    for (const name of ['a', 'b']) {
      const dir = tempDir(`ronde-quota-${name}-`);
      const instance = await startInstance(dir.path, config);
      cleanups.push(() => dir.remove());
      cleanups.push(() => instance.close());
      instances.push(instance);
    }
    const [a, b] = instances as [(typeof instances)[0], (typeof instances)[0]];
    const ada = await createSpaceOverHttp(a.port);
    const write = async (port: number, bytes: number) => {
      const room = roomName({ spaceId: ada.spaceId, kind: 'proposal', id: newId() });
      const client = connectWithToken(port, room, ada.token);
      cleanups.push(() => client.provider.destroy());
      await waitFor(() => client.provider.synced, 'synced');
      client.doc.getText('body').insert(0, 'x'.repeat(bytes));
      return client;
    };
    // 30 kB on each instance: each passes its own first burst, 60 kB of 40 in the cluster.
    const onA = await write(a.port, 30_000);
    await a.registry.flush();
    await write(b.port, 30_000);
    await b.registry.flush();
    const closes: number[] = [];
    onA.provider.on('connection-close', (event: { code: number } | null) => {
      if (event) closes.push(event.code);
    });
    // A alone would take 10 kB more (and what refills); knowing B's writes, it refuses within
    // a report or two. 100 bytes each tenth of a second: the bound is on bytes, not time.
    let sent = 0;
    let last = 0;
    await waitFor(() => {
      if (closes.includes(4429)) return true;
      if (performance.now() - last < 100) return false;
      last = performance.now();
      onA.doc.getText('body').insert(0, 'y'.repeat(100));
      sent += 100;
      return false;
    }, 'a refusal on A');
    expect(sent).toBeLessThan(6_000);
  });
});
