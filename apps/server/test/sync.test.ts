import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { afterEach, describe, expect, it } from 'vitest';
import { Awareness, encodeAwarenessUpdate } from 'y-protocols/awareness';
import type { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { openSqliteStorage } from '../src/sqliteStorage.ts';
import type { Storage } from '../src/storage.ts';
import { decodeMessage, encodeAwareness } from '../src/protocol.ts';
import {
  ROOM,
  askForEverything,
  connectProvider,
  gate,
  rawClient,
  startServer,
  tempDir,
  upgradeStatus,
  waitFor,
} from './helpers.ts';

type Started = Awaited<ReturnType<typeof startServer>>;

/** Splits a server sync message into its step and payload. */
function readSync(message: Uint8Array): { step: number; payload: Uint8Array } | null {
  const decoder = decoding.createDecoder(message);
  if (decoding.readVarUint(decoder) !== 0) return null;
  const step = decoding.readVarUint(decoder);
  return { step, payload: decoding.readVarUint8Array(decoder) };
}

describe('sync with the stock y-websocket client', () => {
  const cleanups: (() => Promise<void> | void)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  async function server(dataDir: string, deps: { storage?: Storage } = {}): Promise<Started> {
    const started = await startServer(dataDir, {}, deps);
    cleanups.push(() => started.close());
    return started;
  }
  function client(port: number, room = ROOM): { doc: Y.Doc; provider: WebsocketProvider } {
    const c = connectProvider(port, room);
    cleanups.push(() => c.provider.destroy());
    return c;
  }
  function dir(): string {
    const d = tempDir();
    cleanups.push(d.remove);
    return d.path;
  }

  it('two clients converge on a Y.Text', async () => {
    const { port } = await server(dir());
    const a = client(port);
    const b = client(port);
    await waitFor(() => a.provider.synced && b.provider.synced, 'both synced');
    a.doc.getText('t').insert(0, 'hello');
    b.doc.getText('t').insert(0, 'world ');
    const text = (doc: Y.Doc): string => doc.getText('t').toString();
    await waitFor(() => text(a.doc).length === 11 && text(a.doc) === text(b.doc), 'convergence');
    expect(['hello' + 'world ', 'world ' + 'hello']).toContain(text(a.doc));
  });

  it('keeps rooms apart', async () => {
    const { port } = await server(dir());
    const a = client(port, 'spTest01/proposal/prOther1');
    const b = client(port);
    a.doc.getText('t').insert(0, 'only in other');
    const c = client(port, 'spTest01/proposal/prOther1');
    await waitFor(() => c.doc.getText('t').toString() === 'only in other', 'same-room sync');
    await waitFor(() => b.provider.synced, 'b synced');
    expect(b.doc.getText('t').toString()).toBe('');
  });

  it('a late joiner gets the full document first, never an empty one, even while it loads', async () => {
    const dataDir = dir();
    const first = await startServer(dataDir);
    const writer = connectProvider(first.port);
    writer.doc.getText('t').insert(0, 'already here');
    const reader = connectProvider(first.port);
    await waitFor(() => reader.doc.getText('t').toString() === 'already here', 'relay');
    writer.provider.destroy();
    reader.provider.destroy();
    await first.close();

    // Restart with a load held open: the client's step 1 arrives before the document is loaded.
    const sqlite = await openSqliteStorage(dataDir);
    const held = gate();
    let loading = false;
    const slowLoad: Storage = {
      ...sqlite,
      load: async (name) => {
        loading = true;
        await held.promise;
        return sqlite.load(name);
      },
    };
    const { port } = await server(dataDir, { storage: slowLoad });
    const raw = rawClient(port);
    cleanups.push(() => raw.socket.terminate());
    await raw.opened;
    raw.socket.send(askForEverything());
    await waitFor(() => loading, 'the load to start');
    expect(raw.messages).toHaveLength(0);
    held.open();
    await waitFor(() => raw.messages.some((m) => readSync(m)?.step === 1), 'sync step 2');
    const firstSync = readSync(raw.messages[0] ?? new Uint8Array());
    expect(firstSync?.step).toBe(0); // the server's own step 1 comes first…
    expect(Y.decodeStateVector(firstSync?.payload ?? new Uint8Array()).size).toBe(1); // …non-empty
    const step2 = raw.messages.map(readSync).find((m) => m?.step === 1);
    const check = new Y.Doc();
    Y.applyUpdate(check, step2?.payload ?? new Uint8Array());
    expect(check.getText('t').toString()).toBe('already here');
  });

  it('relays awareness, and removes a client’s awareness when it disconnects', async () => {
    const { port } = await server(dir());
    const watcher = client(port);
    await waitFor(() => watcher.provider.synced, 'watcher synced');
    const raw = rawClient(port);
    cleanups.push(() => raw.socket.terminate());
    await raw.opened;
    const presence = new Awareness(new Y.Doc());
    presence.setLocalState({ user: { name: 'Ana' } });
    raw.socket.send(encodeAwareness(encodeAwarenessUpdate(presence, [presence.clientID])));
    await waitFor(
      () => watcher.provider.awareness.getStates().get(presence.clientID),
      'awareness relayed',
    );
    expect(watcher.provider.awareness.getStates().get(presence.clientID)).toEqual({
      user: { name: 'Ana' },
    });
    raw.socket.terminate(); // no goodbye message: the server must notice and tell the room
    await waitFor(
      () => !watcher.provider.awareness.getStates().has(presence.clientID),
      'awareness removed',
    );
    presence.destroy();
  });

  it('answers a query-awareness with every state', async () => {
    const { port } = await server(dir());
    const a = client(port);
    a.provider.awareness.setLocalState({ user: 'a' });
    const hasA = (m: Uint8Array): boolean => {
      const message = decodeMessage(m);
      return (
        message.type === 'awareness' &&
        message.entries.some((e) => e.clientId === a.doc.clientID && !e.removed)
      );
    };
    await waitFor(() => a.provider.synced, 'a synced');
    const raw = rawClient(port);
    cleanups.push(() => raw.socket.terminate());
    await waitFor(() => raw.messages.some(hasA), 'the awareness sent on connect');
    const before = raw.messages.length;
    raw.socket.send(new Uint8Array([3]));
    await waitFor(() => raw.messages.slice(before).some(hasA), 'awareness answer');
  });

  it('keeps a document across a restart on the same data dir', async () => {
    const dataDir = dir();
    const first = await startServer(dataDir);
    const a = connectProvider(first.port);
    const b = connectProvider(first.port);
    a.doc.getText('t').insert(0, 'durable text');
    await waitFor(() => b.doc.getText('t').toString() === 'durable text', 'relay');
    a.provider.destroy();
    b.provider.destroy();
    await first.close();
    const second = await server(dataDir);
    const c = client(second.port);
    await waitFor(() => c.provider.synced, 'synced after restart');
    expect(c.doc.getText('t').toString()).toBe('durable text');
  });

  it('refuses bad room names with 400 and other paths with 404 at upgrade', async () => {
    const { port } = await server(dir());
    for (const bad of [
      '/sync/',
      '/sync/spTest01',
      '/sync/spTest01/proposal',
      '/sync/spTest01/unknown/prTest01',
      '/sync/spTest01/space/spOther01',
      '/sync/sp!bad!/proposal/prTest01',
      '/sync/spTest01/proposal/prTest01/extra',
      '/sync/sp%2FTest/proposal/prTest01',
    ]) {
      expect(await upgradeStatus(port, bad), bad).toBe(400);
    }
    expect(await upgradeStatus(port, '/elsewhere/spTest01/proposal/prTest01')).toBe(404);
    expect(await upgradeStatus(port, '/sync')).toBe(404);
  });

  it('does not echo an update to its sender', async () => {
    const { port } = await server(dir());
    const raw = rawClient(port);
    cleanups.push(() => raw.socket.terminate());
    await raw.opened;
    await waitFor(() => raw.messages.length > 0, 'server step 1');
    const doc = new Y.Doc();
    doc.getText('t').insert(0, 'mine');
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, 0);
    encoding.writeVarUint(encoder, 2);
    encoding.writeVarUint8Array(encoder, Y.encodeStateAsUpdate(doc));
    raw.socket.send(encoding.toUint8Array(encoder));
    const other = client(port);
    await waitFor(() => other.doc.getText('t').toString() === 'mine', 'other client has it');
    expect(raw.messages.filter((m) => readSync(m)?.step === 2)).toHaveLength(0);
  });
});
