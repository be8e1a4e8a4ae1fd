// Protocol fuzz: a seeded barrage of random and mutated-valid y-websocket
// messages against a real server, then checks that it still serves.
//
//   node --expose-gc --import tsx apps/server/bench/protocolFuzz.ts
//   PROTOCOL_FUZZ_MESSAGES=200000 PROTOCOL_FUZZ_SEED=42 node --expose-gc --import tsx apps/server/bench/protocolFuzz.ts
//   … --smoke (or BENCH_SMOKE=1): 1,000 messages, seed 1 (pnpm bench:smoke)
//
// Defaults: 100,000 messages, a seed from the clock (printed, to replay a
// run). The same engine runs, bounded, in test/protocolFuzz.test.ts.
//
// Each "session" opens a socket to one of the rooms (proposal, meeting and
// space rooms of one space), sends a burst of 1–16 messages, then a time
// message, and waits for its answer or for the server to close the socket
// (most bad messages close it: 4400, 1009…). Messages:
// - random bytes; text frames; frames over the server's max message size;
// - valid messages (sync step 1/2, updates from real Y.Docs, including
//   process events by the member and by someone else in meeting rooms,
//   awareness, query awareness, time), sent as they are or mutated by bit
//   flips, truncation, varint inflation (huge lengths), duplicated bytes,
//   wrong message/sync types, trailing garbage or two messages spliced.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import WebSocket from 'ws';
import { Awareness, encodeAwarenessUpdate } from 'y-protocols/awareness';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { defaultConfig, type Config } from '../src/config.ts';
import { DEFAULT_LIMITS } from '../src/limits.ts';
import { memoryLogger } from '../src/log.ts';
import { encodeSyncStep1, encodeUpdate, MESSAGE_SYNC, MESSAGE_TIME } from '../src/protocol.ts';
import { createServer } from '../src/server.ts';

// --- seeded randomness ---------------------------------------------------

export type Rng = () => number;

