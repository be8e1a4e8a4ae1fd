import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { applyAwarenessUpdate, encodeAwarenessUpdate } from 'y-protocols/awareness';
import * as Y from 'yjs';
import {
  appliedSince,
  appliedThrough,
  hasGap,
  markApplied,
  type AppliedSeqs,
} from './appliedSeqs.ts';
import type { DocumentRegistry, LoadedDocument } from './documents.ts';
import type { Logger } from './log.ts';
import type { MetricsRegistry } from './metrics.ts';
import { decodeRelayMessage, encodeRelayMessage, type RelayMessage } from './relayMessage.ts';
import type { ContributionInput, Storage } from './storage.ts';

/**
 * The origin of a change relayed from another instance: applied to the
 * local copy and relayed to local peers (broadcast.ts sends it to all, as
 * it is no peer), never stored again (CLUSTER-2).
 */
export const REMOTE = Symbol('relayed from another instance');

/** What the relay needs of the store: sequence numbers (pgStorage.ts). */
export interface RelayStorage extends Storage {
  appendSeq(docName: string, update: Uint8Array, contribution?: ContributionInput): Promise<number>;
  heads(docNames: readonly string[]): Promise<Map<string, number>>;
}

export interface RelayOptions {
  readonly redisUrl: string;
  readonly storage: RelayStorage;
  readonly log: Logger;
  readonly metrics: MetricsRegistry;
  /** Channels are `<prefix>:room:<room>`; instances of one deployment share it. */
  readonly prefix?: string;
  /** Default: random, per process start. */
  readonly instanceId?: string;
  /** Loaded rooms are compared with the store's heads this often (a lost last message). */
  readonly reconcileIntervalMs?: number;
  /** A gap in sequence numbers not filled by a message within this time is read from the store. */
  readonly gapGraceMs?: number;
}

export interface RedisRelay {
  readonly instanceId: string;
  /** The store to give the registry: numbers what each document loaded, publishes each append. */
  readonly storage: Storage;
  /** Wraps the registry: each loaded room is subscribed and follows the other instances. */
  attach(registry: DocumentRegistry): DocumentRegistry;
  /** The registry whose documents are first brought up to the store (consequences, CLUSTER-5). */
  upToDate(registry: Pick<DocumentRegistry, 'open'>): Pick<DocumentRegistry, 'open'>;
  /** Reads what a loaded room lacks from the store and applies it. */
  catchUp(room: string): Promise<void>;
  /** Both Redis connections are up. */
  isReady(): boolean;
  close(): Promise<void>;
}

interface Room {
  applied: AppliedSeqs;
  loaded: Promise<LoadedDocument> | null;
  /** Serialises this room's catch-ups and applied updates. */
  chain: Promise<void>;
  gapTimer: NodeJS.Timeout | null;
}

/**
 * Relays stored updates and presence between instances through Redis
 * pub/sub (SPEC CLUSTER): after an append is durable in PostgreSQL it is
 * published on the room's channel with its sequence number; an instance
 * with the room loaded applies it with the {@link REMOTE} origin. Redis may
 * lose messages (an outage, a restart, a partition): PostgreSQL stays the
 * source of truth, and an instance reads from it what it lacks, by sequence
 * number, when a gap shows, when its subscription comes back, when it loads
 * a room, and at each reconcile tick.
 *
 * @example
 * const relay = createRedisRelay({ redisUrl, storage: pg, log, metrics });
 * const registry = relay.attach(createDocumentRegistry({ storage: relay.storage, ... }));
 */
