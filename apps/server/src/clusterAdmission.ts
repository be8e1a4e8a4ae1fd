import { Redis } from 'ioredis';
import type { LiveConnections, Release } from './liveConnections.ts';
import type { Logger } from './log.ts';

/** What the upgrade handler asks before admitting a socket (upgrade.ts). */
export interface Admission extends Pick<LiveConnections, 'reserveAddress' | 'reserveMember'> {
  /**
   * After a local member slot was reserved: false when the member's sockets
   * on every instance, this one included, exceed the limit (CLUSTER-7).
   */
  confirmMember?(spaceId: string, userId: string): Promise<boolean>;
}

export interface ClusterAdmissionOptions {
  readonly redisUrl: string;
  readonly prefix: string;
  readonly instanceId: string;
  readonly maxPerMember: number;
  readonly log: Logger;
  /** Each instance rewrites its counts this often… */
  readonly heartbeatMs?: number;
  /** …and a count older than this is a crashed instance's, ignored. */
  readonly staleMs?: number;
}

export interface ClusterAdmission {
  /** The local admission, with the member count checked across instances. */
  wrap(local: Pick<LiveConnections, 'reserveAddress' | 'reserveMember'>): Admission;
  close(): void;
}

/**
 * The per-member connection limit across instances (SPEC CLUSTER-7): each
 * instance keeps its count of a member's sockets in the Redis hash
 * `<prefix>:members:<space>:<user>` (field: instance id, value:
 * `count:time`), rewritten on every change and at each heartbeat; an
 * upgrade is admitted when the fresh counts of every instance add up to at
 * most the limit. Two upgrades racing on two instances may both pass (one
 * over, at most, per instance racing); while Redis is unreachable the limit
 * is this instance's alone (fail open: presence is not worth refusing
 * members over).
 *
 * @example
 * const admission = createClusterAdmission({ redisUrl, prefix, instanceId, maxPerMember: 32, log });
 * createUpgradeHandler({ ..., admission: admission.wrap(live) });
 */
export function createClusterAdmission(options: ClusterAdmissionOptions): ClusterAdmission {
  const { instanceId, maxPerMember, log } = options;
  const staleMs = options.staleMs ?? 90_000;
  const redis = new Redis(options.redisUrl, {
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    retryStrategy: (times: number) => Math.min(50 * times, 1000),
  });
  redis.on('error', (error: Error) =>
    log.debug('redis unreachable', { which: 'admission', error }),
  );
  const counts = new Map<string, number>();
  const keyOf = (spaceId: string, userId: string): string =>
    `${options.prefix}:members:${spaceId}:${userId}`;

  function publish(key: string): void {
    if (redis.status !== 'ready') return;
    const count = counts.get(key) ?? 0;
    const write =
      count > 0
        ? redis.multi().hset(key, instanceId, `${count}:${Date.now()}`).pexpire(key, staleMs).exec()
        : redis.hdel(key, instanceId);
    write.catch(() => undefined);
  }
  const heartbeat = setInterval(
    () => {
      for (const key of counts.keys()) publish(key);
    },
    options.heartbeatMs ?? staleMs / 3,
  );
  heartbeat.unref();
  redis.on('ready', () => {
    for (const key of counts.keys()) publish(key);
  });

  return {
    wrap(local) {
      return {
        reserveAddress: (address) => local.reserveAddress(address),
        reserveMember(spaceId, userId): Release | null {
          const release = local.reserveMember(spaceId, userId);
          if (!release) return null;
          const key = keyOf(spaceId, userId);
          counts.set(key, (counts.get(key) ?? 0) + 1);
          publish(key);
          let released = false;
          return () => {
            if (released) return;
            released = true;
            release();
            const left = (counts.get(key) ?? 1) - 1;
            if (left > 0) counts.set(key, left);
            else counts.delete(key);
            publish(key);
          };
        },
        async confirmMember(spaceId, userId) {
          if (redis.status !== 'ready') return true;
          const key = keyOf(spaceId, userId);
          let fields: Record<string, string>;
          try {
            fields = await redis.hgetall(key);
          } catch {
            return true;
          }
          const now = Date.now();
          let total = counts.get(key) ?? 0;
          for (const [instance, value] of Object.entries(fields)) {
            if (instance === instanceId) continue;
            const [count, at] = value.split(':').map(Number);
            if (count !== undefined && at !== undefined && now - at <= staleMs) total += count;
          }
          return total <= maxPerMember;
        },
      };
    },
    close() {
      clearInterval(heartbeat);
      // This instance's counts go with it: the next instance to check finds them gone.
      const keys = [...counts.keys()];
      if (redis.status === 'ready' && keys.length > 0) {
        const pipeline = redis.pipeline();
        for (const key of keys) pipeline.hdel(key, instanceId);
        void pipeline.exec().finally(() => redis.disconnect());
      } else {
        redis.disconnect();
      }
    },
  };
}