/** mulberry32: small, fast, good enough for fuzzing; same seed, same run. */
export function createRng(seed: number): Rng {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const int = (rng: Rng, n: number): number => Math.floor(rng() * n);
const pick = <T>(rng: Rng, items: readonly T[]): T => items[int(rng, items.length)] as T;

function randomBytes(rng: Rng, length: number): Uint8Array {
  const bytes = new Uint8Array(length);
  for (let i = 0; i < length; i++) bytes[i] = int(rng, 256);
  return bytes;
}

// --- messages --------------------------------------------------------------

export interface FuzzMessage {
  readonly kind: string;
  readonly data: Uint8Array | string;
}

/** What the generators know of a room: a client doc kept roughly in step with it. */
interface RoomModel {
  readonly name: string;
  readonly meeting: boolean;
  doc: Y.Doc;
  awareness: Awareness;
}

/**
 * Now and then the model starts over from an empty doc: updates the server
 * refused (someone else's process event) would otherwise make every later one
 * depend on them, and be refused too.
 */
function maybeReset(rng: Rng, room: RoomModel): void {
  if (rng() >= 0.1) return;
  room.awareness.destroy();
  room.doc.destroy();
  room.doc = new Y.Doc();
  room.awareness = new Awareness(room.doc);
}

function frame(write: (e: encoding.Encoder) => void): Uint8Array {
  const e = encoding.createEncoder();
  write(e);
  return encoding.toUint8Array(e);
}

/** A real update from the room's model doc: text, map, array, or (meeting) a process event. */
function realUpdate(rng: Rng, room: RoomModel, userId: string): Uint8Array {
  const before = Y.encodeStateVector(room.doc);
  const roll = rng();
  if (room.meeting && roll < 0.4) {
    const by = rng() < 0.7 ? userId : pick(rng, ['u1someoneElse', '', 42, null]);
    const value = rng() < 0.9 ? { id: `ev${int(rng, 1e9)}`, type: 'step.next', by, at: 1 } : 'x';
    room.doc.getArray('log').push([value]);
  } else if (roll < 0.6) {
    // 'title' is a proposal's own text (accepted while a draft); elsewhere the policy refuses it.
    const text = room.doc.getText(rng() < 0.8 ? 'title' : 'notes');
    if (text.length > 0 && rng() < 0.3) text.delete(int(rng, text.length), 1);
    else
      text.insert(
        int(rng, text.length + 1),
        String.fromCharCode(97 + int(rng, 26)).repeat(1 + int(rng, 20)),
      );
  } else if (roll < 0.8) {
    room.doc
      .getMap('meta')
      .set(`k${int(rng, 10)}`, rng() < 0.5 ? int(rng, 1000) : { nested: [1, 'two'] });
  } else {
    room.doc.getArray('items').insert(0, [int(rng, 100)]);
  }
  return Y.encodeStateAsUpdate(room.doc, before);
}

function validMessage(rng: Rng, room: RoomModel, userId: string): FuzzMessage {
  const roll = int(rng, 8);
  switch (roll) {
    case 0:
      return { kind: 'sync-step1', data: encodeSyncStep1(rng() < 0.5 ? room.doc : new Y.Doc()) };
    case 1:
      return {
        kind: 'sync-step2',
        data: frame((e) => {
          encoding.writeVarUint(e, MESSAGE_SYNC);
          encoding.writeVarUint(e, 1);
          encoding.writeVarUint8Array(e, Y.encodeStateAsUpdate(room.doc));
        }),
      };
    case 2:
    case 3:
      return { kind: 'update', data: encodeUpdate(realUpdate(rng, room, userId)) };
    case 4: {
      room.awareness.setLocalState(
        rng() < 0.1 ? null : { user: { name: `fuzz${int(rng, 100)}` }, cursor: int(rng, 1000) },
      );
      const update = encodeAwarenessUpdate(room.awareness, [room.awareness.clientID]);
      return {
        kind: 'awareness',
        data: frame((e) => {
          encoding.writeVarUint(e, 1);
          encoding.writeVarUint8Array(e, update);
        }),
      };
    }
    case 5:
      return { kind: 'query-awareness', data: new Uint8Array([3]) };
    case 6:
      return {
        kind: 'time',
        data: frame((e) => {
          encoding.writeVarUint(e, MESSAGE_TIME);
          encoding.writeVarUint(e, int(rng, 2 ** 40));
        }),
      };
    default:
      return { kind: 'empty-update', data: encodeUpdate(new Uint8Array([0, 0])) };
  }
}

/** A huge varint (5–10 bytes), as a length or a type. */
function hugeVarint(rng: Rng): number[] {
  const bytes = Array.from({ length: 4 + int(rng, 6) }, () => 0x80 | int(rng, 128));
  bytes.push(int(rng, 128));
  return bytes;
}

function mutate(rng: Rng, bytes: Uint8Array, other: Uint8Array): { how: string; data: Uint8Array } {
  const copy = new Uint8Array(bytes);
  const at = (n: number): number => int(rng, Math.max(1, n));
  switch (int(rng, 8)) {
    case 0: {
      const flips = 1 + int(rng, 8);
      for (let i = 0; i < flips && copy.length > 0; i++) {
        const index = at(copy.length);
        copy[index] = (copy[index] ?? 0) ^ (1 << int(rng, 8));
      }
      return { how: 'bit-flip', data: copy };
    }
    case 1:
      return { how: 'truncate', data: copy.subarray(0, at(copy.length)) };
    case 2: {
      // Replace a byte (often a length: positions 1–3) by a huge varint.
      const index = rng() < 0.6 ? Math.min(copy.length - 1, 1 + int(rng, 3)) : at(copy.length);
      const out = [
        ...copy.subarray(0, Math.max(0, index)),
        ...hugeVarint(rng),
        ...copy.subarray(index + 1),
      ];
      return { how: 'varint-inflate', data: new Uint8Array(out) };
    }
    case 3: {
      const start = at(copy.length);
      const end = Math.min(copy.length, start + 1 + int(rng, 32));
      const slice = copy.subarray(start, end);
      return {
        how: 'duplicate',
        data: new Uint8Array([...copy.subarray(0, end), ...slice, ...copy.subarray(end)]),
      };
    }
    case 4: {
      // Wrong message type, or wrong sync type.
      if (rng() < 0.5 || copy.length < 2) copy[0] = pick(rng, [0, 1, 2, 3, 4, 5, 127, 255]);
      else copy[1] = pick(rng, [0, 1, 2, 3, 9, 255]);
      return { how: 'wrong-type', data: copy };
    }
    case 5:
      return {
        how: 'trailing',
        data: new Uint8Array([...copy, ...randomBytes(rng, 1 + int(rng, 16))]),
      };
    case 6:
      return {
        how: 'splice',
        data: new Uint8Array([
          ...copy.subarray(0, at(copy.length)),
          ...other.subarray(at(other.length)),
        ]),
      };
    default: {
      const index = at(copy.length);
      copy[index] = int(rng, 256);
      return { how: 'byte-replace', data: copy };
    }
  }
}

export function fuzzMessage(
  rng: Rng,
  room: RoomModel,
  userId: string,
  maxMessageBytes: number,
): FuzzMessage {
  const roll = rng();
  if (roll < 0.15) {
    const length = rng() < 0.9 ? int(rng, 64) : int(rng, 4096);
    return { kind: 'random', data: randomBytes(rng, length) };
  }
  if (roll < 0.18) {
    return {
      kind: 'text',
      data: rng() < 0.5 ? '\u0000\u0001hello' : JSON.stringify({ type: 'sync', n: int(rng, 9) }),
    };
  }
  if (roll < 0.19) {
    const data = new Uint8Array(maxMessageBytes + 1 + int(rng, 1024));
    data[0] = MESSAGE_SYNC;
    return { kind: 'oversized', data };
  }
  const valid = validMessage(rng, room, userId);
  if (roll < 0.45) return valid;
  const other = validMessage(rng, room, userId).data as Uint8Array;
  const { how, data } = mutate(rng, valid.data as Uint8Array, other);
  return { kind: `${valid.kind}/${how}`, data };
}

// --- the run -----------------------------------------------------------------

export interface FuzzOptions {
  readonly port: number;
  readonly rooms: readonly string[];
  readonly seed: number;
  readonly messages: number;
  /** Sockets open at once. */
  readonly concurrency?: number;
  /** Appended as `?token=`; rooms must then be in the token's space. */
  readonly token?: string;
  readonly userId?: string;
  readonly maxMessageBytes: number;
}

export interface FuzzStats {
  messages: number;
  sessions: number;
  refusedUpgrades: number;
  /** How sessions ended: server close code (or "open" when the client closed it). */
  closes: Record<string, number>;
  kinds: Record<string, number>;
  ms: number;
}

const count = (record: Record<string, number>, key: string): void => {
  record[key] = (record[key] ?? 0) + 1;
};

/**
 * Sends `messages` fuzz messages, in sessions of 1–16 over fresh sockets,
 * `concurrency` sessions at a time. Resolves with what happened.
 */
export async function runProtocolFuzz(options: FuzzOptions): Promise<FuzzStats> {
  const rng = createRng(options.seed);
  const userId = options.userId ?? 'u1fuzz';
  const models: RoomModel[] = options.rooms.map((name) => {
    const doc = new Y.Doc();
    const awareness = new Awareness(doc);
    return { name, meeting: name.includes('/meeting/'), doc, awareness };
  });
  const stats: FuzzStats = {
    messages: 0,
    sessions: 0,
    refusedUpgrades: 0,
    closes: {},
    kinds: {},
    ms: 0,
  };
  const start = performance.now();
  let budget = options.messages;

  async function session(): Promise<void> {
    const room = pick(rng, models);
    maybeReset(rng, room);
    const burst = Math.min(budget, 1 + int(rng, 16));
    budget -= burst;
    const batch = Array.from({ length: burst }, () =>
      fuzzMessage(rng, room, userId, options.maxMessageBytes),
    );
    const query = options.token ? `?token=${encodeURIComponent(options.token)}` : '';
    const socket = new WebSocket(`ws://127.0.0.1:${options.port}/sync/${room.name}${query}`);
    stats.sessions++;
    const ended = new Promise<string>((resolve) => {
      socket.on('close', (code) => resolve(String(code)));
      socket.on('unexpected-response', (_req, res) => {
        resolve(`http ${res.statusCode ?? 0}`);
        socket.terminate();
      });
      socket.on('error', () => resolve('error'));
    });
    const opened = await Promise.race([
      new Promise<boolean>((resolve) => socket.on('open', () => resolve(true))),
      ended.then(() => false),
    ]);
    if (!opened) {
      stats.refusedUpgrades++;
      count(stats.closes, await ended);
      budget += burst; // nothing was sent
      return;
    }
    // Learn from what the server sends: keeps the model doc near the room's state.
    socket.on('message', (data: Buffer, isBinary: boolean) => {
      if (!isBinary || data[0] !== MESSAGE_SYNC || data[1] === 0) return;
      try {
        const decoder = decoding.createDecoder(new Uint8Array(data));
        decoding.readVarUint(decoder);
        decoding.readVarUint(decoder);
        Y.applyUpdate(room.doc, decoding.readVarUint8Array(decoder));
      } catch {
        // a model that drifts is fine
      }
    });
    for (const message of batch) {
      if (socket.readyState !== WebSocket.OPEN) break;
      count(stats.kinds, message.kind.split('/')[1] ?? message.kind);
      stats.messages++;
      socket.send(message.data, { binary: typeof message.data !== 'string' });
    }
    // A time message last: its answer means the server has handled the burst.
    if (socket.readyState === WebSocket.OPEN) {
      const answered = new Promise<void>((resolve) =>
        socket.on('message', (data: Buffer) => {
          if (data[0] === MESSAGE_TIME) resolve();
        }),
      );
      socket.send(new Uint8Array([MESSAGE_TIME, 1]));
      const timer = new Promise<void>((resolve) => setTimeout(resolve, 2000).unref());
      const how = await Promise.race([
        answered.then(() => 'answered'),
        ended,
        timer.then(() => 'timeout'),
      ]);
      if (how === 'answered' || how === 'timeout') {
        count(stats.closes, how === 'answered' ? 'open' : 'no answer');
        socket.close();
        await ended;
        return;
      }
      count(stats.closes, how);
      return;
    }
    count(stats.closes, await ended);
  }

  const workers = Array.from({ length: options.concurrency ?? 8 }, async () => {
    while (budget > 0) await session();
  });
  await Promise.all(workers);
  for (const model of models) {
    model.awareness.destroy();
    model.doc.destroy();
  }
  stats.ms = performance.now() - start;
  return stats;
}

// --- checks after the barrage ------------------------------------------------------

/** Two stock clients in `room`: one writes, the other must read it. */
export async function roundTrip(port: number, room: string, token?: string): Promise<void> {
  const marker = `round-trip ${Math.random()}`;
  const open = (): { doc: Y.Doc; provider: WebsocketProvider } => {
    const doc = new Y.Doc();
    const provider = new WebsocketProvider(`ws://127.0.0.1:${port}/sync`, room, doc, {
      WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
      disableBc: true,
      maxBackoffTime: 200,
      ...(token ? { params: { token } } : {}),
    });
    return { doc, provider };
  };
  const writer = open();
  const reader = open();
  try {
    await until(
      () => writer.provider.synced && reader.provider.synced,
      `both clients synced in ${room}`,
    );
    // Somewhere the write policy lets a member write in each kind of room (SPEC WRITE-*).
    const kind = room.split('/')[1];
    const written = (doc: Y.Doc): unknown =>
      kind === 'meeting'
        ? doc.getMap('agenda').get(markerId)
        : kind === 'space'
          ? doc.getMap('proposals').get(markerId)
          : doc.getText('title').toString().includes(marker);
    const markerId = `rt${Math.random().toString(36).slice(2, 12)}`;
    if (kind === 'proposal') writer.doc.getText('title').insert(0, marker);
    else {
      const root = kind === 'meeting' ? 'agenda' : 'proposals';
      const entry = new Y.Map<unknown>();
      entry.set('id', markerId);
      if (kind === 'meeting') entry.set('createdBy', userIdOf(token));
      writer.doc.getMap(root).set(markerId, entry);
    }
    await until(() => Boolean(written(reader.doc)), `the round trip in ${room}`);
  } finally {
    for (const client of [writer, reader]) {
      client.provider.destroy();
      client.doc.destroy();
    }
  }
}

/** The member id a session token names (its payload's `sub`), or '' without one. */
function userIdOf(token: string | undefined): string {
  if (!token) return '';
  const payload = JSON.parse(
    Buffer.from(token.split('.')[0] ?? '', 'base64url').toString('utf8'),
  ) as {
    sub?: string;
  };
  return payload.sub ?? '';
}

async function until(predicate: () => boolean, what: string, timeout = 10_000): Promise<void> {
  const deadline = Date.now() + timeout;
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** A space to fuzz in: its id, and a session token when the server issues one. */
export async function createFuzzSpace(
  port: number,
): Promise<{ spaceId: string; token?: string; userId?: string }> {
  const res = await fetch(`http://127.0.0.1:${port}/api/spaces`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ name: 'Fuzz', circleName: 'Fuzzers' }),
  });
  if (res.status !== 201) throw new Error(`POST /api/spaces: ${res.status}`);
  const body = (await res.json()) as {
    id: string;
    session?: { token: string };
    member?: { userId: string };
  };
  return {
    spaceId: body.id,
    ...(body.session ? { token: body.session.token } : {}),
    ...(body.member ? { userId: body.member.userId } : {}),
  };
}

