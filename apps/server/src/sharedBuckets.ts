import { createHash } from 'node:crypto';
import { Redis } from 'ioredis';
import type { Take } from './httpRateLimit.ts';
import type { Logger } from './log.ts';

/**
 * Token buckets that every instance of a cluster draws from (SPEC
 * CLUSTER-9): the HTTP API's rate limits hold across instances, so a
 * balancer that spreads one address's requests over N instances does not
 * give it N times the limit.
 */
export interface SharedBuckets {
  /**
   * Takes one token from the bucket `limit`/`key` (`perMinute` tokens,
   * refilled continuously, the burst the same number, as HTTP-1); `null`
   * when Redis cannot answer now, and the caller counts on this instance
   * alone.
   */
  take(limit: string, key: string, perMinute: number): Promise<Take | null>;
  /**
   * Spends `amount` from the bucket `limit`/`key` (`allowance` per
   * `periodMs`, a minute unless given, refilled continuously) whatever it
   * holds, down to one allowance of debt, and answers what is left (below
   * zero: in debt); `null` when Redis cannot answer now. For the byte
   * quotas, whose instances report what they let through (CLUSTER-10).
   */
  spend(
    limit: string,
    key: string,
    amount: number,
    allowance: number,
    periodMs?: number,
  ): Promise<number | null>;
  close(): void;
}

export interface SharedBucketsOptions {
  readonly redisUrl: string;
  readonly prefix: string;
  readonly log: Logger;
  /** How long a take may wait for Redis before the instance counts alone (ms). */
  readonly timeoutMs?: number;
}

/**
 * One bucket, taken atomically on Redis's own clock (instances' clocks may
 * differ): `tokens` and `at` (ms) in a hash, expiring once it would have
 * refilled completely (a full bucket is the same as none: memory follows the
 * traffic, as HTTP-3). Answers `{ok, first, waitMs}`.
 */
const TAKE_SCRIPT = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local cap = tonumber(ARGV[1])
local b = redis.call('HMGET', KEYS[1], 'tokens', 'at', 'dry')
local tokens = tonumber(b[1]) or cap
local at = tonumber(b[2]) or now
if now > at then
  tokens = math.min(cap, tokens + (now - at) * cap / 60000)
  at = now
end
local ok, first, wait, dry = 0, 0, 0, '0'
if tokens >= 1 then
  tokens = tokens - 1
  ok = 1
else
  if b[3] ~= '1' then first = 1 end
  dry = '1'
  wait = math.ceil((1 - tokens) * 60000 / cap)
end
redis.call('HSET', KEYS[1], 'tokens', tostring(tokens), 'at', tostring(at), 'dry', dry)
redis.call('PEXPIRE', KEYS[1], math.ceil((cap - tokens) * 60000 / cap) + 1000)
return {ok, first, wait}
`;

/**
 * The same kind of bucket over `period` ms, spent unconditionally (debt
 * bounded by one allowance); answers what is left.
 */
const SPEND_SCRIPT = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local cap = tonumber(ARGV[1])
local amount = tonumber(ARGV[2])
local period = tonumber(ARGV[3])
local b = redis.call('HMGET', KEYS[1], 'tokens', 'at')
local tokens = tonumber(b[1]) or cap
local at = tonumber(b[2]) or now
if now > at then
  tokens = math.min(cap, tokens + (now - at) * cap / period)
  at = now
end
tokens = math.max(-cap, tokens - amount)
redis.call('HSET', KEYS[1], 'tokens', tostring(tokens), 'at', tostring(at))
redis.call('PEXPIRE', KEYS[1], math.ceil((cap - tokens) * period / cap) + 1000)
return tostring(tokens)
`;

type RedisWithTake = Redis & {
  takeToken(key: string, perMinute: number): Promise<[number, number, number]>;
  spendTokens(key: string, allowance: number, amount: number, periodMs: number): Promise<string>;
};

/**
 * @example
 * const buckets = createSharedBuckets({ redisUrl, prefix: 'ronde', log });
 * const taken = await buckets.take('spaces', address, 10); // null: count locally
 */
export function createSharedBuckets(options: SharedBucketsOptions): SharedBuckets {
  const { log } = options;
  const timeoutMs = options.timeoutMs ?? 500;
  const redis = new Redis(options.redisUrl, {
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    retryStrategy: (times: number) => Math.min(50 * times, 1000),
  }) as RedisWithTake;
  redis.defineCommand('takeToken', { numberOfKeys: 1, lua: TAKE_SCRIPT });
  redis.defineCommand('spendTokens', { numberOfKeys: 1, lua: SPEND_SCRIPT });
  redis.on('error', (error: Error) =>
    log.debug('redis unreachable', { which: 'rate limits', error }),
  );
  // A take right after the start waits for the first connection, for `timeoutMs` at most, once.
  let connecting: Promise<void> | null = new Promise((resolve) => {
    const grace = setTimeout(resolve, timeoutMs);
    grace.unref();
    redis.once('ready', () => {
      clearTimeout(grace);
      resolve();
    });
  });
  void connecting.then(() => (connecting = null));
  // Addresses and invite codes are not written to Redis as they are: a digest names the bucket.
  const keyOf = (limit: string, key: string): string =>
    `${options.prefix}:rate:${limit}:${createHash('sha256').update(key).digest('base64url').slice(0, 22)}`;

  /** A script's answer, or null when Redis is away, fails or is slower than `timeoutMs`. */
  async function ask<T>(limit: string, run: () => Promise<T>): Promise<T | null> {
    if (connecting) await connecting;
    if (redis.status !== 'ready') return null;
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<null>((resolve) => {
      timer = setTimeout(() => resolve(null), timeoutMs);
    });
    try {
      const answer = await Promise.race([run(), late]);
      if (answer === null) log.warn('limit counted on this instance: Redis was slow', { limit });
      return answer;
    } catch (error) {
      log.debug('limit counted on this instance', { limit, error });
      return null;
    } finally {
      clearTimeout(timer);
    }
  }

  return {
    async take(limit, key, perMinute) {
      const answer = await ask(limit, () => redis.takeToken(keyOf(limit, key), perMinute));
      if (answer === null) return null;
      const [ok, first, waitMs] = answer;
      if (ok === 1) return { ok: true };
      return {
        ok: false,
        retryAfterSeconds: Math.max(1, Math.ceil(waitMs / 1000)),
        first: first === 1,
      };
    },
    async spend(limit, key, amount, allowance, periodMs = 60_000) {
      const left = await ask(limit, () =>
        redis.spendTokens(keyOf(limit, key), allowance, amount, periodMs),
      );
      return left === null ? null : Number(left);
    },
    close() {
      redis.disconnect();
    },
  };
}
