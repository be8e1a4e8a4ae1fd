import { request } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import type { Config } from '../src/config.ts';
import { DEFAULT_HTTP_RATE_LIMITS, type HttpRateLimits } from '../src/httpRateLimit.ts';
import { api, createSpaceOverHttp, redeemOverHttp, startServer, tempDir } from './helpers.ts';

interface Answer {
  readonly status: number;
  readonly retryAfter: string | undefined;
  readonly body: { error?: { code: string } } & Record<string, unknown>;
}

/** A JSON POST from a chosen loopback source address (127.0.0.x are all this host). */
function postFrom(
  localAddress: string,
  port: number,
  path: string,
  body: unknown,
): Promise<Answer> {
  const text = JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port,
        path,
        method: 'POST',
        localAddress,
        agent: false,
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) },
      },
      (res) => {
        let data = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (data += chunk));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            retryAfter: res.headers['retry-after'],
            body: (data ? JSON.parse(data) : {}) as Answer['body'],
          }),
        );
      },
    );
    req.on('error', reject);
    req.end(text);
  });
}

const HOME = '127.0.0.1';
const ELSEWHERE = '127.0.0.2';

describe('HTTP API rate limits (HTTP-n), on a real server with an injected clock', () => {
  const cleanups: (() => Promise<void> | void)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  async function server(limits: Partial<HttpRateLimits>) {
    const dir = tempDir('ronde-throttle-');
    cleanups.push(dir.remove);
    let t = Date.now();
    const config: Partial<Config> = {
      auth: 'required',
      httpRateLimits: { ...DEFAULT_HTTP_RATE_LIMITS, ...limits },
    };
    const started = await startServer(dir.path, config, { now: () => t });
    cleanups.push(() => started.close());
    return { ...started, advance: (ms: number) => (t += ms) };
  }

  it('HTTP-4 wrong membership keys from one address get 429 with Retry-After; other identities, the right key and other addresses still get in', async () => {
    const { port, advance, log } = await server({
      sessionFailuresPerMember: 5,
      sessionPerAddress: 12,
    });
    const ada = await createSpaceOverHttp(port);
    const bea = await redeemOverHttp(port, ada.inviteCode);
    const session = (from: string, who: { spaceId: string; userId: string }, key: string) =>
      postFrom(from, port, '/api/session', { spaceId: who.spaceId, userId: who.userId, key });
    const guess = (i: number) => session(HOME, ada, `wrong-guess-${i}`);

    for (let i = 0; i < 5; i++) expect((await guess(i)).status).toBe(401);
    const limited = await guess(5);
    expect(limited.status).toBe(429);
    expect(limited.body.error?.code).toBe('rate_limited');
    expect(limited.retryAfter).toMatch(/^[1-9]\d*$/);
    expect(Number(limited.retryAfter)).toBeLessThanOrEqual(60);

    // Another member from the same address, and Ada with her real key, are not locked out.
    expect((await session(HOME, bea, bea.key)).status).toBe(200);
    expect((await session(HOME, ada, ada.key)).status).toBe(200);

    // The address itself runs dry (12 a minute): everything from it is refused…
    for (let i = 8; i < 12; i++) await guess(i);
    const dry = await session(HOME, bea, bea.key);
    expect(dry.status).toBe(429);
    expect(dry.retryAfter).toMatch(/^[1-9]\d*$/);
    // …while another address is served.
    expect((await session(ELSEWHERE, ada, ada.key)).status).toBe(200);
    expect((await session(ELSEWHERE, bea, bea.key)).status).toBe(200);

    // A minute later the buckets have refilled: a wrong key is a plain 401 again.
    advance(60_000);
    expect((await guess(99)).status).toBe(401);
    expect((await session(HOME, ada, ada.key)).status).toBe(200);
    // The flood was logged once per bucket, not once per request.
    const refusals = log.lines.filter(
      (line) => line.msg === 'request refused' && line.status === 429 && line.level === 'info',
    );
    expect(refusals).toHaveLength(2);
  });

  it('HTTP-2 invite redemption is limited per address and per invite code', async () => {
    const { port, advance } = await server({ redeemPerAddress: 3, redeemPerInvite: 4 });
    const ada = await createSpaceOverHttp(port);
    // Each joins under a name of their own (NAME-7).
    let guests = 0;
    const redeem = (from: string, code: string) =>
      postFrom(from, port, '/api/invites/redeem', { code, name: `Guest ${++guests}` });
    for (let i = 0; i < 3; i++) expect((await redeem(HOME, `no-such-code-${i}`)).status).toBe(404);
    const limited = await redeem(HOME, ada.inviteCode);
    expect(limited).toMatchObject({ status: 429, body: { error: { code: 'rate_limited' } } });
    expect(limited.retryAfter).toBe('20');
    // Another address redeems the real code until the code's own bucket (4 a minute) is spent.
    for (let i = 0; i < 3; i++) expect((await redeem(ELSEWHERE, ada.inviteCode)).status).toBe(201);
    expect((await redeem('127.0.0.3', ada.inviteCode)).status).toBe(201);
    expect((await redeem('127.0.0.4', ada.inviteCode)).status).toBe(429);
    advance(60_000);
    expect((await redeem(HOME, ada.inviteCode)).status).toBe(201);
  });

  it('HTTP-2 space creation is limited per address; device registration per member', async () => {
    const { port } = await server({ spacesPerAddress: 2, devicesPerMember: 2 });
    const create = (from: string) =>
      postFrom(from, port, '/api/spaces', {
        name: 'Coop',
        circleName: 'General',
        memberName: 'Ada',
      });
    expect((await create(HOME)).status).toBe(201);
    expect((await create(HOME)).status).toBe(201);
    const limited = await create(HOME);
    expect(limited.status).toBe(429);
    expect(limited.retryAfter).toBe('30');
    const ada = await createSpaceOverHttp(port, {}).catch(() => null);
    expect(ada).toBeNull(); // helpers' api() calls come from 127.0.0.1 too
    const created = await create(ELSEWHERE);
    expect(created.status).toBe(201);
    const token = (created.body.session as { token: string }).token;
    const spaceId = created.body.id as string;
    const path = `/api/spaces/${spaceId}/devices`;
    const register = () => api(port, 'POST', path, { token, body: { publicKey: 'x' } });
    expect((await register()).status).toBe(400);
    expect((await register()).status).toBe(400);
    const devices = await register();
    expect(devices.status).toBe(429);
    expect(devices.headers.get('retry-after')).toBe('30');
    // Listing is not limited.
    expect((await api(port, 'GET', path, { token })).status).toBe(200);
  });
});