export function fuzzRooms(spaceId: string): string[] {
  return [
    `${spaceId}/space/${spaceId}`,
    `${spaceId}/proposal/prFuzz01`,
    `${spaceId}/proposal/prFuzz02`,
    `${spaceId}/meeting/mtFuzz01`,
    `${spaceId}/meeting/mtFuzz02`,
  ];
}

export function fuzzSettings(
  env: Readonly<Record<string, string | undefined>>,
  defaults: { messages: number; seed?: number },
): { messages: number; seed: number } {
  const messages = Number(env.PROTOCOL_FUZZ_MESSAGES ?? defaults.messages);
  const seed = Number(env.PROTOCOL_FUZZ_SEED ?? defaults.seed ?? Date.now() % 2 ** 31);
  if (!Number.isInteger(messages) || messages < 0)
    throw new Error('PROTOCOL_FUZZ_MESSAGES must be an integer');
  if (!Number.isInteger(seed)) throw new Error('PROTOCOL_FUZZ_SEED must be an integer');
  return { messages, seed };
}

/** A smaller message limit than the default 8 MiB, so oversized frames stay cheap to send. */
export const FUZZ_MAX_MESSAGE_BYTES = 64 * 1024;

export function fuzzConfig(dataDir: string): Config {
  return {
    ...defaultConfig(),
    port: 0,
    dataDir,
    webDir: join(dataDir, 'no-web'),
    limits: { ...DEFAULT_LIMITS, maxMessageBytes: FUZZ_MAX_MESSAGE_BYTES },
  };
}

