import { EventEmitter } from 'node:events';
import { afterEach, describe, expect, it } from 'vitest';
import { Awareness, encodeAwarenessUpdate } from 'y-protocols/awareness';
import type { WebSocket } from 'ws';
import * as Y from 'yjs';
import { gate, waitFor } from '../test/helpers.ts';
import { ANONYMOUS } from './authenticate.ts';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { createByteQuota } from './byteQuota.ts';
import { acceptConnection, submittedId } from './connection.ts';
import type { EventDeps } from './processEvents.ts';
import { createDocumentRegistry, type DocumentRegistry } from './documents.ts';
import { CLOSE_CODES, DEFAULT_LIMITS } from './limits.ts';
import { memoryLogger } from './log.ts';
import { createMemoryStorage } from './memoryStorage.ts';
import {
  decodeMessage,
  encodeAwareness,
  encodeSyncStep1,
  encodeTime,
  encodeUpdate,
} from './protocol.ts';
import type { Storage } from './storage.ts';

const ROOM = 'spTest01/proposal/prTest01';

/** Just enough of a ws WebSocket for one connection. */
class FakeSocket extends EventEmitter {
  readonly OPEN = 1;
  readyState = 1;
  bufferedAmount = 0;
  sent: Uint8Array[] = [];
  closedWith: { code: number; reason: string } | null = null;
  send(message: Uint8Array): void {
    this.sent.push(message);
  }
  close(code: number, reason: string): void {
    this.closedWith = { code, reason };
    this.readyState = 3;
    this.emit('close', code);
  }
  receive(message: Uint8Array | string): void {
    const binary = typeof message !== 'string';
    this.emit('message', Buffer.from(message), binary);
  }
  types(): string[] {
    return this.sent.map((m) => decodeMessage(m).type);
  }
}

function update(text: string): Uint8Array {
  const doc = new Y.Doc();
  doc.getText('t').insert(0, text);
  return Y.encodeStateAsUpdate(doc);
}

