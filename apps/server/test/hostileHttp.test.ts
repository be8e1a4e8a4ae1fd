import { newId } from '@ronde/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, createSpaceOverHttp, startServer, tempDir } from './helpers.ts';
import { invited, type Member } from './hostileKit.ts';

/**
 * The HTTP API against a member's valid token used where it does not
 * belong, forged or altered tokens, an observer on a member's routes and
 * bodies no client sends. Each route has its own tests; these go through
 * them all with the same attacks, so a new route that forgets a check
 * shows here.
 */
describe('hostile HTTP calls', () => {
  const dir = tempDir('ronde-hostile-http-');
  let server: Awaited<ReturnType<typeof startServer>>;
  let port: number;
  let admin: Member;
  let observer: Member;
  let otherAdmin: Member;

  beforeAll(async () => {
    server = await startServer(dir.path, { auth: 'required' });
    port = server.port;
    const created = await createSpaceOverHttp(port);
    admin = { ...created, kid: '', sign: () => ({}) as never };
    observer = await invited(port, admin, 'observer', 'Obs');
    const other = await createSpaceOverHttp(port);
    otherAdmin = { ...other, kid: '', sign: () => ({}) as never };
  }, 60_000);

  afterAll(async () => {
    await server.close();
    dir.remove();
  });

  /** The space's member routes, as `[method, path, body?]`. */
  const routes = (spaceId: string): Array<[string, string, unknown?]> => [
    ['GET', `/api/spaces/${spaceId}/members`],
    ['GET', `/api/spaces/${spaceId}/invites`],
    ['POST', `/api/spaces/${spaceId}/invites`, { role: 'admin' }],
    ['PATCH', `/api/spaces/${spaceId}/members/${newId()}`, { role: 'admin' }],
    ['GET', `/api/spaces/${spaceId}/devices`],
    ['GET', `/api/spaces/${spaceId}/backup`],
    ['GET', `/api/spaces/${spaceId}/contributions`],
    ['GET', `/api/spaces/${spaceId}/commons/decisions`],
    ['GET', `/api/spaces/${spaceId}/proposals/${newId()}/versions`],
    ['POST', `/api/spaces/${spaceId}/time/events`, { id: newId() }],
  ];

  it('VERS-6 LEDGERSRV-1 COMMONS-4 BACKUP-3 TIMESRV-2 KEY-1 a valid admin token of another space opens none of this space’s routes (401)', async () => {
    for (const [method, path, body] of routes(admin.spaceId)) {
      const answer = await api(port, method, path, { token: otherAdmin.token, body });
      expect([path, answer.status]).toEqual([path, 401]);
    }
  });

  it('VERS-6 LEDGERSRV-1 COMMONS-4 BACKUP-3 TIMESRV-2 KEY-1 a token altered by one character, or unsigned, or none, is refused (401)', async () => {
    const [payload = '', sig = ''] = admin.token.split('.');
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Record<
      string,
      unknown
    >;
    const promoted = Buffer.from(
      JSON.stringify({ ...claims, role: 'admin', sub: observer.userId }),
    ).toString('base64url');
    // The first character of the MAC (the last one's low bits are base64 padding).
    const flipped = `${payload}.${sig.startsWith('A') ? 'B' : 'A'}${sig.slice(1)}`;
    for (const token of [`${promoted}.${sig}`, flipped, payload, undefined]) {
      for (const [method, path, body] of routes(admin.spaceId)) {
        const answer = await api(port, method, path, { ...(token ? { token } : {}), body });
        expect([path, answer.status]).toEqual([path, 401]);
      }
    }
  });

  it('BACKUP-3 TIMESRV-2 an observer gets no admin route (403) and declares no time (403 read-only)', async () => {
    for (const [method, path, body] of routes(admin.spaceId).slice(0, 4)) {
      const answer = await api(port, method, path, { token: observer.token, body });
      expect([path, answer.status]).toEqual([path, 403]);
    }
    const time = await api(port, 'POST', `/api/spaces/${admin.spaceId}/time/events`, {
      token: observer.token,
      body: { id: newId() },
    });
    expect(time.status).toBe(403);
  });

  it('bodies no client sends (httpJson: 400, 413): malformed JSON 400, oversized 413, nothing created', async () => {
    const path = `/api/spaces/${admin.spaceId}/invites`;
    const before = await api<unknown[]>(port, 'GET', path, { token: admin.token });
    const headers = { authorization: `Bearer ${admin.token}`, 'content-type': 'application/json' };
    const malformed = await fetch(`http://127.0.0.1:${port}${path}`, {
      method: 'POST',
      headers,
      body: '{"role":',
    });
    expect(malformed.status).toBe(400);
    const huge = await fetch(`http://127.0.0.1:${port}${path}`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ role: 'member', pad: 'x'.repeat(2 * 1024 * 1024) }),
    }).catch(() => null);
    // Refused with 413 (or the socket cut while the body was still being sent).
    if (huge) expect(huge.status).toBe(413);
    const after = await api<unknown[]>(port, 'GET', path, { token: admin.token });
    expect(after.body.length).toBe(before.body.length);
  });
});