const mb = (bytes: number): string => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

async function main(): Promise<void> {
  process.setMaxListeners(0);
  // --smoke (or BENCH_SMOKE=1, pnpm bench:smoke): a short, fixed-seed run, so the bench cannot rot.
  const smoke = process.argv.includes('--smoke') || process.env.BENCH_SMOKE === '1';
  const { messages, seed } = fuzzSettings(
    process.env,
    smoke ? { messages: 1_000, seed: 1 } : { messages: 100_000 },
  );
  console.log(
    `protocol fuzz: ${messages} messages, seed ${seed} (PROTOCOL_FUZZ_SEED=${seed} to replay)`,
  );
  const dataDir = mkdtempSync(join(tmpdir(), 'ronde-fuzz-'));
  const log = memoryLogger('silent');
  const server = await createServer(fuzzConfig(dataDir), { log });
  const gc = (globalThis as { gc?: () => void }).gc;
  try {
    const space = await createFuzzSpace(server.port);
    const rooms = fuzzRooms(space.spaceId);
    await roundTrip(server.port, rooms[1] as string, space.token);
    gc?.();
    const before = process.memoryUsage();
    const stats = await runProtocolFuzz({
      port: server.port,
      rooms,
      seed,
      messages,
      maxMessageBytes: FUZZ_MAX_MESSAGE_BYTES,
      concurrency: 16,
      ...(space.token ? { token: space.token } : {}),
      ...(space.userId ? { userId: space.userId } : {}),
    });
    await roundTrip(server.port, `${space.spaceId}/proposal/prFresh01`, space.token);
    await roundTrip(server.port, rooms[3] as string, space.token);
    const health = await fetch(`http://127.0.0.1:${server.port}/healthz`);
    gc?.();
    const after = process.memoryUsage();
    console.log(
      `${stats.messages} messages in ${stats.sessions} sessions, ${(stats.ms / 1000).toFixed(1)} s ` +
        `(${Math.round(stats.messages / (stats.ms / 1000))} messages/s); refused upgrades ${stats.refusedUpgrades}`,
    );
    console.log('sessions ended by:', stats.closes);
    console.log('messages by kind:', stats.kinds);
    console.log(`healthz ${health.status}; round trips ok (fresh room and fuzzed meeting room)`);
    console.log(
      `heapUsed ${mb(before.heapUsed)} → ${mb(after.heapUsed)} (×${(after.heapUsed / before.heapUsed).toFixed(2)}), ` +
        `rss ${mb(before.rss)} → ${mb(after.rss)}${gc ? '' : ' (run with --expose-gc for exact figures)'}`,
    );
    if (health.status !== 200) process.exitCode = 1;
  } finally {
    await server.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
