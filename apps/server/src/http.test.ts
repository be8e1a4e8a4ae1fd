import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { startServer, tempDir } from '../test/helpers.ts';
import type { AccessApiContext } from './accessApi.ts';
import type { DocumentRegistry } from './documents.ts';
import { createRequestHandler } from './http.ts';
import { memoryLogger } from './log.ts';

describe('http routing', () => {
  const cleanups: (() => Promise<void> | void)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  it('GET /healthz is 200 {"status":"ok"}, and 503 once shutdown began', async () => {
    let closing = false;
    const handler = createRequestHandler({
      registry: {} as DocumentRegistry, // health checks never touch documents
      log: memoryLogger('silent'),
      webDir: '/nonexistent',
      maxBodyBytes: 1024,
      isClosing: () => closing,
      ...({} as Omit<AccessApiContext, 'log' | 'maxBodyBytes'>), // nor access
    });
    const server = createServer(handler);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    cleanups.push(() => {
      server.closeAllConnections();
      return new Promise((resolve) => server.close(() => resolve()));
    });
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/healthz`;
    const ok = await fetch(url);
    expect(ok.status).toBe(200);
    expect(await ok.json()).toEqual({ status: 'ok' });
    closing = true;
    const draining = await fetch(url);
    expect(draining.status).toBe(503);
  });

  it('answers a plain GET on /sync with 426', async () => {
    const dir = tempDir();
    cleanups.push(dir.remove);
    const server = await startServer(dir.path);
    cleanups.push(() => server.close());
    const res = await fetch(`http://127.0.0.1:${server.port}/sync/spTest01/proposal/prTest01`);
    expect(res.status).toBe(426);
  });
});
