import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readBuckets, type Buckets } from './storeLatency.ts';
import type { Dialect, Target } from './syncClient.ts';

/** One server under test: how to start it, and how its clients get a room and a token. */
export interface ServerKind {
  readonly name: string;
  readonly dialect: Dialect;
  /** Keeps documents across a restart (only these have a cold load). */
  readonly persistent: boolean;
  /**
   * A reference line, not a peer (`floor`): it keeps no document, so it has
   * no join storm, and it is never the best peer.
   */
  readonly reference?: boolean;
  readonly command: (port: number, dataDir: string) => SpawnSpec;
  /** A space (Ronde) or a name prefix (peers), and a token good for its rooms. */
  readonly grant: (server: RunningServer) => Promise<Grant>;
  /** Its own histogram of appends' durations, where it keeps one (Ronde's `/metrics`). */
  readonly storeBuckets?: (server: RunningServer) => Promise<Buckets>;
}

export interface SpawnSpec {
  readonly args: readonly string[];
  readonly cwd: string;
  readonly env: Record<string, string>;
  /** A stdout line that says the server accepts connections. */
  readonly ready: RegExp;
}

export interface Grant {
  readonly spaceId: string;
  readonly token: string;
}

export interface RunningServer {
  readonly kind: ServerKind;
  readonly pid: number;
  readonly port: number;
  readonly target: Target;
  readonly stop: () => Promise<void>;
}

const BENCH_DIR = fileURLToPath(new URL('..', import.meta.url));

/** A free TCP port on loopback (the peers' command lines need one up front). */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.on('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

let counter = 0;
/** Room ids the way Ronde wants them (6–64 of [A-Za-z0-9_-]); any name suits the peers. */
export function benchId(prefix: string): string {
  counter += 1;
  return `${prefix}${process.pid.toString(36)}x${counter.toString(36).padStart(4, '0')}`;
}

const anyToken = async (): Promise<Grant> => ({ spaceId: benchId('sp'), token: 'bench' });

export interface RondeOptions {
  /** Each Ronde process writes a V8 CPU profile there when it exits (`--profile`). */
  readonly profileDir?: string | undefined;
  /** `ronde-b` for a second build measured beside the first (`--ronde-b`). */
  readonly name?: string;
  /** Its own environment (`--env-b`). */
  readonly env?: Record<string, string>;
  /** Options for node itself, before the entry (`--node-args-b`: V8 flags such as `--trace-gc`). */
  readonly nodeArgs?: readonly string[];
}

/** Ronde: auth on, SQLite in the data dir; limits meant for one person raised for a load test. */
export function rondeKind(
  source: { serverDir: string; entry: readonly string[] },
  { profileDir, name = 'ronde', env = {}, nodeArgs = [] }: RondeOptions = {},
): ServerKind {
  return {
    name,
    dialect: 'y-websocket',
    persistent: true,
    command: (port, dataDir) => ({
      args: [
        ...(profileDir ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : []),
        ...nodeArgs,
        ...source.entry,
        '--port',
        String(port),
        '--data-dir',
        dataDir,
        '--web-dir',
        dataDir,
        '--auth',
        'required',
        // Every bench client comes from 127.0.0.1, a few members hold them all.
        '--max-connections-per-ip',
        '1000000',
        '--max-connections-per-member',
        '1000000',
        '--rate-spaces-per-address',
        '1000000',
      ],
      cwd: source.serverDir,
      env: { LOG_LEVEL: 'info', ...env },
      ready: /"msg":"listening"/,
    }),
    grant: async (server) => {
      const res = await fetch(`http://127.0.0.1:${server.port}/api/spaces`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ name: 'Bench', circleName: 'General', memberName: 'Bench' }),
      });
      if (res.status !== 201) throw new Error(`ronde: create space: HTTP ${res.status}`);
      const body = (await res.json()) as { id: string; session: { token: string } };
      return { spaceId: body.id, token: body.session.token };
    },
    storeBuckets: (server) => readBuckets(server.port),
  };
}

