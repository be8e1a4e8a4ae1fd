import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { defaultConfig, type Config } from '../src/config.ts';
import { memoryLogger } from '../src/log.ts';
import { createServer, type RondeServer, type ServerDeps } from '../src/server.ts';
import { encodeSyncStep1 } from '../src/protocol.ts';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Polls `predicate` until it holds (or returns a truthy value), instead of a
 * fixed sleep. Throws with `what` after `timeout` ms: a safety net, not an
 * assertion on speed, so it is generous (a loaded CI machine is slow; the
 * server tests' own timeout is 30 s).
 */
export async function waitFor<T>(
  predicate: () => T | Promise<T>,
  what = 'condition',
  timeout = 25_000,
): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeout;
  let lastError: unknown;
  for (;;) {
    try {
      const value = await predicate();
      if (value) return value as NonNullable<T>;
    } catch (error) {
      lastError = error;
    }
    if (Date.now() > deadline) {
      const detail = lastError instanceof Error ? `: ${lastError.message}` : '';
      throw new Error(`timed out after ${timeout} ms waiting for ${what}${detail}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** A promise with its resolve function, to hold a step open in a test. */
export function gate(): { promise: Promise<void>; open: () => void } {
  let open = (): void => {};
  const promise = new Promise<void>((resolve) => (open = resolve));
  return { promise, open };
}

/** A temporary directory, removed by the returned cleanup. */
export function tempDir(prefix = 'ronde-test-'): { path: string; remove: () => void } {
  const path = mkdtempSync(join(tmpdir(), prefix));
  return { path, remove: () => rmSync(path, { recursive: true, force: true }) };
}

// --- servers and clients -------------------------------------------------

export const ROOM = 'spTest01/proposal/prTest01';

/** A real server on port 0, logging into memory. */
export async function startServer(
  dataDir: string,
  config: Partial<Config> = {},
  deps: ServerDeps = {},
): Promise<RondeServer & { log: ReturnType<typeof memoryLogger> }> {
  const log = memoryLogger('debug');
  const server = await createServer(
    // Protocol, storage and limit tests run without tokens (auth 'off');
    // authentication has its own tests (trust.test.ts) with auth 'required'.
    {
      ...defaultConfig(),
      port: 0,
      dataDir,
      webDir: join(dataDir, 'no-web'),
      auth: 'off',
      ...config,
    },
    { log, ...deps },
  );
  return Object.assign(server, { log });
}

/** The stock y-websocket client, in Node, with `ws` (and no BroadcastChannel shortcut). */
export function connectProvider(
  port: number,
  room = ROOM,
  doc = new Y.Doc(),
): { doc: Y.Doc; provider: WebsocketProvider } {
  const provider = new WebsocketProvider(`ws://127.0.0.1:${port}/sync`, room, doc, {
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    disableBc: true,
    maxBackoffTime: 200,
  });
  return { doc, provider };
}

export interface RawClient {
  readonly socket: WebSocket;
  readonly messages: Uint8Array[];
  readonly closed: Promise<{ code: number; reason: string }>;
  readonly opened: Promise<void>;
}

/** A bare WebSocket that records what the server sends, for protocol-level checks. */
export function rawClient(port: number, path = `/sync/${ROOM}`): RawClient {
  const socket = new WebSocket(`ws://127.0.0.1:${port}${path}`);
  const messages: Uint8Array[] = [];
  socket.on('message', (data: Buffer) => messages.push(new Uint8Array(data)));
  socket.on('error', () => {});
  const closed = new Promise<{ code: number; reason: string }>((resolve) =>
    socket.on('close', (code, reason) => resolve({ code, reason: reason.toString() })),
  );
  const opened = new Promise<void>((resolve, reject) => {
    socket.on('open', () => resolve());
    socket.on('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
    socket.on('error', reject);
  });
  opened.catch(() => {});
  return { socket, messages, closed, opened };
}

/** The HTTP status an upgrade to `path` is refused with (optionally with headers, e.g. Origin). */
export function upgradeStatus(
  port: number,
  path: string,
  headers: Record<string, string> = {},
): Promise<number> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(`ws://127.0.0.1:${port}${path}`, { headers });
    socket.on('unexpected-response', (_req, res) => {
      resolve(res.statusCode ?? 0);
      socket.terminate();
    });
    socket.on('open', () => {
      socket.terminate();
      reject(new Error(`upgrade to ${path} was accepted`));
    });
    socket.on('error', (error) => reject(error));
  });
}

/** An empty sync step 1: "send me everything". */
export function askForEverything(): Uint8Array {
  return encodeSyncStep1(new Y.Doc());
}

