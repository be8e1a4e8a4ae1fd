import {
  createClusterAdmission,
  type Admission,
  type ClusterAdmission,
} from './clusterAdmission.ts';
import type { Config } from './config.ts';
import type { ConsequencesOptions } from './consequences.ts';
import type { DocumentRegistry } from './documents.ts';
import type { LiveConnections } from './liveConnections.ts';
import type { Logger } from './log.ts';
import { createMetricsRegistry, type Counter, type MetricsRegistry } from './metrics.ts';
import { openPgLocks, type PgLocks } from './pgLock.ts';
import { createSharedBuckets, type SharedBuckets } from './sharedBuckets.ts';
import {
  createRedisRelay,
  type RedisRelay,
  type RelayOptions,
  type RelayStorage,
} from './redisRelay.ts';
import type { Storage } from './storage.ts';

export type DependencyState = 'ok' | 'down' | 'off';

export interface Health {
  /** False when this instance cannot store: a load balancer should send no one here. */
  readonly ready: boolean;
  readonly body: {
    readonly status: 'ok' | 'degraded' | 'unavailable';
    readonly checks: { readonly storage: DependencyState; readonly redis: DependencyState };
    readonly instance?: string;
  };
}

export interface ScaleOut {
  readonly metrics: MetricsRegistry;
  /** Refused upgrades and connections closed by a guard, by reason (OPS-2). */
  readonly refusals: Counter;
  /** The store the registry writes through: timed, and relayed between instances. */
  readonly storage: Storage;
  /** The registry, followed by the relay and counted for `/metrics`. */
  registry(registry: DocumentRegistry): DocumentRegistry;
  /** What consequences open: brought up to the store first in a cluster (CLUSTER-5). */
  consequencesRegistry(registry: Pick<DocumentRegistry, 'open'>): Pick<DocumentRegistry, 'open'>;
  /** One run per meeting across instances (CLUSTER-5); absent on one instance. */
  readonly exclusive: ConsequencesOptions['exclusive'];
  /** The HTTP API's rate limits across instances (CLUSTER-9); null on one instance. */
  readonly rateBuckets: SharedBuckets | null;
  /** The connection limits at upgrade; the per-member one across instances (CLUSTER-7). */
  admission(local: Pick<LiveConnections, 'reserveAddress' | 'reserveMember'>): Admission;
  /** Readiness per dependency (OPS-1). */
  health(): Promise<Health>;
  readonly instanceId: string | null;
  /** Stops the relay and the locks (before the storage closes). */
  close(): Promise<void>;
}

export interface ScaleOutOptions {
  readonly config: Pick<Config, 'databaseUrl' | 'redisUrl' | 'redisPrefix' | 'limits'>;
  readonly storage: Storage;
  readonly log: Logger;
  /** Tests shorten the relay's timers. */
  readonly relay?: Partial<Pick<RelayOptions, 'reconcileIntervalMs' | 'gapGraceMs'>>;
}

const PING_TIMEOUT_MS = 2000;

/**
 * What running beside other instances needs (SPEC CLUSTER, OPS): with
 * `REDIS_URL` the Redis relay and the PostgreSQL advisory locks; in every
 * mode the metrics and the health checks.
 *
 * @example
 * const scaleOut = await openScaleOut({ config, storage, log });
 * const registry = scaleOut.registry(createDocumentRegistry({ storage: scaleOut.storage, ... }));
 */
export async function openScaleOut(options: ScaleOutOptions): Promise<ScaleOut> {
  const { config, storage: base, log } = options;
  const metrics = createMetricsRegistry();
  let relay: RedisRelay | null = null;
  let locks: PgLocks | null = null;
  let members: ClusterAdmission | null = null;
  let rateBuckets: SharedBuckets | null = null;
  if (config.redisUrl !== null && config.databaseUrl !== null) {
    if (!isRelayStorage(base)) throw new Error('REDIS_URL needs the PostgreSQL store');
    relay = createRedisRelay({
      redisUrl: config.redisUrl,
      prefix: config.redisPrefix,
      storage: base,
      log,
      metrics,
      ...options.relay,
    });
    try {
      locks = await openPgLocks(config.databaseUrl);
    } catch (error) {
      await relay.close();
      throw error;
    }
    members = createClusterAdmission({
      redisUrl: config.redisUrl,
      prefix: config.redisPrefix,
      instanceId: relay.instanceId,
      maxPerMember: config.limits.maxConnectionsPerMember,
      log,
    });
    rateBuckets = createSharedBuckets({
      redisUrl: config.redisUrl,
      prefix: config.redisPrefix,
      log,
    });
    log.info('relaying between instances', { instance: relay.instanceId });
  }
  const relayed = relay?.storage ?? base;
  const stored = metrics.counter('ronde_updates_stored_total', 'Updates appended to storage.');
  const storeFailures = metrics.counter(
    'ronde_store_failures_total',
    'Appends that storage refused or failed.',
  );
  const storeSeconds = metrics.histogram(
    'ronde_store_latency_seconds',
    'Time from an append to its durability.',
  );
  const storage: Storage = {
    ...relayed,
    append(docName, update, contribution) {
      return storeSeconds
        .time(() => relayed.append(docName, update, contribution))
        .then(
          () => stored.inc(),
          (error: unknown) => {
            storeFailures.inc();
            throw error;
          },
        );
    },
  };
  const refusals = metrics.counter(
    'ronde_refusals_total',
    'Upgrades refused and connections closed by a guard, by reason.',
  );
  const rooms = new Set<string>();
  let registry: DocumentRegistry | null = null;
  metrics.gauge('ronde_rooms_loaded', 'Documents loaded in memory.', () => {
    for (const name of rooms) if (!registry?.isLoaded(name)) rooms.delete(name);
    return rooms.size;
  });
  const ping = 'ping' in base && typeof base.ping === 'function' ? base.ping.bind(base) : null;

  return {
    metrics,
    refusals,
    storage,
    instanceId: relay?.instanceId ?? null,
    registry(target) {
      const followed = relay ? relay.attach(target) : target;
      registry = followed;
      return {
        ...followed,
        open(name) {
          rooms.add(name);
          return followed.open(name);
        },
      };
    },
    consequencesRegistry: (target) => (relay ? relay.upToDate(target) : target),
    rateBuckets,
    admission: (local) => (members ? members.wrap(local) : local),
    exclusive: locks
      ? (room, run) => (locks as PgLocks).exclusive(`consequences:${room}`, run)
      : undefined,
    async health() {
      const storageState = ping ? await withTimeout(ping(), PING_TIMEOUT_MS) : 'ok';
      const redis: DependencyState = relay ? (relay.isReady() ? 'ok' : 'down') : 'off';
      const status = storageState !== 'ok' ? 'unavailable' : redis === 'down' ? 'degraded' : 'ok';
      return {
        ready: storageState === 'ok',
        body: {
          status,
          checks: { storage: storageState, redis },
          ...(relay ? { instance: relay.instanceId } : {}),
        },
      };
    },
    async close() {
      members?.close();
      rateBuckets?.close();
      await relay?.close();
      await locks?.close();
    },
  };
}

function isRelayStorage(storage: Storage): storage is RelayStorage {
  return 'appendSeq' in storage && 'heads' in storage;
}

async function withTimeout(check: Promise<void>, ms: number): Promise<DependencyState> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<DependencyState>((resolve) => {
    timer = setTimeout(() => resolve('down'), ms);
  });
  try {
    return await Promise.race([
      check.then(
        (): DependencyState => 'ok',
        (): DependencyState => 'down',
      ),
      late,
    ]);
  } finally {
    clearTimeout(timer);
  }
}
