import { isIPv6 } from 'node:net';
import { HttpError } from './httpJson.ts';
import type { SharedBuckets } from './sharedBuckets.ts';

/**
 * Requests per minute allowed on the HTTP API's sensitive routes (HTTP-1);
 * each is a token bucket whose burst is the same number. See the server
 * README for the settings.
 */
export interface HttpRateLimits {
  /**
   * `POST /api/invites/redeem` and `POST /api/invites/preview` together from
   * one address: every look at a code is a guess (HTTP-5).
   */
  readonly redeemPerAddress: number;
  /**
   * `POST /api/invites/redeem` with one code (a leaked link admits people
   * this fast at most); previews of one code have a bucket of their own at
   * this rate (HTTP-5).
   */
  readonly redeemPerInvite: number;
  /** `POST /api/session` from one address. */
  readonly sessionPerAddress: number;
  /** Refused `POST /api/session` (wrong key) for one member of a space. */
  readonly sessionFailuresPerMember: number;
  /** `POST /api/spaces` from one address. */
  readonly spacesPerAddress: number;
  /** `POST /api/spaces/:id/devices` by one member. */
  readonly devicesPerMember: number;
  /** Keys (addresses, codes, members) each limiter tracks at most (HTTP-3). */
  readonly maxTrackedKeys: number;
}

export const DEFAULT_HTTP_RATE_LIMITS: HttpRateLimits = {
  redeemPerAddress: 20,
  redeemPerInvite: 60,
  sessionPerAddress: 120,
  sessionFailuresPerMember: 10,
  spacesPerAddress: 10,
  devicesPerMember: 30,
  maxTrackedKeys: 10_000,
};

export type Take =
  | { readonly ok: true }
  | {
      readonly ok: false;
      /** Whole seconds until one request will pass (at least 1). */
      readonly retryAfterSeconds: number;
      /** The bucket just ran dry (the previous request for this key passed): worth a log line. */
      readonly first: boolean;
    };

export interface KeyedRateLimiter {
  /** Takes one token from `key`'s bucket. */
  take(key: string): Take;
  /** Keys tracked now (for tests of HTTP-3). */
  size(): number;
}

interface Bucket {
  tokens: number;
  at: number;
  dry: boolean;
}

/**
 * One token bucket per key (`perMinute` tokens, refilled continuously), with
 * bounded memory (HTTP-3): buckets are kept in least-recently-used order; a
 * bucket that has refilled completely is the same as none and is dropped
 * from the old end as new keys come; past `maxKeys` the least recently used
 * is dropped even if not full.
 *
 * @example
 * const perAddress = createKeyedRateLimiter({ perMinute: 20, maxKeys: 10_000, now: Date.now });
 * if (!perAddress.take(ip).ok) refuse(429);
 */
export function createKeyedRateLimiter(options: {
  perMinute: number;
  maxKeys: number;
  now: () => number;
}): KeyedRateLimiter {
  const { perMinute, maxKeys, now } = options;
  if (!(perMinute >= 1) || !(maxKeys >= 1)) {
    throw new RangeError('a keyed rate limit needs perMinute >= 1 and maxKeys >= 1');
  }
  const perMs = perMinute / 60_000;
  const buckets = new Map<string, Bucket>();

  function refill(bucket: Bucket, at: number): void {
    // A clock that goes back refills nothing.
    if (at > bucket.at)
      bucket.tokens = Math.min(perMinute, bucket.tokens + (at - bucket.at) * perMs);
    bucket.at = Math.max(bucket.at, at);
  }

  /** Drops full buckets from the old end, and the oldest past `room`: amortised O(1). */
  function dropIdle(at: number, room: number): void {
    for (const [key, bucket] of buckets) {
      refill(bucket, at);
      if (bucket.tokens < perMinute && buckets.size <= room) return;
      buckets.delete(key);
    }
  }

  return {
    take(key) {
      const at = now();
      let bucket = buckets.get(key);
      if (bucket) {
        buckets.delete(key);
        refill(bucket, at);
      } else {
        bucket = { tokens: perMinute, at, dry: false };
      }
      dropIdle(at, maxKeys - 1);
      buckets.set(key, bucket);
      if (bucket.tokens >= 1) {
        bucket.tokens -= 1;
        bucket.dry = false;
        return { ok: true };
      }
      const first = !bucket.dry;
      bucket.dry = true;
      return {
        ok: false,
        retryAfterSeconds: Math.max(1, Math.ceil((1 - bucket.tokens) / perMs / 1000)),
        first,
      };
    },
    size: () => buckets.size,
  };
}

/**
 * The address a per-address limit counts: IPv4 as is (also when mapped
 * into IPv6), IPv6 by its /64, which one subscriber usually holds whole.
 */
export function addressKey(address: string | undefined): string {
  if (!address) return 'unknown';
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped?.[1]) return mapped[1];
  if (!isIPv6(address)) return address;
  const [head = '', tail = ''] = address.split('%')[0]!.split('::');
  const left = head === '' ? [] : head.split(':');
  const right = tail === '' ? [] : tail.split(':');
  const groups = address.includes('::')
    ? [...left, ...Array<string>(8 - left.length - right.length).fill('0'), ...right]
    : left;
  return `${groups
    .slice(0, 4)
    .map((g) => g.toLowerCase().replace(/^0+(?=.)/, ''))
    .join(':')}::/64`;
}

