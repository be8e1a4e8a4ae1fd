import { mkdirSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tempDir } from '../test/helpers.ts';
import type { HttpError } from './httpJson.ts';
import { sendError } from './httpJson.ts';
import { contentType, createStaticHandler } from './staticFiles.ts';

describe('staticFiles', () => {
  let dir: ReturnType<typeof tempDir>;
  let server: Server;
  let base = '';

  async function serve(webDir: string): Promise<void> {
    const handler = createStaticHandler(webDir);
    server = createServer((req, res) => {
      handler(req, res, new URL(req.url ?? '/', 'http://x').pathname).catch((error: unknown) =>
        sendError(res, error as HttpError),
      );
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  }

  beforeEach(async () => {
    dir = tempDir();
    mkdirSync(join(dir.path, 'assets'));
    writeFileSync(join(dir.path, 'index.html'), '<!doctype html><title>Ronde</title>');
    writeFileSync(join(dir.path, 'assets', 'index-abc123.js'), 'console.log(1)');
    writeFileSync(join(dir.path, 'favicon.svg'), '<svg/>');
    writeFileSync(join(dir.path, '..', 'secret.txt'), 'secret');
    await serve(dir.path);
  });
  afterEach(async () => {
    await new Promise((resolve) => server.close(resolve));
    dir.remove();
  });

  it('serves index.html at / with no-cache', async () => {
    const res = await fetch(`${base}/`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(res.headers.get('cache-control')).toBe('no-cache');
    expect(await res.text()).toContain('<title>Ronde</title>');
  });

  it('serves hashed assets with a long, immutable cache', async () => {
    const res = await fetch(`${base}/assets/index-abc123.js`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(res.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(await res.text()).toBe('console.log(1)');
  });

  it('falls back to index.html for client-side routes', async () => {
    const res = await fetch(`${base}/spaces/sp123456/proposals/pr123456`);
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-cache');
    expect(await res.text()).toContain('Ronde');
  });

  it('gives a 404 for a missing asset instead of HTML', async () => {
    const res = await fetch(`${base}/assets/missing.js`);
    expect(res.status).toBe(404);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('not_found');
  });

  it('never serves files outside the web dir', async () => {
    for (const path of [
      '/../secret.txt',
      '/%2e%2e/secret.txt',
      '/assets/%2e%2e/%2e%2e/secret.txt',
    ]) {
      const res = await fetch(`${base}${path}`);
      expect(await res.text(), path).not.toBe('secret');
    }
    expect((await fetch(`${base}/%E0%A4%A`)).status).toBe(400);
  });

  it('answers HEAD without a body and refuses other methods with 405', async () => {
    const head = await fetch(`${base}/favicon.svg`, { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(head.headers.get('content-type')).toBe('image/svg+xml');
    expect(await head.text()).toBe('');
    const post = await fetch(`${base}/`, { method: 'POST' });
    expect(post.status).toBe(405);
    expect(post.headers.get('allow')).toBe('GET, HEAD');
  });

  it('says so when the web app is not built', async () => {
    await new Promise((resolve) => server.close(resolve));
    await serve(join(dir.path, 'nowhere'));
    const res = await fetch(`${base}/`);
    expect(res.status).toBe(404);
    expect(((await res.json()) as { error: { message: string } }).error.message).toMatch(
      /not built/,
    );
  });

  it('knows the usual content types', () => {
    expect(contentType('a.css')).toBe('text/css; charset=utf-8');
    expect(contentType('a.woff2')).toBe('font/woff2');
    expect(contentType('a.unknown')).toBe('application/octet-stream');
  });
});
