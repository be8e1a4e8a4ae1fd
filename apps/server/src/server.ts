import { createServer as createHttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import type { AccessStore } from './accessStore.ts';
import { createTokenAuthenticate, type Authenticate } from './authenticate.ts';
import type { Config } from './config.ts';
import { createByteQuota } from './byteQuota.ts';
import { acceptConnection, type ConnectionContext } from './connection.ts';
import { createAsyncConsents, type AsyncConsents } from './asyncConsentDeadlines.ts';
import { createConsequences, withLoadHook, type Consequences } from './consequences.ts';
import { createDocumentRegistry, type DocumentRegistry } from './documents.ts';
import { createAccessWatch } from './accessWatch.ts';
import { createHeartbeat } from './heartbeat.ts';
import { createRequestHandler } from './http.ts';
import { CLOSE_CODES } from './limits.ts';
import { createLiveConnections } from './liveConnections.ts';
import { createLogger, type Logger } from './log.ts';
import { loadSecret } from './secret.ts';
import { openScaleOut, type ScaleOutOptions } from './scaleOut.ts';
import type { Storage } from './storage.ts';
import { createVersions } from './versions.ts';
import { openAccessStore, openStorage } from './stores.ts';
import { createPracticeService, selfOrigin } from './practice/practiceService.ts';
import { verifyEd25519 } from './signatures.ts';
import type { StoredEvent } from './processEvents.ts';
import { createUpgradeHandler } from './upgrade.ts';
import type { BackupStorage } from './backup.ts';

/** What tests and later issues may swap; everything else comes from Config. */
export interface ServerDeps {
  readonly storage?: Storage;
  readonly log?: Logger;
  /** Replaces the token check at upgrade (tests of other concerns). */
  readonly authenticate?: Authenticate;
  readonly access?: AccessStore;
  /** The HTTP API's clock (tokens, invites, rate limits); tests advance it. */
  readonly now?: () => number;
  /** Shorter relay timers (tests of the cluster). */
  readonly relay?: ScaleOutOptions['relay'];
  /** The clock of asynchronous consents' deadlines (ACONS-10; default `Date.now`). */
  readonly asyncConsentNow?: () => number;
  /** The practice bots' pause before each move (PRACTICE-4; default 2 s). */
  readonly practicePauseMs?: number;
}

export interface RondeServer {
  readonly port: number;
  readonly host: string;
  /** The documents, as the server holds them (tests append process events through it). */
  readonly registry: DocumentRegistry;
  /** What the server writes after each process event (SPEC CONS). */
  readonly consequences: Consequences;
  /** Asynchronous consents decided at their deadline (SPEC ACONS-10; tests run one at once). */
  readonly asyncConsents: AsyncConsents;
  /** This instance's id on the relay (`null` without `REDIS_URL`). */
  readonly instanceId: string | null;
  /** Stops taking connections, closes sockets with 1001, flushes stores, closes storage. */
  close(): Promise<void>;
}

/** How long clients get to finish the close handshake before being cut. */
const CLOSE_GRACE_MS = 1000;
/** QUOTA-3 refills over a day. */
const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Starts the HTTP + WebSocket server and resolves once it listens. The
 * storage and the access store (SQLite under `config.dataDir` unless given)
 * are closed by `close()`.
 *
 * @example
 * const server = await createServer({ ...defaultConfig(), port: 0, dataDir });
 * console.log(server.port);
 * await server.close();
 */
export async function createServer(config: Config, deps: ServerDeps = {}): Promise<RondeServer> {
  const log = deps.log ?? createLogger(config.logLevel);
  const storage = deps.storage ?? (await openStorage(config));
  let access: AccessStore;
  let secret: Buffer;
  try {
    access = deps.access ?? (await openAccessStore(config));
    secret = await loadSecret(config.dataDir, config.secret, log).catch(async (error: unknown) => {
      await access.close();
      throw error;
    });
  } catch (error) {
    await storage.close();
    throw error;
  }
  // The relay between instances (REDIS_URL), metrics and health (SPEC CLUSTER, OPS).
  const scaleOut = await openScaleOut({ config, storage, log, relay: deps.relay }).catch(
    async (error: unknown) => {
      await access.close();
      await storage.close();
      throw error;
    },
  );
  const live = createLiveConnections({
    maxPerAddress: config.limits.maxConnectionsPerIp,
    maxPerMember: config.limits.maxConnectionsPerMember,
  });
  // Access changes reach open sockets on every instance (ACCESS-1…3).
  const accessWatch = createAccessWatch({
    live,
    access,
    log,
    sweepIntervalMs: config.accessSweepMs,
    ...(config.redisUrl !== null && scaleOut.instanceId !== null
      ? {
          cluster: {
            redisUrl: config.redisUrl,
            prefix: config.redisPrefix,
            instanceId: scaleOut.instanceId,
          },
        }
      : {}),
  });
  const accessChanges = { closeMember: accessWatch.closeMember };
  // A meeting loaded for the first time since the start is reconciled (CONS-7).
  const registry = scaleOut.registry(
    withLoadHook(
      createDocumentRegistry({
        storage: scaleOut.storage,
        log,
        unloadGraceMs: config.unloadGraceMs,
        compactAfterUpdates: config.compactAfterUpdates,
        compactAfterBytes: config.compactAfterBytes,
      }),
      (room) => consequences.afterLoad(room),
    ),
  );
  const versions = createVersions(storage, deps.now); // proposal history (SPEC VERS)
  const consequences = createConsequences({
    registry: scaleOut.consequencesRegistry(registry),
    storage,
    versions,
    log,
    exclusive: scaleOut.exclusive,
  });
  // Asynchronous consents are decided by the server at their deadline (ACONS-10).
  const asyncNow = deps.asyncConsentNow ?? Date.now;
  const asyncConsents = createAsyncConsents({
    registry: scaleOut.consequencesRegistry(registry),
    storage,
    log,
    now: asyncNow,
    exclusive: scaleOut.exclusive,
  });
  // The practice bots are clients of this server's own port (PRACTICE-2).
  const practice = createPracticeService({
    registry,
    storage,
    access,
    secret,
    tokenLifetimeSeconds: config.tokenLifetimeSeconds,
    live: accessChanges,
    log,
    origin: () => selfOrigin(config.host, (http.address() as AddressInfo).port),
    pauseMs: deps.practicePauseMs,
  });
  let closing: Promise<void> | null = null;
  const isClosing = (): boolean => closing !== null;
  // In a cluster the instances share each member's allowance, within a second (CLUSTER-10).
  const bytesPerMinute = config.limits.maxBytesPerMemberPerMinute;
  const sharedQuota = scaleOut.rateBuckets;
  const quota = createByteQuota({
    bytesPerMinute,
    ...(sharedQuota
      ? {
          shared: { spend: (key, bytes) => sharedQuota.spend('quota', key, bytes, bytesPerMinute) },
        }
      : {}),
  });
  // QUOTA-3: what one member may add to one shared document a day, across instances too.
  const perDocument = config.limits.maxBytesPerMemberPerDocumentPerDay;
  const documentQuota = createByteQuota({
    bytesPerMinute: perDocument,
    periodMs: DAY_MS,
    ...(sharedQuota
      ? {
          shared: {
            spend: (key, bytes) =>
              sharedQuota.spend('document-quota', key, bytes, perDocument, DAY_MS),
          },
        }
      : {}),
  });
  const events = { keys: access, verify: verifyEd25519 };

  const http = createHttpServer(
    createRequestHandler({
      registry,
      log,
      webDir: config.webDir,
      maxBodyBytes: config.limits.maxBodyBytes,
      asyncMinDeadlineMs: config.asyncMinDeadlineMs,
      isClosing,
      access,
      secret,
      tokenLifetimeSeconds: config.tokenLifetimeSeconds,
      live: accessChanges,
      spaceCreation: config.spaceCreation,
      adminSecret: config.adminSecret,
      httpRateLimits: config.httpRateLimits,
      rateBuckets: scaleOut.rateBuckets,
      now: deps.now,
      health: () => scaleOut.health(),
      metrics: () => scaleOut.metrics.render(),
      metricsToken: config.metricsToken,
      practice,
      versions,
      contributions: storage,
      ...(storage.listDocuments && storage.restoreDocuments
        ? { backupStorage: storage as BackupStorage }
        : {}),
    }),
  );
  http.on('clientError', (error, socket) => {
    log.debug('bad HTTP request', { error });
    if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n');
    else socket.destroy();
  });
  if (config.auth === 'off') {
    log.warn(
      'auth is off: any client may read and write every space (tests and local development only)',
    );
  }
  const wss = new WebSocketServer({ noServer: true, maxPayload: config.limits.maxMessageBytes });
  scaleOut.metrics.gauge('ronde_connections', 'Open sync sockets.', () => wss.clients.size);
  // A silent socket is cut, which frees its connection slots (IDLE-1, IDLE-2).
  const heartbeat = createHeartbeat({
    pingIntervalMs: config.pingIntervalMs,
    idleTimeoutMs: config.idleTimeoutMs,
  });
  wss.on('error', (error) => log.error('WebSocket server error', { error }));
  // What every connection shares, made once: per connection it would cost each idle socket its closures.
  const connectionDeps = {
    registry,
    limits: config.limits,
    log,
    isClosing,
    quota,
    documentQuota,
    members: access,
    events,
    beforeEventAppend: (room: string, event: StoredEvent) =>
      event.type === 'outcome.record' ? storage.markPending(room) : Promise.resolve(),
    asyncEvents: {
      ...events,
      registry,
      members: access,
      now: asyncNow,
      minDeadlineMs: config.asyncMinDeadlineMs,
      markPending: (room: string) => storage.markPending(room),
    },
    onEventAppended: (room: string) => {
      void consequences.afterAppend(room);
      void asyncConsents.afterAppend(room);
    },
    onClose: (code: number) =>
      scaleOut.refusals.inc({ stage: 'connection', reason: closeName(code) }),
  } satisfies Omit<ConnectionContext, 'room' | 'identity'>;
  http.on(
    'upgrade',
    createUpgradeHandler({
      wss,
      log,
      isClosing,
      authenticate:
        deps.authenticate ??
        createTokenAuthenticate({
          secret,
          access,
          mode: config.auth,
          allowedOrigins: config.allowedOrigins,
        }),
      admission: scaleOut.admission(live),
      onRefused: (code) => scaleOut.refusals.inc({ stage: 'upgrade', reason: code }),
      onConnection: (socket, room, identity) => {
        log.debug('connected', { room, role: identity.role, userId: identity.userId });
        const connection = acceptConnection(socket, { ...connectionDeps, room, identity });
        const { detach } = live.attach(identity, connection);
        socket.once('close', detach);
        socket.once(
          'close',
          heartbeat.watch(socket, () =>
            log.info('idle socket cut', { room, userId: identity.userId }),
          ),
        );
      },
    }),
  );

  try {
    await new Promise<void>((resolve, reject) => {
      http.once('error', reject);
      http.listen(config.port, config.host, () => {
        http.off('error', reject);
        resolve();
      });
    });
  } catch (error) {
    await accessWatch.close();
    await scaleOut.close();
    await storage.close();
    await access.close();
    throw error;
  }
  http.on('error', (error) => log.error('HTTP server error', { error }));
  const address = http.address() as AddressInfo;
  void consequences.resumePending(); // meetings a crash left pending (CONS-5)
  void asyncConsents.resumePending(); // consents open, or past their deadline (ACONS-11)
  // Every instance of a cluster would resume every practice meeting's bots (CLUSTER-8).
  if (scaleOut.instanceId === null) {
    void practice
      .resume()
      .catch((error: unknown) => log.error('practice resume failed', { error }));
  }

  async function shutdown(): Promise<void> {
    const stopped = new Promise<void>((resolve) => http.close(() => resolve()));
    practice.close(); // the bots leave before their sockets are cut (PRACTICE-5)
    const sockets = [...wss.clients];
    heartbeat.stop();
    quota.close();
    documentQuota.close();
    for (const socket of sockets) socket.close(CLOSE_CODES.goingAway, 'server shutting down');
    await consequences.close();
    await asyncConsents.close();
    await accessWatch.close();
    await registry.close();
    await scaleOut.close();
    await storage.close();
    await access.close();
    await allClosed(sockets, CLOSE_GRACE_MS);
    http.closeAllConnections();
    await stopped;
    wss.close();
  }

  return {
    port: address.port,
    host: config.host,
    registry,
    consequences,
    asyncConsents,
    instanceId: scaleOut.instanceId,
    close() {
      closing ??= shutdown();
      return closing;
    },
  };
}

/** A close code's name in CLOSE_CODES (`writeRefused`, `rateLimited`…), for metric labels. */
function closeName(code: number): string {
  return Object.entries(CLOSE_CODES).find(([, value]) => value === code)?.[0] ?? String(code);
}

/** Waits for sockets to finish closing, then cuts the stragglers. */
async function allClosed(sockets: WebSocket[], timeoutMs: number): Promise<void> {
  const open = sockets.filter((s) => s.readyState !== s.CLOSED);
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([
    Promise.all(open.map((s) => new Promise((resolve) => s.once('close', resolve)))),
    new Promise((resolve) => (timer = setTimeout(resolve, timeoutMs))),
  ]);
  clearTimeout(timer);
  for (const socket of open) if (socket.readyState !== socket.CLOSED) socket.terminate();
}