describe('connection', () => {
  let registry: DocumentRegistry | null = null;
  const log = memoryLogger('debug');
  afterEach(async () => {
    await registry?.close();
    registry = null;
  });

  /** The tests' registry, made on first use. */
  function registryOf(storage: Storage = createMemoryStorage()): DocumentRegistry {
    return (registry ??= createDocumentRegistry({
      storage,
      log,
      unloadGraceMs: 0,
      compactAfterUpdates: 100,
      compactAfterBytes: 1 << 30,
    }));
  }

  function connect(
    storage: Storage = createMemoryStorage(),
    limits = DEFAULT_LIMITS,
    now?: () => number,
  ): FakeSocket {
    const socket = new FakeSocket();
    acceptConnection(socket as unknown as WebSocket, {
      room: ROOM,
      identity: ANONYMOUS,
      registry: registryOf(storage),
      limits,
      log,
      isClosing: () => false,
      ...(now ? { now } : {}),
    });
    return socket;
  }

  it('QUOTA-1 QUOTA-3 an event over a quota is refused under its own id, so the client drops it and says why', async () => {
    const socket = new FakeSocket();
    acceptConnection(socket as unknown as WebSocket, {
      room: 'spTest01/meeting/mtTest01',
      identity: {
        userId: 'anauser1',
        spaceId: 'spTest01',
        role: 'member',
        canWrite: true,
        expiresAt: null,
      },
      registry: registryOf(),
      limits: DEFAULT_LIMITS,
      log,
      isClosing: () => false,
      quota: createByteQuota({ bytesPerMinute: 10 }),
      // Never reached: the quota refuses first.
      events: {} as EventDeps,
    });
    await waitFor(() => socket.sent.length > 0, 'the document loaded');
    const message = encoding.createEncoder();
    encoding.writeVarUint(message, 5);
    encoding.writeVarString(message, JSON.stringify({ id: 'evt00001', type: 'turn.end' }));
    socket.receive(encoding.toUint8Array(message));
    const refused = await waitFor(() => socket.sent.find((m) => m[0] === 6), 'the refusal');
    const decoder = decoding.createDecoder(refused);
    decoding.readVarUint(decoder);
    expect(decoding.readVarString(decoder)).toBe('evt00001');
    expect(decoding.readVarString(decoder)).toBe('quota');
    // What is not an event, or names no id, is refused under none.
    expect(submittedId('{"id":"evt00002"}')).toBe('evt00002');
    expect(submittedId('{"id":"no spaces allowed"}')).toBe('');
    expect(submittedId('not json')).toBe('');
    expect(submittedId('[]')).toBe('');
  });

  it('buffers messages until the document is loaded, then handles them in order', async () => {
    const storage = createMemoryStorage();
    await storage.append(ROOM, update('stored'));
    const held = gate();
    const socket = connect({
      ...storage,
      load: (name) => held.promise.then(() => storage.load(name)),
    });
    socket.receive(encodeSyncStep1(new Y.Doc()));
    socket.receive(encodeUpdate(update('new')));
    expect(socket.sent).toHaveLength(0);
    held.open();
    await waitFor(() => socket.sent.length >= 2, 'answers');
    expect(socket.types()).toEqual(['sync-step1', 'sync-step2']);
    const step2 = decodeMessage(socket.sent[1] ?? new Uint8Array());
    const check = new Y.Doc();
    if (step2.type === 'sync-step2') Y.applyUpdate(check, step2.update);
    expect(check.getText('t').toString()).toBe('stored');
    await waitFor(() => storage.logs.get(ROOM)?.length === 2, 'the buffered update stored');
  });

  it('closes with 4400 on a malformed message and ignores what follows', async () => {
    const storage = createMemoryStorage();
    const socket = connect(storage);
    await waitFor(() => socket.sent.length > 0, 'loaded');
    socket.receive(new Uint8Array([0, 2, 0xff]));
    socket.receive(encodeUpdate(update('after')));
    expect(socket.closedWith?.code).toBe(CLOSE_CODES.malformed);
    expect(socket.closedWith?.reason).toMatch(/truncated/);
    await registry?.flush();
    expect(storage.logs.get(ROOM)).toBeUndefined();
  });

  it('answers a time message at once, even while the document loads', () => {
    const held = gate();
    const storage = createMemoryStorage();
    const socket = connect(
      { ...storage, load: (name) => held.promise.then(() => storage.load(name)) },
      DEFAULT_LIMITS,
      () => 5000,
    );
    socket.receive(new Uint8Array([4, 0xe8, 0x07])); // 1000
    expect(socket.sent).toEqual([encodeTime(1000, 5000)]);
    expect(socket.closedWith).toBeNull();
    held.open();
  });

  it('closes with 4400 on a malformed time message', async () => {
    const socket = connect();
    await waitFor(() => socket.sent.length > 0, 'loaded');
    socket.receive(new Uint8Array([4, 0x80]));
    expect(socket.closedWith?.code).toBe(CLOSE_CODES.malformed);
  });

  it('closes with 4400 on a text frame', async () => {
    const socket = connect();
    socket.receive('hello');
    expect(socket.closedWith?.code).toBe(CLOSE_CODES.malformed);
  });

  it('closes with 1009 when too much arrives before the document loads', async () => {
    const held = gate();
    const storage = createMemoryStorage();
    const socket = connect(
      { ...storage, load: (name) => held.promise.then(() => storage.load(name)) },
      { ...DEFAULT_LIMITS, maxPendingBytes: 100 },
    );
    socket.receive(new Uint8Array(60));
    socket.receive(new Uint8Array(60));
    expect(socket.closedWith?.code).toBe(CLOSE_CODES.tooBig);
    held.open();
  });

  it('drops a receiver that cannot keep up with 1013', async () => {
    const socket = connect(createMemoryStorage(), { ...DEFAULT_LIMITS, maxBufferedBytes: 10 });
    await waitFor(() => socket.sent.length > 0, 'loaded');
    socket.bufferedAmount = 11;
    socket.receive(encodeSyncStep1(new Y.Doc()));
    expect(socket.closedWith?.code).toBe(CLOSE_CODES.tryAgainLater);
  });

  it('closes with 1011 when its update cannot be stored', async () => {
    const storage = createMemoryStorage();
    const socket = connect({
      ...storage,
      append: () => Promise.reject(Object.assign(new Error('full'), { code: 'SQLITE_FULL' })),
    });
    await waitFor(() => socket.sent.length > 0, 'loaded');
    socket.receive(encodeUpdate(update('x')));
    await waitFor(() => socket.closedWith, 'close');
    expect(socket.closedWith?.code).toBe(CLOSE_CODES.internalError);
    expect(log.lines).toContainEqual(expect.objectContaining({ msg: 'store failed' }));
  });

  it('removes its awareness states when it closes, and tells the others', async () => {
    const storage = createMemoryStorage();
    const leaving = connect(storage);
    const staying = connect(storage);
    await waitFor(() => leaving.sent.length > 0 && staying.sent.length > 0, 'loaded');
    const presence = new Awareness(new Y.Doc());
    presence.setLocalState({ name: 'Ana' });
    leaving.receive(encodeAwareness(encodeAwarenessUpdate(presence, [presence.clientID])));
    expect(staying.types()).toContain('awareness');
    const before = staying.sent.length;
    leaving.close(1000, 'bye');
    const removal = decodeMessage(staying.sent[before] ?? new Uint8Array());
    expect(removal.type === 'awareness' && removal.entries[0]).toMatchObject({
      clientId: presence.clientID,
      removed: true,
    });
    presence.destroy();
  });
});
