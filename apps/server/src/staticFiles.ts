import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { HttpError, requireMethod } from './httpJson.ts';

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.xml': 'application/xml; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.avif': 'image/avif',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.wasm': 'application/wasm',
};

/** Vite fingerprints everything under /assets/: it may be cached for good. */
const IMMUTABLE = 'public, max-age=31536000, immutable';
/** index.html (and other unhashed files) must be revalidated to pick up new builds. */
const REVALIDATE = 'no-cache';

export function contentType(path: string): string {
  return CONTENT_TYPES[extname(path).toLowerCase()] ?? 'application/octet-stream';
}

/**
 * Serves the built SPA from `webDir`. An unknown path falls back to
 * index.html (client-side routing), except under /assets/, where a missing
 * file is a real 404 (serving HTML as a script hides the error).
 */
export function createStaticHandler(webDir: string) {
  const root = resolve(webDir);
  return async function serveStatic(
    req: IncomingMessage,
    res: ServerResponse,
    path: string,
  ): Promise<void> {
    requireMethod(req, 'GET', 'HEAD');
    let decoded: string;
    try {
      decoded = decodeURIComponent(path);
    } catch {
      throw new HttpError(400, 'bad_path', 'the path is not valid percent-encoding');
    }
    if (decoded.includes('\0')) throw new HttpError(400, 'bad_path', 'the path contains NUL');
    const file = resolve(join(root, normalize(decoded)));
    const inside = file === root || file.startsWith(root + sep);
    const target = inside && (await isFile(file)) ? file : null;
    if (target && file !== join(root, 'index.html')) {
      const cache = decoded.startsWith('/assets/') ? IMMUTABLE : REVALIDATE;
      await send(req, res, target, cache);
      return;
    }
    if (decoded.startsWith('/assets/')) throw new HttpError(404, 'not_found', `no file ${path}`);
    const index = join(root, 'index.html');
    if (!(await isFile(index))) {
      throw new HttpError(404, 'not_found', `the web app is not built (no ${index})`);
    }
    await send(req, res, index, REVALIDATE);
  };
}

async function isFile(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isFile();
  } catch {
    return false;
  }
}

async function send(
  req: IncomingMessage,
  res: ServerResponse,
  file: string,
  cacheControl: string,
): Promise<void> {
  const info = await stat(file);
  res.writeHead(200, {
    'content-type': contentType(file),
    'content-length': info.size,
    'cache-control': cacheControl,
    'last-modified': info.mtime.toUTCString(),
    'x-content-type-options': 'nosniff',
  });
  if (req.method === 'HEAD') {
    res.end();
    return;
  }
  await new Promise<void>((done, fail) => {
    const stream = createReadStream(file);
    stream.on('error', fail);
    res.on('close', () => {
      stream.destroy();
      done();
    });
    stream.pipe(res);
  });
}
