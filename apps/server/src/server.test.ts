import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startServer, tempDir } from '../test/helpers.ts';
import { createMemoryStorage } from './memoryStorage.ts';
import { StorageOpenError } from './storage.ts';

describe('server', () => {
  const cleanups: (() => Promise<void> | void)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });
  function dir(): string {
    const d = tempDir();
    cleanups.push(d.remove);
    return d.path;
  }

  it('listens on an ephemeral port and closes idempotently', async () => {
    const server = await startServer(dir());
    expect(server.port).toBeGreaterThan(0);
    expect(server.host).toBe('127.0.0.1');
    expect((await fetch(`http://127.0.0.1:${server.port}/healthz`)).status).toBe(200);
    await Promise.all([server.close(), server.close()]);
    await expect(fetch(`http://127.0.0.1:${server.port}/healthz`)).rejects.toThrow();
  });

  it('fails to start with a clear error when the data dir is unusable', async () => {
    const file = join(dir(), 'file');
    writeFileSync(file, '');
    await expect(startServer(join(file, 'data'))).rejects.toThrow(StorageOpenError);
  });

  it('closes its storage when the port is taken', async () => {
    const first = await startServer(dir());
    cleanups.push(() => first.close());
    const storage = createMemoryStorage();
    await expect(startServer(dir(), { port: first.port }, { storage })).rejects.toThrow(
      /EADDRINUSE/,
    );
    await expect(storage.load('x')).rejects.toThrow(/closed/);
  });
});