/**
 * The throttles of the HTTP API; each method rejects with 429 `rate_limited`
 * when over (HTTP-1, HTTP-2), counted across instances when they share Redis
 * (CLUSTER-9).
 */
export interface HttpThrottle {
  /**
   * Counts a redemption against the address (unless a preview left it a
   * pass for this code, HTTP-5) and against the code.
   */
  redemption(address: string | undefined, code: string): Promise<void>;
  /** Counts a preview against the address, in redemption's bucket, and against the code (HTTP-5). */
  invitePreview(address: string | undefined, code: string): Promise<void>;
  /**
   * After a preview found the code's invite active: the address's next
   * redemption of it within {@link PREVIEW_PASS_MS} is not counted against
   * the address again, so a join that looks first costs the address one.
   */
  previewFound(address: string | undefined, code: string): void;
  sessionAttempt(address: string | undefined): Promise<void>;
  /** Counts a refused sign-in of this member; rejects once they had too many (HTTP-4). */
  sessionFailure(spaceId: string, userId: string): Promise<void>;
  spaceCreation(address: string | undefined): Promise<void>;
  deviceRegistration(spaceId: string, userId: string): Promise<void>;
}

/**
 * With `shared` (a cluster's Redis, CLUSTER-9), each limit is one bucket for
 * every instance; while Redis cannot answer, and without it, each instance
 * counts alone.
 *
 * @example
 * const throttle = createHttpThrottle(config.httpRateLimits, Date.now);
 * await throttle.spaceCreation(req.socket.remoteAddress); // rejects with HttpError 429 when over
 */
export function createHttpThrottle(
  limits: HttpRateLimits,
  now: () => number,
  shared: SharedBuckets | null = null,
): HttpThrottle {
  interface Limit {
    readonly name: string;
    readonly perMinute: number;
    readonly local: KeyedRateLimiter;
  }
  const limit = (name: string, perMinute: number): Limit => ({
    name,
    perMinute,
    local: createKeyedRateLimiter({ perMinute, maxKeys: limits.maxTrackedKeys, now }),
  });
  const redeemByAddress = limit('redeem-address', limits.redeemPerAddress);
  const redeemByCode = limit('redeem-invite', limits.redeemPerInvite);
  const previewByCode = limit('preview-invite', limits.redeemPerInvite);
  const passes = createPreviewPasses(limits.maxTrackedKeys, now);
  const sessionByAddress = limit('session-address', limits.sessionPerAddress);
  const sessionFailures = limit('session-failures', limits.sessionFailuresPerMember);
  const spacesByAddress = limit('spaces-address', limits.spacesPerAddress);
  const devicesByMember = limit('devices-member', limits.devicesPerMember);
  const member = (spaceId: string, userId: string): string => `${spaceId}\u0000${userId}`;

  async function check(rate: Limit, key: string, what: string): Promise<void> {
    const taken =
      (shared && (await shared.take(rate.name, key, rate.perMinute))) ?? rate.local.take(key);
    if (taken.ok) return;
    throw new HttpError(
      429,
      'rate_limited',
      `too many ${what}; retry in ${taken.retryAfterSeconds} s`,
      { 'retry-after': String(taken.retryAfterSeconds) },
      !taken.first,
    );
  }

  return {
    async redemption(address, code) {
      if (!passes.use(addressKey(address), code)) {
        await check(redeemByAddress, addressKey(address), 'invite redemptions from this address');
      }
      await check(redeemByCode, code, 'redemptions of this invite');
    },
    async invitePreview(address, code) {
      await check(redeemByAddress, addressKey(address), 'invite look-ups from this address');
      await check(previewByCode, code, 'previews of this invite');
    },
    previewFound: (address, code) => passes.grant(addressKey(address), code),
    sessionAttempt: (address) =>
      check(sessionByAddress, addressKey(address), 'sign-ins from this address'),
    sessionFailure: (spaceId, userId) =>
      check(sessionFailures, member(spaceId, userId), 'failed sign-ins for this member'),
    spaceCreation: (address) =>
      check(spacesByAddress, addressKey(address), 'new spaces from this address'),
    deviceRegistration: (spaceId, userId) =>
      check(devicesByMember, member(spaceId, userId), 'device registrations'),
  };
}

/** How long a preview's pass waits for the redemption it saves (HTTP-5): time to type a name. */
export const PREVIEW_PASS_MS = 10 * 60_000;

/**
 * The passes previews leave (HTTP-5), per address and code, each good once
 * within {@link PREVIEW_PASS_MS}; at most `maxKeys`, the oldest dropped
 * first. Per instance: a redemption that reaches another instance of a
 * cluster is counted as without a preview.
 */
function createPreviewPasses(maxKeys: number, now: () => number) {
  const passes = new Map<string, number>();
  const key = (address: string, code: string): string => `${address}\u0000${code}`;
  return {
    grant(address: string, code: string): void {
      const at = now();
      passes.delete(key(address, code));
      // Every pass lasts as long, so insertion order is expiry order.
      for (const [old, until] of passes) {
        if (until > at && passes.size < maxKeys) break;
        passes.delete(old);
      }
      passes.set(key(address, code), at + PREVIEW_PASS_MS);
    },
    /** True, and spent, if the address holds a live pass for the code. */
    use(address: string, code: string): boolean {
      const until = passes.get(key(address, code));
      if (until === undefined) return false;
      passes.delete(key(address, code));
      return now() < until;
    },
  };
}
