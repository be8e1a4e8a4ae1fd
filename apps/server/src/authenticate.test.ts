import { IncomingMessage } from 'node:http';
import { Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { tempDir } from '../test/helpers.ts';
import type { AccessStore } from './accessStore.ts';
import {
  ANONYMOUS,
  admitEveryone,
  createTokenAuthenticate,
  originAllowed,
  type Authenticate,
} from './authenticate.ts';
import { openSqliteAccessStore } from './sqliteAccessStore.ts';
import { signToken } from './tokens.ts';

const secret = Buffer.alloc(32, 3);
const SPACE = 'spAuth0001';
const room = { spaceId: SPACE, kind: 'space' as const, id: SPACE };

function request(url: string, headers: Record<string, string> = {}): IncomingMessage {
  const req = new IncomingMessage(new Socket());
  req.url = url;
  req.headers = { host: 'ronde.test:8080', ...headers };
  return req;
}

describe('authenticate', () => {
  const cleanups: (() => Promise<void> | void)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  async function setup(mode: 'required' | 'off' = 'required') {
    const dir = tempDir('ronde-auth-');
    cleanups.push(dir.remove);
    const access: AccessStore = await openSqliteAccessStore(dir.path);
    cleanups.push(() => access.close());
    const space = await access.createSpace({ spaceId: SPACE, adminName: 'A', now: Date.now() });
    const authenticate: Authenticate = createTokenAuthenticate({
      secret,
      access,
      mode,
      allowedOrigins: ['https://app.example'],
    });
    const token = (role = space.member.role, sub = space.member.userId, space_ = SPACE) =>
      signToken(secret, { space: space_, sub, role }, { lifetimeSeconds: 60 }).token;
    return { access, authenticate, space, token };
  }

  it('admitEveryone admits anonymously, with write access', async () => {
    expect(await admitEveryone(request('/'), room)).toEqual({ ok: true, identity: ANONYMOUS });
  });

  it('admits a member with a valid token, with the stored role, name (NAME-4) and the expiry', async () => {
    const { authenticate, space, token } = await setup();
    const result = await authenticate(request(`/sync/x?token=${token()}`), room);
    expect(result).toEqual({
      ok: true,
      identity: {
        userId: space.member.userId,
        spaceId: SPACE,
        role: 'admin',
        canWrite: true,
        expiresAt: expect.any(Number) as number,
        name: space.member.name,
      },
    });
  });

  it('replaces a stale role in the token with the stored one', async () => {
    const { access, authenticate, space, token } = await setup();
    const joined = await access.redeemInvite(space.invite.code, 'B', Date.now());
    if (!joined.ok) throw new Error(joined.reason);
    await access.setRole(SPACE, joined.member.userId, 'observer');
    const result = await authenticate(
      request(`/sync/x?token=${token('member', joined.member.userId)}`),
      room,
    );
    expect(result).toMatchObject({ ok: true, identity: { role: 'observer', canWrite: false } });
  });

  it('refuses: no token 401, forged 401, other space 403, removed member 403', async () => {
    const { access, authenticate, space, token } = await setup();
    expect(await authenticate(request('/sync/x'), room)).toMatchObject({ status: 401 });
    const forged = token().slice(0, -3) + 'AAA';
    expect(await authenticate(request(`/sync/x?token=${forged}`), room)).toMatchObject({
      status: 401,
    });
    const other = token('admin', space.member.userId, 'spOther001');
    expect(await authenticate(request(`/sync/x?token=${other}`), room)).toMatchObject({
      status: 403,
    });
    const joined = await access.redeemInvite(space.invite.code, 'B', Date.now());
    if (!joined.ok) throw new Error(joined.reason);
    await access.removeMember(SPACE, joined.member.userId);
    const gone = token('member', joined.member.userId);
    expect(await authenticate(request(`/sync/x?token=${gone}`), room)).toMatchObject({
      status: 403,
    });
  });

  it('with auth off: no token is anonymous, but a bad token is still refused', async () => {
    const { authenticate, token } = await setup('off');
    expect(await authenticate(request('/sync/x'), room)).toEqual({
      ok: true,
      identity: ANONYMOUS,
    });
    expect(await authenticate(request('/sync/x?token=abc.def'), room)).toMatchObject({
      status: 401,
    });
    expect(await authenticate(request(`/sync/x?token=${token()}`), room)).toMatchObject({
      ok: true,
      identity: { role: 'admin' },
    });
  });

  it('refuses a foreign origin with 403', async () => {
    const { authenticate, token } = await setup();
    const req = request(`/sync/x?token=${token()}`, { origin: 'https://evil.example' });
    expect(await authenticate(req, room)).toMatchObject({ status: 403 });
  });

  it('originAllowed: own host, listed origins, no Origin; not null or others', () => {
    expect(originAllowed(undefined, 'h:1', [])).toBe(true);
    expect(originAllowed('http://h:1', 'h:1', [])).toBe(true);
    expect(originAllowed('https://H:1', 'h:1', [])).toBe(true);
    expect(originAllowed('http://h:2', 'h:1', [])).toBe(false);
    expect(originAllowed('https://a.example', 'h:1', ['https://a.example'])).toBe(true);
    expect(originAllowed('null', 'h:1', [])).toBe(false);
    expect(originAllowed('not a url', 'h:1', [])).toBe(false);
    expect(originAllowed('http://h:1', undefined, [])).toBe(false);
    // The Vite dev proxy: loopback page, loopback server, different ports.
    expect(originAllowed('http://localhost:5173', '127.0.0.1:8080', [])).toBe(true);
    expect(originAllowed('http://[::1]:5173', 'localhost:8080', [])).toBe(true);
    expect(originAllowed('http://evil.example', '127.0.0.1:8080', [])).toBe(false);
    expect(originAllowed('http://localhost:5173', 'ronde.example', [])).toBe(false);
  });
});
