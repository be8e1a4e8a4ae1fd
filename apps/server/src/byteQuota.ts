/**
 * Bytes a member may write per minute, over all their connections (SPEC
 * QUOTA-1): a token bucket per member that holds one minute's allowance and
 * refills continuously, so a burst up to the allowance passes and a flood
 * is cut. Buckets that are full again are forgotten, so memory follows the
 * members who wrote in the last minute.
 *
 * @example
 * const quota = createByteQuota({ bytesPerMinute: 32 * 1024 * 1024 });
 * if (!quota.take(userId, update.length)) refuse('quota');
 */
export interface ByteQuota {
  /** Takes `bytes` from `key`'s allowance; false (and nothing taken) when it has not enough. */
  take(key: string, bytes: number): boolean;
  /** Milliseconds until `bytes` would fit for `key` (0 when they fit now). */
  waitMs(key: string, bytes: number): number;
  /** Members tracked now (tests, health). */
  readonly size: number;
}

export interface ByteQuotaOptions {
  readonly bytesPerMinute: number;
  readonly now?: () => number;
}

interface Bucket {
  tokens: number;
  at: number;
}

export function createByteQuota(options: ByteQuotaOptions): ByteQuota {
  const now = options.now ?? Date.now;
  const capacity = options.bytesPerMinute;
  const perMs = capacity / 60_000;
  const buckets = new Map<string, Bucket>();
  let lastSweep = now();

  function refill(bucket: Bucket, t: number): void {
    bucket.tokens = Math.min(capacity, bucket.tokens + (t - bucket.at) * perMs);
    bucket.at = t;
  }

  function sweep(t: number): void {
    if (t - lastSweep < 60_000) return;
    lastSweep = t;
    for (const [key, bucket] of buckets) {
      refill(bucket, t);
      if (bucket.tokens >= capacity) buckets.delete(key);
    }
  }

  function bucketOf(key: string, t: number): Bucket {
    let bucket = buckets.get(key);
    if (!bucket) buckets.set(key, (bucket = { tokens: capacity, at: t }));
    refill(bucket, t);
    return bucket;
  }

  return {
    take(key, bytes) {
      const t = now();
      sweep(t);
      const bucket = bucketOf(key, t);
      if (bucket.tokens < bytes) return false;
      bucket.tokens -= bytes;
      return true;
    },
    waitMs(key, bytes) {
      const bucket = bucketOf(key, now());
      if (bytes > capacity) return Number.POSITIVE_INFINITY;
      return bucket.tokens >= bytes ? 0 : Math.ceil((bytes - bucket.tokens) / perMs);
    },
    get size() {
      return buckets.size;
    },
  };
}
