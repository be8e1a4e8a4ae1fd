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
  /** Reports to the shared allowance now (the timer does every `syncMs`; tests). */
  sync(): Promise<void>;
  /** Stops reporting to the other instances (shutdown). */
  close(): void;
}

/** The allowance the instances of a cluster share (CLUSTER-10): see {@link SharedBuckets.spend}. */
export interface SharedAllowance {
  /** Spends `bytes` of `key`'s shared allowance; what is left, or null when it cannot be told now. */
  spend(key: string, bytes: number): Promise<number | null>;
}

export interface ByteQuotaOptions {
  /** The allowance: bytes per period (a minute unless `periodMs` says otherwise). */
  readonly bytesPerMinute: number;
  /** The period the allowance refills over (ms); default a minute (QUOTA-1), a day for QUOTA-3. */
  readonly periodMs?: number;
  readonly now?: () => number;
  /** A cluster's shared allowance; absent, the quota is this instance's (one machine). */
  readonly shared?: SharedAllowance;
  /** How often what this instance let through is reported to the shared allowance (ms). */
  readonly syncMs?: number;
}

interface Bucket {
  tokens: number;
  at: number;
}

export function createByteQuota(options: ByteQuotaOptions): ByteQuota {
  const now = options.now ?? Date.now;
  const capacity = options.bytesPerMinute;
  const periodMs = options.periodMs ?? 60_000;
  const perMs = capacity / periodMs;
  const buckets = new Map<string, Bucket>();
  let lastSweep = now();
  /** Bytes taken here and not yet reported to the shared allowance, per member. */
  const unreported = new Map<string, number>();
  const shared = options.shared;
  let syncing = false;

  /**
   * For each member who wrote here in the last minute: reports what they
   * spent here since the last report (perhaps nothing), and takes back the
   * shared allowance's answer, less what was taken meanwhile. The other
   * instances' writes count here within about `syncMs` (CLUSTER-10).
   */
  async function sync(): Promise<void> {
    if (!shared || syncing) return;
    const keys = new Set([...buckets.keys(), ...unreported.keys()]);
    if (keys.size === 0) return;
    syncing = true;
    const batch = [...keys].map((key) => [key, unreported.get(key) ?? 0] as const);
    unreported.clear();
    try {
      await Promise.all(
        batch.map(async ([key, bytes]) => {
          const left = await shared.spend(key, bytes);
          if (left === null) return;
          const bucket = bucketOf(key, now());
          bucket.tokens = Math.min(bucket.tokens, left - (unreported.get(key) ?? 0));
        }),
      );
    } finally {
      syncing = false;
    }
  }
  const timer = shared ? setInterval(() => void sync(), options.syncMs ?? 1000) : null;
  timer?.unref();

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
      if (shared) unreported.set(key, (unreported.get(key) ?? 0) + bytes);
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
    sync,
    close() {
      if (timer) clearInterval(timer);
    },
  };
}
