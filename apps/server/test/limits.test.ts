import * as encoding from 'lib0/encoding';
import { afterEach, describe, expect, it } from 'vitest';
import type { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { CLOSE_CODES, DEFAULT_LIMITS } from '../src/limits.ts';
import { connectProvider, rawClient, startServer, tempDir, waitFor } from './helpers.ts';

describe('bad clients are closed alone', () => {
  const cleanups: (() => Promise<void> | void)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  async function roomWithTwoClients(maxMessageBytes = 64 * 1024) {
    const dir = tempDir();
    cleanups.push(dir.remove);
    const server = await startServer(dir.path, {
      limits: {
        ...DEFAULT_LIMITS,
        maxMessageBytes,
        maxBodyBytes: 1024,
        maxPendingBytes: maxMessageBytes * 2,
        maxBufferedBytes: 1 << 30,
      },
    });
    cleanups.push(() => server.close());
    const a = connectProvider(server.port);
    const b = connectProvider(server.port);
    cleanups.push(
      () => a.provider.destroy(),
      () => b.provider.destroy(),
    );
    await waitFor(() => a.provider.synced && b.provider.synced, 'clients synced');
    return { server, a, b };
  }

  async function stillSyncing(
    a: { doc: Y.Doc },
    b: { doc: Y.Doc; provider: WebsocketProvider },
    text: string,
  ): Promise<void> {
    a.doc.getText('t').insert(a.doc.getText('t').length, text);
    await waitFor(() => b.doc.getText('t').toString().includes(text), `"${text}" relayed`);
  }

  const malformed: Record<string, Uint8Array> = {
    'an unknown message type': new Uint8Array([9, 1, 2]),
    'a truncated varUint': new Uint8Array([0, 0x80]),
    'a truncated update': (() => {
      const doc = new Y.Doc();
      doc.getText('t').insert(0, 'some text long enough to truncate');
      const update = Y.encodeStateAsUpdate(doc);
      const encoder = encoding.createEncoder();
      encoding.writeVarUint(encoder, 0);
      encoding.writeVarUint(encoder, 2);
      encoding.writeVarUint8Array(encoder, update.subarray(0, update.length - 5));
      return encoding.toUint8Array(encoder);
    })(),
    'an update with trailing garbage': (() => {
      const doc = new Y.Doc();
      doc.getText('t').insert(0, 'x');
      const encoder = encoding.createEncoder();
      encoding.writeVarUint(encoder, 0);
      encoding.writeVarUint(encoder, 2);
      encoding.writeVarUint8Array(encoder, new Uint8Array([...Y.encodeStateAsUpdate(doc), 7, 7]));
      return encoding.toUint8Array(encoder);
    })(),
    'a length pointing past the end': new Uint8Array([0, 2, 0xff, 0x7f, 1, 2, 3]),
  };

  for (const [name, message] of Object.entries(malformed)) {
    it(`closes a client that sends ${name} with ${CLOSE_CODES.malformed}; the room keeps syncing`, async () => {
      const { server, a, b } = await roomWithTwoClients();
      const bad = rawClient(server.port);
      await bad.opened;
      bad.socket.send(message);
      const { code } = await bad.closed;
      expect(code).toBe(CLOSE_CODES.malformed);
      expect(server.log.lines).toContainEqual(
        expect.objectContaining({ level: 'warn', msg: 'malformed message', code: 4400 }),
      );
      await stillSyncing(a, b, `after ${name}`);
      expect(b.doc.getText('t').toString()).not.toContain('some text');
    });
  }

  it('closes a client that sends text frames', async () => {
    const { server, a, b } = await roomWithTwoClients();
    const bad = rawClient(server.port);
    await bad.opened;
    bad.socket.send('hello');
    expect((await bad.closed).code).toBe(CLOSE_CODES.malformed);
    await stillSyncing(a, b, 'after text');
  });

  it(`closes a client whose message is over the limit with ${CLOSE_CODES.tooBig}; the room keeps syncing`, async () => {
    const { server, a, b } = await roomWithTwoClients(64 * 1024);
    const big = rawClient(server.port);
    await big.opened;
    big.socket.send(new Uint8Array(100 * 1024));
    expect((await big.closed).code).toBe(CLOSE_CODES.tooBig);
    await waitFor(
      () => server.log.lines.find((line) => line.msg === 'socket error'),
      'the socket error to be logged',
    );
    await stillSyncing(a, b, 'after oversized');
  });

  it('keeps other rooms working when one client misbehaves', async () => {
    const { server } = await roomWithTwoClients();
    const room = 'spTest01/meeting/mtTest01';
    const c = connectProvider(server.port, room);
    const d = connectProvider(server.port, room);
    cleanups.push(
      () => c.provider.destroy(),
      () => d.provider.destroy(),
    );
    const bad = rawClient(server.port, `/sync/${room}`);
    await bad.opened;
    bad.socket.send(new Uint8Array([0, 0x80]));
    await bad.closed;
    await stillSyncing(c, d, 'other room fine');
  });
});