/** `@y/websocket-server`'s own executable; YPERSISTENCE turns on its LevelDB store. */
export function yWebsocketKind(withLevelDb: boolean): ServerKind {
  const bin = fileURLToPath(import.meta.resolve('@y/websocket-server/utils'));
  return {
    name: withLevelDb ? 'y-ws+leveldb' : 'y-ws',
    dialect: 'y-websocket',
    persistent: withLevelDb,
    command: (port, dataDir) => ({
      args: [bin.replace(/utils\.js$/, 'server.js')],
      cwd: BENCH_DIR,
      env: {
        HOST: '127.0.0.1',
        PORT: String(port),
        ...(withLevelDb ? { YPERSISTENCE: dataDir } : {}),
      },
      ready: /running at/,
    }),
    grant: anyToken,
  };
}

/** Hocuspocus with its defaults, with or without its SQLite extension (peers/hocuspocus.mjs, plain JavaScript like the other peer). */
export function hocuspocusKind(withSqlite: boolean): ServerKind {
  return {
    name: withSqlite ? 'hocus+sqlite' : 'hocuspocus',
    dialect: 'hocuspocus',
    persistent: withSqlite,
    command: (port, dataDir) => ({
      args: ['src/peers/hocuspocus.mjs', String(port), withSqlite ? dataDir : ''],
      cwd: BENCH_DIR,
      env: {},
      ready: /^listening/m,
    }),
    grant: anyToken,
  };
}

/**
 * The floor (src/peers/floor.mjs): no document, no store, every message's
 * bytes sent on to the room's other clients with `ws.send`; what reading and
 * sending alone cost.
 */
export function floorKind(): ServerKind {
  return {
    name: 'floor',
    dialect: 'y-websocket',
    persistent: false,
    reference: true,
    command: (port) => ({
      args: ['src/peers/floor.mjs', String(port)],
      cwd: BENCH_DIR,
      env: {},
      ready: /^listening/m,
    }),
    grant: anyToken,
  };
}

/**
 * Starts a server pinned to `cpu` (taskset, when there is one) and waits for
 * its ready line. `logDir`: its whole stdout and stderr also go to
 * `<logDir>/<name>-<pid>.log` (`--server-log`, e.g. with `--trace-gc`).
 */
export async function startServer(
  kind: ServerKind,
  dataDir: string,
  cpu: number | null,
  logDir?: string,
): Promise<RunningServer> {
  const port = await freePort();
  const spec = kind.command(port, dataDir);
  // Ronde's embedded SQLite is what is measured, whatever this shell points at.
  const env: NodeJS.ProcessEnv = { ...process.env, ...spec.env };
  delete env.DATABASE_URL;
  delete env.REDIS_URL;
  const nodeArgs = [process.execPath, ...spec.args];
  const child: ChildProcess =
    cpu === null
      ? spawn(nodeArgs[0]!, nodeArgs.slice(1), {
          cwd: spec.cwd,
          env,
          stdio: ['ignore', 'pipe', 'pipe'],
        })
      : spawn('taskset', ['-c', String(cpu), ...nodeArgs], {
          cwd: spec.cwd,
          env,
          stdio: ['ignore', 'pipe', 'pipe'],
        });
  if (logDir && child.pid !== undefined) {
    const file = createWriteStream(join(logDir, `${kind.name}-${child.pid}.log`));
    child.stdout?.pipe(file);
    child.stderr?.pipe(file);
  }
  let output = '';
  const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${kind.name} did not start in 30 s:\n${output.slice(-2000)}`));
    }, 30_000);
    const onData = (chunk: Buffer): void => {
      output += chunk.toString();
      if (spec.ready.test(output)) {
        clearTimeout(timer);
        resolve();
      }
      // Keep only the tail: a long run must not hold its whole log.
      if (output.length > 100_000) output = output.slice(-10_000);
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    void exited.then(() => {
      clearTimeout(timer);
      reject(new Error(`${kind.name} exited before it was ready:\n${output.slice(-2000)}`));
    });
  });
  const pid = child.pid;
  if (pid === undefined) throw new Error(`${kind.name}: no pid`);
  return {
    kind,
    pid,
    port,
    target: { dialect: kind.dialect, origin: `ws://127.0.0.1:${port}` },
    stop: async () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    },
  };
}
