import { readSpace, spaceRoom } from '@ronde/domain';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { startServer, tempDir } from '../test/helpers.ts';
import { openSqliteStorage } from './sqliteStorage.ts';

describe('api', () => {
  const cleanups: (() => Promise<void> | void)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });
  async function server() {
    const dir = tempDir();
    cleanups.push(dir.remove);
    const started = await startServer(dir.path);
    cleanups.push(() => started.close());
    return { ...started, base: `http://127.0.0.1:${started.port}`, dataDir: dir.path };
  }
  const postJson = (url: string, body: unknown): Promise<Response> =>
    fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });

  it('POST /api/spaces creates a space, durable before the 201', async () => {
    const { base, dataDir, close } = await server();
    const res = await postJson(`${base}/api/spaces`, {
      name: '  Coop du Val ',
      circleName: 'General circle',
    });
    expect(res.status).toBe(201);
    const body = (await res.json()) as { id: string; name: string; defaultCircleId: string };
    expect(body).toMatchObject({
      id: expect.stringMatching(/^[A-Za-z0-9]{16}$/),
      name: 'Coop du Val',
      defaultCircleId: expect.stringMatching(/^[A-Za-z0-9]{16}$/),
    });
    await close();
    const storage = await openSqliteStorage(dataDir);
    const doc = new Y.Doc();
    for (const update of await storage.load(spaceRoom(body.id))) Y.applyUpdate(doc, update);
    await storage.close();
    expect(readSpace(doc)).toMatchObject({ id: body.id, name: 'Coop du Val' });
  });

  it('refuses invalid spaces with 400 and a structured error', async () => {
    const { base } = await server();
    for (const body of [
      { name: 'x' },
      { name: 1, circleName: 'c' },
      { name: '  ', circleName: 'c' },
    ]) {
      const res = await postJson(`${base}/api/spaces`, body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      const error = ((await res.json()) as { error: { code: string; message: string } }).error;
      expect(error.code).toBe('invalid_body');
      expect(error.message.length).toBeGreaterThan(0);
    }
    const long = await postJson(`${base}/api/spaces`, { name: 'x'.repeat(121), circleName: 'c' });
    expect(long.status).toBe(400);
  });

  it('GET /api/time gives the server clock', async () => {
    const { base } = await server();
    const before = Date.now();
    const res = await fetch(`${base}/api/time`);
    const { now } = (await res.json()) as { now: number };
    expect(now).toBeGreaterThanOrEqual(before);
    expect(now).toBeLessThanOrEqual(Date.now());
  });

  it('answers wrong methods with 405 and unknown routes with 404', async () => {
    const { base } = await server();
    const get = await fetch(`${base}/api/spaces`);
    expect(get.status).toBe(405);
    expect(get.headers.get('allow')).toBe('POST');
    expect((await fetch(`${base}/api/time`, { method: 'DELETE' })).status).toBe(405);
    const missing = await fetch(`${base}/api/nothing`);
    expect(missing.status).toBe(404);
    expect(((await missing.json()) as { error: { code: string } }).error.code).toBe('not_found');
  });
});
