import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createServer as createNetServer, connect, type Server, type Socket } from 'node:net';
import { fileURLToPath } from 'node:url';
import { Redis } from 'ioredis';
import type { Config } from '../src/config.ts';
import type { ServerDeps } from '../src/server.ts';
import { startServer, waitFor } from './helpers.ts';

/**
 * Redis for tests (DESIGN 10): `REDIS_URL`, like `DATABASE_URL`, fails the
 * tests in CI when unset and skips them locally.
 */
export const REDIS_URL = process.env.RONDE_TEST_REDIS_URL ?? process.env.REDIS_URL ?? '';

export const CLUSTER_SECRET = 'cluster-test-secret-0123456789abcdef';

/** The settings three instances of one deployment share; a random prefix keeps test runs apart. */
export function clusterConfig(databaseUrl: string, redisUrl: string): Partial<Config> {
  return {
    databaseUrl,
    redisUrl,
    redisPrefix: `test-${randomBytes(4).toString('hex')}`,
    secret: CLUSTER_SECRET,
  };
}

/** An instance in this process (port 0, auth off, memory log). */
export function startInstance(
  dataDir: string,
  config: Partial<Config>,
  deps: ServerDeps = {},
): ReturnType<typeof startServer> {
  return startServer(dataDir, config, {
    relay: { reconcileIntervalMs: 500, gapGraceMs: 100 },
    ...deps,
  });
}

export interface ChildInstance {
  readonly child: ChildProcess;
  readonly port: number;
  readonly exited: Promise<unknown>;
}

const SERVER_DIR = fileURLToPath(new URL('..', import.meta.url));

/** `src/main.ts` as a child process with the cluster's settings; resolves once it listens. */
export async function spawnInstance(
  dataDir: string,
  config: Partial<Config>,
): Promise<ChildInstance> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', 'src/main.ts', '--port', '0', '--data-dir', dataDir, '--web-dir', dataDir],
    {
      cwd: SERVER_DIR,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: {
        ...process.env,
        LOG_LEVEL: 'info',
        RONDE_AUTH: 'off',
        DATABASE_URL: config.databaseUrl ?? '',
        REDIS_URL: config.redisUrl ?? '',
        RONDE_REDIS_PREFIX: config.redisPrefix ?? 'ronde',
        RONDE_SECRET: config.secret ?? '',
      },
    },
  );
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise((resolve) => child.on('exit', resolve));
  const port = await waitFor(
    () => {
      if (child.exitCode !== null) throw new Error(`instance exited: ${stderr}`);
      const line = stdout.split('\n').find((l) => l.includes('"msg":"listening"'));
      return line ? (JSON.parse(line) as { port: number }).port : null;
    },
    'the instance to listen',
    30_000,
  );
  return { child, port, exited };
}

export interface Balancer {
  readonly port: number;
  close(): Promise<void>;
}

/**
 * A TCP load balancer without sticky sessions: each new connection goes to
 * the first backend of `backends()` that accepts it, in order, so clients
 * fail over to the next instance when theirs is gone.
 */
export async function startBalancer(backends: () => readonly number[]): Promise<Balancer> {
  const sockets = new Set<Socket>();
  const server: Server = createNetServer((client) => {
    sockets.add(client);
    client.on('close', () => sockets.delete(client));
    client.on('error', () => client.destroy());
    client.pause();
    const tryBackend = (index: number): void => {
      const port = backends()[index];
      if (port === undefined) return void client.destroy();
      const upstream = connect(port, '127.0.0.1');
      let connected = false;
      upstream.on('error', () => {
        upstream.destroy();
        if (connected) client.destroy();
        else tryBackend(index + 1); // refused: that instance is gone, try the next
      });
      upstream.once('connect', () => {
        connected = true;
        sockets.add(upstream);
        upstream.on('close', () => {
          sockets.delete(upstream);
          client.destroy();
        });
        client.on('close', () => upstream.destroy());
        client.pipe(upstream);
        upstream.pipe(client);
        client.resume();
      });
    };
    tryBackend(0);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    port,
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

export interface OwnRedis {
  readonly url: string;
  /** Kills the server (SIGKILL): a crash, nothing said to the clients. */
  stop(): Promise<void>;
  /** Starts it again on the same port; resolves once it answers. */
  start(): Promise<void>;
}

/** A `redis-server` of the test's own on a free port, for tests that stop it. */
export async function startOwnRedis(): Promise<OwnRedis> {
  const port = await freePort();
  let child: ChildProcess | null = null;
  const start = async (): Promise<void> => {
    child = spawn(
      'redis-server',
      ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
      { stdio: 'ignore' },
    );
    await waitFor(async () => {
      const probe = new Redis({
        port,
        host: '127.0.0.1',
        lazyConnect: true,
        retryStrategy: () => null,
      });
      probe.on('error', () => undefined);
      try {
        await probe.connect();
        return (await probe.ping()) === 'PONG';
      } finally {
        probe.disconnect();
      }
    }, 'redis-server to answer');
  };
  await start();
  return {
    url: `redis://127.0.0.1:${port}`,
    async stop() {
      const running = child;
      // Killed before: a signal ends it with no exit code, and 'exit' will not come again.
      if (!running || running.exitCode !== null || running.signalCode !== null) return;
      const exited = new Promise((resolve) => running.once('exit', resolve));
      running.kill('SIGKILL');
      await exited;
    },
    start,
  };
}

async function freePort(): Promise<number> {
  const server = createNetServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return typeof address === 'object' && address ? address.port : 0;
}
