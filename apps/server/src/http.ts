import type { IncomingMessage, ServerResponse } from 'node:http';
import { handleApi, type ApiContext } from './api.ts';
import { secretsEqual } from './accessApi.ts';
import { handleExportApi } from './exportApi.ts';
import { handleTimeBankApi } from './timeBankApi.ts';
import { handleCommonsExportApi } from './commonsExportApi.ts';
import type { BackupStorage } from './backup.ts';
import { handleBackupApi } from './backupApi.ts';
import { HttpError, sendError, sendJson } from './httpJson.ts';
import { createHttpThrottle, type HttpRateLimits } from './httpRateLimit.ts';
import type { Logger } from './log.ts';
import { applySecurityHeaders } from './securityHeaders.ts';
import type { SharedBuckets } from './sharedBuckets.ts';
import { createStaticHandler } from './staticFiles.ts';
import type { Versions } from './versions.ts';
import { handleVersionsApi } from './versionsApi.ts';
import { handleLedgerApi } from './ledgerApi.ts';
import type { Storage } from './storage.ts';

export interface HttpContext extends ApiContext {
  readonly webDir: string;
  readonly log: Logger;
  /** The API's rate limits (HTTP-n); absent, nothing is throttled (unit tests of other concerns). */
  readonly httpRateLimits?: HttpRateLimits;
  /** Their buckets shared by a cluster's instances (CLUSTER-9); absent: this instance's own. */
  readonly rateBuckets?: SharedBuckets | null;
  /** Readiness per dependency for `/healthz` (OPS-1); absent: `{"status":"ok"}`. */
  readonly health?: () => Promise<{ ready: boolean; body: unknown }>;
  /** The Prometheus text of `/metrics` (OPS-2); absent: no such route. */
  readonly metrics?: () => string;
  /** When set, `/metrics` answers only a request bearing it (OPS-3). */
  readonly metricsToken?: string | null;
  /** Proposal versions (SPEC VERS); absent, their routes fall through to 404. */
  readonly versions?: Versions;
  /** The document store, when it can list and restore spaces (SPEC BACKUP); absent: 404. */
  readonly backupStorage?: BackupStorage;
  /** The attested contribution rows, for the ledger (SPEC LEDGERSRV); absent, its route is 404. */
  readonly contributions?: Pick<Storage, 'listContributions'>;
}

/**
 * Routes plain HTTP requests: `/healthz`, `/api/*`, `/sync/*` (WebSocket
 * only: 426 without an upgrade), and the SPA for everything else.
 */
export function createRequestHandler(context: HttpContext) {
  const ctx: HttpContext = context.httpRateLimits
    ? {
        ...context,
        throttle: createHttpThrottle(
          context.httpRateLimits,
          context.now ?? Date.now,
          context.rateBuckets ?? null,
        ),
      }
    : context;
  const serveStatic = createStaticHandler(ctx.webDir);
  return (req: IncomingMessage, res: ServerResponse): void => {
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    applySecurityHeaders(res);
    route(req, res, path).catch((error: unknown) => {
      if (error instanceof HttpError) {
        // Every access refusal is logged; the path never holds a secret (links keep them in the fragment).
        // Within a flood only the first 429 of a key is logged as info (httpRateLimit.ts).
        const refusal = [401, 403, 409, 410, 429].includes(error.status) && !error.quiet;
        ctx.log[refusal ? 'info' : 'debug']('request refused', {
          method: req.method,
          path: path.slice(0, 200),
          status: error.status,
          code: error.code,
          reason: error.message,
        });
        if (!res.headersSent) sendError(res, error);
        if (error.headers.connection === 'close') res.on('finish', () => req.destroy());
        return;
      }
      ctx.log.error('request failed', { method: req.method, path, error });
      if (!res.headersSent) {
        sendError(res, new HttpError(500, 'internal', 'the server failed to answer'));
      } else {
        res.destroy();
      }
    });
  };

  async function route(req: IncomingMessage, res: ServerResponse, path: string): Promise<void> {
    if (path === '/healthz') {
      if (ctx.isClosing()) sendJson(res, 503, { status: 'shutting_down' });
      else if (ctx.health) {
        const health = await ctx.health();
        sendJson(res, health.ready ? 200 : 503, health.body);
      } else sendJson(res, 200, { status: 'ok' });
      return;
    }
    if (path === '/metrics' && ctx.metrics) {
      if (!mayScrape(req, ctx.metricsToken ?? null)) {
        res.writeHead(401, {
          'content-type': 'text/plain; charset=utf-8',
          'www-authenticate': 'Bearer realm="metrics"',
          'cache-control': 'no-store',
        });
        res.end('send Authorization: Bearer <RONDE_METRICS_TOKEN>\n');
        return;
      }
      res.writeHead(200, {
        'content-type': 'text/plain; version=0.0.4; charset=utf-8',
        'cache-control': 'no-store',
      });
      res.end(ctx.metrics());
      return;
    }
    if (await handleExportApi(req, res, path, ctx)) return; // a decision, for offline checks
    const versions = ctx.versions;
    if (versions && (await handleVersionsApi(req, res, path, { ...ctx, versions }))) return;
    const contributions = ctx.contributions;
    if (contributions && (await handleLedgerApi(req, res, path, { ...ctx, contributions }))) return;
    if (await handleTimeBankApi(req, res, path, ctx)) return; // signed time events (TIMESRV)
    if (await handleCommonsExportApi(req, res, path, ctx)) return; // commons exports (COMMONS)
    if (await handleBackupApi(req, res, path, ctx)) return; // whole-space backups (BACKUP)
    if (path === '/api' || path.startsWith('/api/')) return handleApi(req, res, path, ctx);
    if (path === '/sync' || path.startsWith('/sync/')) {
      throw new HttpError(426, 'upgrade_required', 'connect with a WebSocket', {
        upgrade: 'websocket',
      });
    }
    return serveStatic(req, res, path);
  }
}

/** OPS-3: with a metrics token set, only a request that bears it may scrape `/metrics`. */
function mayScrape(req: IncomingMessage, token: string | null): boolean {
  if (token === null) return true;
  const given = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
  return given !== undefined && secretsEqual(given, token);
}