export interface ChildServer {
  readonly child: ChildProcess;
  readonly port: number;
  readonly lines: Record<string, unknown>[];
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

const SERVER_DIR = fileURLToPath(new URL('..', import.meta.url));

/**
 * `node --import tsx src/main.ts` as a child process; resolves once it logs
 * "listening". Auth is off unless asked (`secret`: `RONDE_SECRET`); `sqlite`
 * keeps it on SQLite in the data dir even when the tests run with `DATABASE_URL`.
 */
export async function spawnServer(
  dataDir: string,
  options: { auth?: 'off' | 'required'; secret?: string; sqlite?: boolean } = {},
): Promise<ChildServer> {
  const env: NodeJS.ProcessEnv = { ...process.env, LOG_LEVEL: 'info' };
  if (options.secret) env.RONDE_SECRET = options.secret;
  if (options.sqlite) {
    delete env.DATABASE_URL;
    delete env.REDIS_URL;
  }
  const child = spawn(
    process.execPath,
    // auth off: these tests are about durability, not tokens (see trust.test.ts).
    [
      '--import',
      'tsx',
      'src/main.ts',
      '--port',
      '0',
      '--data-dir',
      dataDir,
      '--web-dir',
      dataDir,
      '--auth',
      options.auth ?? 'off',
    ],
    {
      cwd: SERVER_DIR,
      stdio: ['ignore', 'pipe', 'pipe'],
      env,
    },
  );
  const lines: Record<string, unknown>[] = [];
  let buffered = '';
  let stderr = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    buffered += chunk.toString();
    const parts = buffered.split('\n');
    buffered = parts.pop() ?? '';
    for (const line of parts)
      if (line.trim()) lines.push(JSON.parse(line) as Record<string, unknown>);
  });
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on('exit', (code, signal) => resolve({ code, signal })),
  );
  let gone = false;
  void exited.then(() => (gone = true));
  const listening = await waitFor(
    () => {
      if (gone) throw new Error(`server exited: ${stderr}`);
      return lines.find((line) => line.msg === 'listening');
    },
    'the "listening" line',
    20_000,
  ).catch((error: unknown) => {
    child.kill('SIGKILL');
    throw error;
  });
  return { child, port: listening.port as number, lines, exited };
}

// --- access (docs/trust-api.md) -----------------------------------------

export interface ApiAnswer<T = unknown> {
  readonly status: number;
  readonly body: T;
  readonly headers: Headers;
}

/** One JSON API call; `token` goes in `Authorization: Bearer`. */
export async function api<T = Record<string, unknown>>(
  port: number,
  method: string,
  path: string,
  options: { body?: unknown; token?: string; headers?: Record<string, string> } = {},
): Promise<ApiAnswer<T>> {
  const headers: Record<string, string> = { ...options.headers };
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  const res = await fetch(`http://127.0.0.1:${port}${path}`, {
    method,
    headers,
    ...(options.body !== undefined ? { body: JSON.stringify(options.body) } : {}),
  });
  const text = await res.text();
  return { status: res.status, body: (text ? JSON.parse(text) : null) as T, headers: res.headers };
}

export interface Grant {
  readonly spaceId: string;
  readonly userId: string;
  readonly key: string;
  readonly role: string;
  readonly token: string;
}

export interface CreatedSpace extends Grant {
  /** The default member invite's code. */
  readonly inviteCode: string;
  readonly body: Record<string, unknown>;
}

/**
 * `POST /api/spaces`; the creator's admin grant and the default invite's
 * code. The creator is named Ada, or unnamed with `memberName` null.
 */
export async function createSpaceOverHttp(
  port: number,
  headers: Record<string, string> = {},
  memberName: string | null = 'Ada',
): Promise<CreatedSpace> {
  const answer = await api<{
    id: string;
    member: { userId: string; key: string; role: string };
    session: { token: string };
    invite: { code: string };
  }>(port, 'POST', '/api/spaces', {
    body: { name: 'Coop', circleName: 'General', ...(memberName === null ? {} : { memberName }) },
    headers,
  });
  if (answer.status !== 201) throw new Error(`create space: HTTP ${answer.status}`);
  const { id, member, session, invite } = answer.body;
  return {
    spaceId: id,
    userId: member.userId,
    key: member.key,
    role: member.role,
    token: session.token,
    inviteCode: invite.code,
    body: answer.body as unknown as Record<string, unknown>,
  };
}

/** `POST /api/invites/redeem`; throws unless it is 201. */
export async function redeemOverHttp(port: number, code: string, name = 'Bea'): Promise<Grant> {
  const answer = await api<{
    spaceId: string;
    member: { userId: string; key: string; role: string };
    session: { token: string };
  }>(port, 'POST', '/api/invites/redeem', { body: { code, name } });
  if (answer.status !== 201) throw new Error(`redeem: HTTP ${answer.status}`);
  const { spaceId, member, session } = answer.body;
  return {
    spaceId,
    userId: member.userId,
    key: member.key,
    role: member.role,
    token: session.token,
  };
}

/** A new invite of `role` (admin token), returning its code. */
export async function inviteOverHttp(
  port: number,
  admin: Grant,
  role: string,
  extra: { expiresAt?: number; maxUses?: number } = {},
): Promise<{ id: string; code: string }> {
  const answer = await api<{ id: string; code: string }>(
    port,
    'POST',
    `/api/spaces/${admin.spaceId}/invites`,
    { token: admin.token, body: { role, ...extra } },
  );
  if (answer.status !== 201) throw new Error(`invite: HTTP ${answer.status}`);
  return answer.body;
}

/** The stock provider with `params: { token }`, as the web app connects. */
export function connectWithToken(
  port: number,
  room: string,
  token: string,
  doc = new Y.Doc(),
): { doc: Y.Doc; provider: WebsocketProvider } {
  const provider = new WebsocketProvider(`ws://127.0.0.1:${port}/sync`, room, doc, {
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    disableBc: true,
    maxBackoffTime: 200,
    params: { token },
  });
  return { doc, provider };
}

/** A token's payload, decoded (without verifying it). */
export function tokenPayload(token: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(token.split('.')[0] ?? '', 'base64url').toString('utf8')) as Record<
    string,
    unknown
  >;
}