export function createRedisRelay(options: RelayOptions): RedisRelay {
  const { storage: inner, log, metrics } = options;
  const instanceId = options.instanceId ?? randomBytes(6).toString('hex');
  const prefix = options.prefix ?? 'ronde';
  const channelPrefix = `${prefix}:room:`;
  const gapGraceMs = options.gapGraceMs ?? 250;
  const rooms = new Map<string, Room>();
  let registry: DocumentRegistry | null = null;
  let closed = false;
  let lastLagSeconds = 0;

  const published = metrics.counter(
    'ronde_relay_published_total',
    'Messages this instance published to Redis, by kind.',
  );
  const publishFailures = metrics.counter(
    'ronde_relay_publish_failures_total',
    'Messages that could not be published (Redis unreachable); others catch up from storage.',
  );
  const received = metrics.counter(
    'ronde_updates_relayed_total',
    'Messages from other instances applied here, by kind.',
  );
  const caughtUp = metrics.counter(
    'ronde_updates_caught_up_total',
    'Rows read from storage because a relayed message was missing.',
  );
  const relayLatency = metrics.histogram(
    'ronde_relay_latency_seconds',
    "From another instance's publish to the apply here (clocks of both machines).",
  );
  metrics.gauge(
    'ronde_redis_lag_seconds',
    'Lag of the last message received from Redis (clocks of both machines).',
    () => lastLagSeconds,
  );
  metrics.gauge('ronde_redis_up', '1 when both Redis connections are ready.', () =>
    isReady() ? 1 : 0,
  );

  const retryStrategy = (times: number): number => Math.min(50 * times, 1000);
  // Publishing never queues while Redis is away: the store is the catch-up.
  const pub = new Redis(options.redisUrl, {
    retryStrategy,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
  });
  const sub = new Redis(options.redisUrl, {
    retryStrategy,
    autoResubscribe: true,
    maxRetriesPerRequest: null,
  });
  const errorLogger = (which: string) => {
    let logged = false;
    return (error: Error): void => {
      if (closed) return;
      // One warning per outage; every reconnect attempt fails the same way.
      log[logged ? 'debug' : 'warn']('redis unreachable', { which, error: error.message });
      logged = true;
    };
  };
  const pubErrors = errorLogger('publish');
  const subErrors = errorLogger('subscribe');
  pub.on('error', pubErrors);
  sub.on('error', subErrors);
  let subscribedOnce = false;
  sub.on('ready', () => {
    if (!subscribedOnce) {
      subscribedOnce = true;
      return;
    }
    log.info('redis subscription back; catching up from storage', { rooms: rooms.size });
    // The PING answers after the re-subscriptions ioredis sent: from then on nothing is missed.
    sub.ping().then(
      () => Promise.all([...rooms.keys()].map((name) => catchUp(name))),
      () => undefined,
    );
  });
  sub.on('messageBuffer', (channel: Buffer, data: Buffer) => {
    const message = decodeRelayMessage(new Uint8Array(data.buffer, data.byteOffset, data.length));
    if (message === null || message.instanceId === instanceId) return;
    if (channel.toString() !== channelPrefix + message.room) return;
    receive(message);
  });

  function isReady(): boolean {
    return pub.status === 'ready' && sub.status === 'ready';
  }

  function publish(message: Omit<RelayMessage, 'instanceId' | 'sentAt'>): void {
    if (closed) return;
    const bytes = encodeRelayMessage({ ...message, instanceId, sentAt: Date.now() });
    pub.publish(channelPrefix + message.room, Buffer.from(bytes)).then(
      () => published.inc({ kind: message.kind }),
      (error: unknown) => {
        publishFailures.inc({ kind: message.kind });
        log.debug('publish failed', { room: message.room, error });
      },
    );
  }

  function enqueue(room: Room, task: () => Promise<void>): Promise<void> {
    const run = room.chain.then(task);
    room.chain = run.catch((error: unknown) => log.error('relay failed', { error }));
    return room.chain;
  }

  function receive(message: RelayMessage): void {
    const room = rooms.get(message.room);
    if (!room?.loaded || !registry?.isLoaded(message.room)) return; // not here: nothing to follow
    const lag = Math.max(0, Date.now() - message.sentAt) / 1000;
    lastLagSeconds = lag;
    const loaded = room.loaded;
    if (message.kind === 'awareness') {
      void loaded.then((document) => {
        applyAwarenessUpdate(document.awareness, message.payload, REMOTE);
        received.inc({ kind: 'awareness' });
        relayLatency.observe(lag);
      }, noop);
      return;
    }
    void enqueue(room, async () => {
      const document = await loaded;
      if (message.seq <= room.applied.through || room.applied.above.has(message.seq)) return;
      Y.applyUpdate(document.doc, message.payload, REMOTE);
      document.countStoredElsewhere(message.payload.length);
      room.applied = markApplied(room.applied, message.seq);
      received.inc({ kind: 'update' });
      relayLatency.observe(lag);
      if (hasGap(room.applied)) watchGap(message.room, room);
    });
  }

  /** A gap that no message fills within the grace is read from the store. */
  function watchGap(name: string, room: Room): void {
    if (room.gapTimer || closed) return;
    room.gapTimer = setTimeout(() => {
      room.gapTimer = null;
      if (hasGap(room.applied)) void catchUp(name);
    }, gapGraceMs);
    room.gapTimer.unref();
  }

  function catchUp(name: string): Promise<void> {
    const room = rooms.get(name);
    if (!room?.loaded || closed) return Promise.resolve();
    const loaded = room.loaded;
    return enqueue(room, async () => {
      const document = await loaded;
      const rows = await inner.loadSince(name, room.applied.through);
      const last = rows.at(-1);
      if (!last) return;
      const missing = rows.filter((row) => !room.applied.above.has(row.seq));
      if (missing.length > 0) {
        const update =
          missing.length === 1 ? missing[0]!.update : Y.mergeUpdates(missing.map((r) => r.update));
        Y.applyUpdate(document.doc, update, REMOTE);
        document.countStoredElsewhere(missing.reduce((sum, row) => sum + row.update.length, 0));
        caughtUp.inc({}, missing.length);
      }
      room.applied = appliedThrough(room.applied, last.seq);
    });
  }

  async function subscribe(name: string): Promise<void> {
    await sub.subscribe(channelPrefix + name);
    await catchUp(name); // what was published between the load and the subscription
  }

  /** Forgets rooms the registry unloaded; reads what loaded ones lack (CLUSTER-3). */
  async function reconcile(): Promise<void> {
    for (const name of [...rooms.keys()]) {
      if (registry?.isLoaded(name)) continue;
      const room = rooms.get(name);
      if (room?.gapTimer) clearTimeout(room.gapTimer);
      rooms.delete(name);
      sub.unsubscribe(channelPrefix + name).catch(noop);
    }
    const names = [...rooms.keys()];
    if (names.length === 0 || closed) return;
    const heads = await inner.heads(names);
    await Promise.all(
      names.map((name) => {
        const head = heads.get(name);
        const room = rooms.get(name);
        return head !== undefined && room && head > room.applied.through
          ? catchUp(name)
          : undefined;
      }),
    );
  }
  const ticker = setInterval(() => {
    reconcile().catch((error: unknown) => log.warn('relay reconcile failed', { error }));
  }, options.reconcileIntervalMs ?? 5000);
  ticker.unref();

  function onLoaded(name: string, document: LoadedDocument): void {
    document.awareness.on(
      'update',
      (changes: { added: number[]; updated: number[]; removed: number[] }, origin: unknown) => {
        if (origin === REMOTE) return;
        const changed = [...changes.added, ...changes.updated, ...changes.removed];
        const payload = encodeAwarenessUpdate(document.awareness, changed);
        publish({ kind: 'awareness', room: name, seq: 0, payload });
      },
    );
    subscribe(name).catch((error: unknown) => log.warn('subscribe failed', { room: name, error }));
  }

  const storage: Storage = {
    ...inner,
    async load(docName) {
      const rows = await inner.loadSince(docName, 0);
      const room = rooms.get(docName);
      const applied = appliedSince(rows.at(-1)?.seq ?? 0);
      if (room) room.applied = applied;
      else rooms.set(docName, { applied, loaded: null, chain: Promise.resolve(), gapTimer: null });
      return rows.map((row) => row.update);
    },
    async append(docName, update, contribution) {
      const seq = await inner.appendSeq(docName, update, contribution);
      const room = rooms.get(docName);
      if (room) {
        room.applied = markApplied(room.applied, seq);
        // Another instance appended in between and its message is not here yet.
        if (hasGap(room.applied)) watchGap(docName, room);
      }
      publish({ kind: 'update', room: docName, seq, payload: update });
    },
  };

  return {
    instanceId,
    storage,
    attach(target) {
      registry = target;
      return {
        ...target,
        open(name) {
          const fresh = !target.isLoaded(name);
          const handle = target.open(name);
          if (fresh) {
            const room = rooms.get(name) ?? {
              applied: appliedSince(0),
              loaded: null,
              chain: Promise.resolve(),
              gapTimer: null,
            };
            rooms.set(name, room);
            room.loaded = handle.ready;
            handle.ready.then((document) => onLoaded(name, document), noop);
          }
          return handle;
        },
      };
    },
    upToDate(target) {
      return {
        open(name) {
          const handle = target.open(name);
          const ready = handle.ready.then(async (document) => {
            await catchUp(name);
            return document;
          });
          ready.catch(noop);
          return { ready, release: () => handle.release() };
        },
      };
    },
    catchUp,
    isReady,
    async close() {
      closed = true;
      clearInterval(ticker);
      for (const room of rooms.values()) if (room.gapTimer) clearTimeout(room.gapTimer);
      // What the last stores published is sent before the connection goes (QUIT
      // answers after the commands before it), unless Redis is away: then the
      // others catch up from the store (CLUSTER-3).
      if (pub.status === 'ready') {
        let timer: NodeJS.Timeout | undefined;
        await Promise.race([
          pub.quit().catch(noop),
          new Promise((resolve) => (timer = setTimeout(resolve, 1000))),
        ]);
        clearTimeout(timer);
      }
      pub.disconnect();
      sub.disconnect();
    },
  };
}

function noop(): void {}
