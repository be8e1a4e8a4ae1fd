import { afterEach, describe, expect, it } from 'vitest';
import type { WebsocketProvider } from 'y-websocket';
import type * as Y from 'yjs';
import { CLOSE_CODES } from '../src/limits.ts';
import { openSqliteStorage } from '../src/sqliteStorage.ts';
import type { Storage } from '../src/storage.ts';
import {
  connectProvider,
  gate,
  rawClient,
  spawnServer,
  startServer,
  tempDir,
  waitFor,
  type ChildServer,
} from './helpers.ts';

/** Nothing acknowledged is lost (DESIGN 6). */
describe('durability', () => {
  const cleanups: (() => Promise<void> | void)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  function dir(): string {
    const d = tempDir();
    cleanups.push(d.remove);
    return d.path;
  }
  function client(port: number): { doc: Y.Doc; provider: WebsocketProvider } {
    const c = connectProvider(port);
    cleanups.push(() => c.provider.destroy());
    return c;
  }
  async function child(dataDir: string): Promise<ChildServer> {
    const server = await spawnServer(dataDir);
    cleanups.push(() => {
      if (server.child.exitCode === null && server.child.signalCode === null) {
        server.child.kill('SIGKILL');
      }
    });
    return server;
  }
  async function textAfterRestart(dataDir: string): Promise<string> {
    const server = await startServer(dataDir);
    cleanups.push(() => server.close());
    const reader = client(server.port);
    await waitFor(() => reader.provider.synced, 'synced after restart');
    return reader.doc.getText('t').toString();
  }

  it('an update relayed just before a SIGKILL is there after restart', async () => {
    const dataDir = dir();
    const server = await child(dataDir);
    const writer = client(server.port);
    const reader = client(server.port);
    await waitFor(() => writer.provider.synced && reader.provider.synced, 'synced');
    writer.doc.getText('t').insert(0, 'written before the crash');
    await waitFor(
      () => reader.doc.getText('t').toString() === 'written before the crash',
      'the update relayed to the second client',
    );
    server.child.kill('SIGKILL');
    expect((await server.exited).signal).toBe('SIGKILL');
    writer.provider.destroy();
    reader.provider.destroy();
    expect(await textAfterRestart(dataDir)).toBe('written before the crash');
  });

  it('SIGTERM closes sockets with 1001, flushes, exits 0, and keeps the data', async () => {
    const dataDir = dir();
    const server = await child(dataDir);
    const writer = client(server.port);
    const reader = client(server.port);
    writer.doc.getText('t').insert(0, 'flushed on SIGTERM');
    await waitFor(() => reader.doc.getText('t').toString() === 'flushed on SIGTERM', 'relay');
    const raw = rawClient(server.port);
    await raw.opened;
    server.child.kill('SIGTERM');
    expect((await raw.closed).code).toBe(CLOSE_CODES.goingAway);
    expect(await server.exited).toEqual({ code: 0, signal: null });
    expect(server.lines.filter((line) => line.msg === 'listening')).toHaveLength(1);
    expect(server.lines.at(-1)).toMatchObject({ level: 'info', msg: 'stopped' });
    writer.provider.destroy();
    reader.provider.destroy();
    expect(await textAfterRestart(dataDir)).toBe('flushed on SIGTERM');
  });

  it('close() waits for stores in flight before closing the storage', async () => {
    const dataDir = dir();
    const sqlite = await openSqliteStorage(dataDir);
    const held = gate();
    let appending = false;
    const slow: Storage = {
      ...sqlite,
      append: async (name, update) => {
        appending = true;
        await held.promise;
        await sqlite.append(name, update);
      },
    };
    const server = await startServer(dataDir, {}, { storage: slow });
    const writer = client(server.port);
    writer.doc.getText('t').insert(0, 'in flight at shutdown');
    await waitFor(() => appending, 'the append to start');
    const closed = server.close();
    held.open();
    await closed;
    writer.provider.destroy();
    expect(await textAfterRestart(dataDir)).toBe('in flight at shutdown');
  });

  it('a document is not unloaded while its store is pending (store/unload race)', async () => {
    const dataDir = dir();
    const sqlite = await openSqliteStorage(dataDir);
    const held = gate();
    let appending = false;
    const slow: Storage = {
      ...sqlite,
      append: async (name, update) => {
        appending = true;
        await held.promise;
        await sqlite.append(name, update);
      },
    };
    const server = await startServer(dataDir, { unloadGraceMs: 0 }, { storage: slow });
    cleanups.push(() => server.close());
    const writer = connectProvider(server.port);
    writer.doc.getText('t').insert(0, 'stored while unloading');
    await waitFor(() => appending, 'the append to start');
    writer.provider.destroy(); // the last client leaves: unload is requested now
    await waitFor(
      () => server.log.lines.some((line) => line.msg === 'unload waits for stores'),
      'the unload to be requested while the store is pending',
    );
    expect(server.log.lines.some((line) => line.msg === 'unloaded')).toBe(false);
    held.open();
    await waitFor(() => server.log.lines.some((line) => line.msg === 'unloaded'), 'unload');
    const reader = client(server.port);
    await waitFor(
      () => reader.doc.getText('t').toString() === 'stored while unloading',
      'the update after reconnect',
    );
    reader.provider.destroy();
    await server.close();
    expect(await textAfterRestart(dataDir)).toBe('stored while unloading');
  });

  it('a failed store closes the sender with 1011, relays nothing, and the client resends later', async () => {
    const dataDir = dir();
    const sqlite = await openSqliteStorage(dataDir);
    let full = false;
    const disk: Storage = {
      ...sqlite,
      append: async (name, update) => {
        if (full)
          throw Object.assign(new Error('database or disk is full'), { code: 'SQLITE_FULL' });
        await sqlite.append(name, update);
      },
    };
    const server = await startServer(dataDir, {}, { storage: disk });
    cleanups.push(() => server.close());
    const writer = client(server.port);
    const reader = client(server.port);
    await waitFor(() => writer.provider.synced && reader.provider.synced, 'synced');
    const closes: number[] = [];
    writer.provider.on('connection-close', (event) => {
      if (event) closes.push(event.code);
    });
    full = true;
    writer.doc.getText('t').insert(0, 'not stored yet');
    await waitFor(() => closes.includes(CLOSE_CODES.internalError), 'the writer to be closed');
    expect(reader.doc.getText('t').toString()).toBe('');
    expect(server.log.lines).toContainEqual(
      expect.objectContaining({ level: 'error', msg: 'store failed' }),
    );
    full = false; // space freed: the writer reconnects and its sync step 2 carries the edit
    await waitFor(() => reader.doc.getText('t').toString() === 'not stored yet', 'the resend');
  });
});
