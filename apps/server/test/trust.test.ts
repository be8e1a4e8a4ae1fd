import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import type { Config } from '../src/config.ts';
import { CLOSE_CODES, DEFAULT_LIMITS } from '../src/limits.ts';
import { encodeUpdate, MESSAGE_AUTH } from '../src/protocol.ts';
import { SECURITY_HEADERS } from '../src/securityHeaders.ts';
import { signToken } from '../src/tokens.ts';
import {
  api,
  connectWithToken,
  createSpaceOverHttp,
  inviteOverHttp,
  rawClient,
  redeemOverHttp,
  startServer,
  tempDir,
  tokenPayload,
  upgradeStatus,
  waitFor,
  type Grant,
} from './helpers.ts';

const SECRET = 'trust-test-secret-0123456789-abcdefghij';
const secret = Buffer.from(SECRET, 'utf8');

const spaceRoomOf = (spaceId: string): string => `${spaceId}/space/${spaceId}`;
const proposalRoomOf = (spaceId: string): string => `${spaceId}/proposal/prTrust00001`;
const sync = (room: string, token?: string): string =>
  `/sync/${room}${token === undefined ? '' : `?token=${token}`}`;

/** Resolves with the close code once the provider is closed for good (44xx). */
function closedFor(provider: WebsocketProvider): Promise<number> {
  return new Promise((resolve) => provider.once('closed', (event) => resolve(event.code)));
}

function edit(doc: Y.Doc, text: string): Uint8Array {
  let captured: Uint8Array | null = null;
  const capture = (u: Uint8Array): void => void (captured = u);
  doc.on('update', capture);
  doc.getText('title').insert(doc.getText('title').length, text);
  doc.off('update', capture);
  if (!captured) throw new Error('no update');
  return captured;
}

describe('trust: access control end to end', () => {
  const cleanups: (() => Promise<void> | void)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  async function server(config: Partial<Config> = {}) {
    const dir = tempDir('ronde-trust-');
    cleanups.push(dir.remove);
    const started = await startServer(dir.path, { auth: 'required', secret: SECRET, ...config });
    cleanups.push(() => started.close());
    return { ...started, dir: dir.path };
  }

  function provider(port: number, room: string, token: string) {
    const client = connectWithToken(port, room, token);
    cleanups.push(() => client.provider.destroy());
    return client;
  }

  function raw(port: number, path: string) {
    const client = rawClient(port, path);
    cleanups.push(() => client.socket.terminate());
    return client;
  }

  it('creates a space with its admin, an admin link, a default invite and a session', async () => {
    const { port } = await server();
    const admin = await createSpaceOverHttp(port);
    expect(admin.body).toMatchObject({
      member: { userId: admin.userId, role: 'admin', name: 'Ada', key: admin.key },
      session: { token: admin.token, expiresAt: expect.any(Number) as number },
      adminLink: `/s/${admin.spaceId}/signin#${admin.userId}.${admin.key}`,
      invite: {
        role: 'member',
        expiresAt: null,
        maxUses: null,
        uses: 0,
        status: 'active',
        link: `/join#${admin.inviteCode}`,
        joined: [],
      },
    });
    expect(admin.key.length).toBeGreaterThanOrEqual(43);
    expect(tokenPayload(admin.token)).toMatchObject({
      v: 1,
      space: admin.spaceId,
      sub: admin.userId,
      role: 'admin',
    });
    const session = await api(port, 'POST', '/api/session', {
      body: { spaceId: admin.spaceId, userId: admin.userId, key: admin.key },
    });
    expect(session.status).toBe(200);
    expect(session.body).toMatchObject({ role: 'admin', name: 'Ada' });
    const wrongKey = await api(port, 'POST', '/api/session', {
      body: { spaceId: admin.spaceId, userId: admin.userId, key: admin.key + 'x' },
    });
    expect(wrongKey.status).toBe(401);
  });

  it('refuses an upgrade without a token (401) or with a forged one (401)', async () => {
    const { port, log } = await server();
    const admin = await createSpaceOverHttp(port);
    const room = spaceRoomOf(admin.spaceId);
    expect(await upgradeStatus(port, sync(room))).toBe(401);
    const forged = signToken(
      Buffer.alloc(32, 1),
      { space: admin.spaceId, sub: admin.userId, role: 'admin' },
      { lifetimeSeconds: 60 },
    ).token;
    expect(await upgradeStatus(port, sync(room, forged))).toBe(401);
    const [body] = admin.token.split('.');
    expect(await upgradeStatus(port, sync(room, `${body}.${'A'.repeat(43)}`))).toBe(401);
    const refusals = log.lines.filter((l) => l.msg === 'refused connection');
    expect(refusals.length).toBe(3);
    expect(JSON.stringify(log.lines)).not.toContain(admin.token);
    expect(JSON.stringify(log.lines)).not.toContain(admin.key);
  });

  it('refuses an expired token (401), and closes with 4401 when it expires mid-connection', async () => {
    const { port } = await server({ tokenLifetimeSeconds: 2 });
    const admin = await createSpaceOverHttp(port);
    const room = spaceRoomOf(admin.spaceId);
    const expired = signToken(
      secret,
      { space: admin.spaceId, sub: admin.userId, role: 'admin' },
      { lifetimeSeconds: 60, now: Date.now() - 61_000 },
    ).token;
    expect(await upgradeStatus(port, sync(room, expired))).toBe(401);

    const client = raw(port, sync(room, admin.token));
    await client.opened;
    const closed = await client.closed;
    expect(closed.code).toBe(CLOSE_CODES.tokenExpired);
    // The same (now expired) token is refused at the next upgrade.
    expect(await upgradeStatus(port, sync(room, admin.token))).toBe(401);
  });

  it('refuses a token for another space (403)', async () => {
    const { port } = await server();
    const a = await createSpaceOverHttp(port);
    const b = await createSpaceOverHttp(port);
    expect(await upgradeStatus(port, sync(spaceRoomOf(b.spaceId), a.token))).toBe(403);
    expect(await upgradeStatus(port, sync(proposalRoomOf(b.spaceId), a.token))).toBe(403);
    const ok = raw(port, sync(proposalRoomOf(a.spaceId), a.token));
    await ok.opened;
  });

  it('a removed member: open socket closed 4403, key and token refused, their writes kept', async () => {
    const { port } = await server();
    const admin = await createSpaceOverHttp(port);
    const member = await redeemOverHttp(port, admin.inviteCode);
    const room = proposalRoomOf(admin.spaceId);
    const a = provider(port, room, admin.token);
    const m = provider(port, room, member.token);
    edit(m.doc, 'written before removal');
    await waitFor(() => a.doc.getText('title').toString() === 'written before removal', 'relay');
    const closed = closedFor(m.provider);

    const removed = await api(
      port,
      'DELETE',
      `/api/spaces/${admin.spaceId}/members/${member.userId}`,
      {
        token: admin.token,
      },
    );
    expect(removed.status).toBe(204);
    expect(await closed).toBe(CLOSE_CODES.forbidden);

    const session = await api(port, 'POST', '/api/session', {
      body: { spaceId: member.spaceId, userId: member.userId, key: member.key },
    });
    expect(session.status).toBe(401);
    expect(await upgradeStatus(port, sync(room, member.token))).toBe(403);
    const again = await api(port, 'GET', `/api/spaces/${admin.spaceId}/members`, {
      token: member.token,
    });
    expect(again.status).toBe(401);

    const fresh = provider(port, room, admin.token);
    await waitFor(() => fresh.provider.synced, 'a fresh client to sync');
    expect(fresh.doc.getText('title').toString()).toBe('written before removal');
  });

  it('an observer: writes dropped with permission-denied, awareness allowed, others keep syncing', async () => {
    const { port, log } = await server();
    const admin = await createSpaceOverHttp(port);
    const invite = await inviteOverHttp(port, admin, 'observer');
    const observer = await redeemOverHttp(port, invite.code, 'Olga');
    expect(observer.role).toBe('observer');
    const member = await redeemOverHttp(port, admin.inviteCode);
    const room = proposalRoomOf(admin.spaceId);
    const a = provider(port, room, admin.token);
    const m = provider(port, room, member.token);
    await waitFor(() => a.provider.synced && m.provider.synced, 'both synced');

    const o = raw(port, sync(room, observer.token));
    await o.opened;
    const foreign = new Y.Doc();
    o.socket.send(encodeUpdate(edit(foreign, 'observer was here')));
    o.socket.send(encodeUpdate(edit(foreign, ' twice')));
    await waitFor(
      () => o.messages.filter((msg) => msg[0] === MESSAGE_AUTH && msg[1] === 0).length === 2,
      'two permission-denied messages',
    );

    const stock = provider(port, room, observer.token);
    await waitFor(() => stock.provider.synced, 'the observer provider to sync');
    stock.provider.awareness.setLocalStateField('user', { name: 'Olga' });
    await waitFor(
      () =>
        [...a.provider.awareness.getStates().values()].some(
          (state) => (state as { user?: { name?: string } }).user?.name === 'Olga',
        ),
      "the observer's presence to reach the admin",
    );

    edit(a.doc, 'from the admin');
    await waitFor(() => m.doc.getText('title').toString() === 'from the admin', 'admin → member');
    edit(m.doc, ' and the member');
    await waitFor(
      () => a.doc.getText('title').toString() === 'from the admin and the member',
      'member → admin',
    );
    await waitFor(
      () => stock.doc.getText('title').toString() === 'from the admin and the member',
      'the observer reads',
    );
    expect(a.doc.getText('title').toString()).not.toContain('observer');
    const fresh = provider(port, room, member.token);
    await waitFor(() => fresh.provider.synced, 'fresh sync');
    expect(fresh.doc.getText('title').toString()).toBe('from the admin and the member');
    expect(log.lines.filter((l) => l.msg === 'write refused')).toHaveLength(1);
    expect(o.socket.readyState).toBe(o.socket.OPEN);
  });

  it('a role change closes with 4401; the next token carries the new role', async () => {
    const { port } = await server();
    const admin = await createSpaceOverHttp(port);
    const member = await redeemOverHttp(port, admin.inviteCode);
    const client = raw(port, sync(spaceRoomOf(admin.spaceId), member.token));
    await client.opened;
    const changed = await api(
      port,
      'PATCH',
      `/api/spaces/${admin.spaceId}/members/${member.userId}`,
      {
        token: admin.token,
        body: { role: 'facilitator' },
      },
    );
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({ userId: member.userId, role: 'facilitator' });
    expect((await client.closed).code).toBe(CLOSE_CODES.tokenExpired);
    const session = await api<{ token: string; role: string }>(port, 'POST', '/api/session', {
      body: { spaceId: member.spaceId, userId: member.userId, key: member.key },
    });
    expect(session.body.role).toBe('facilitator');
    expect(tokenPayload(session.body.token).role).toBe('facilitator');
  });

  it('an old token with a stale role gets the stored role (observer: read-only)', async () => {
    const { port } = await server();
    const admin = await createSpaceOverHttp(port);
    const member = await redeemOverHttp(port, admin.inviteCode);
    await api(port, 'PATCH', `/api/spaces/${admin.spaceId}/members/${member.userId}`, {
      token: admin.token,
      body: { role: 'observer' },
    });
    const client = raw(port, sync(proposalRoomOf(admin.spaceId), member.token));
    await client.opened;
    client.socket.send(encodeUpdate(edit(new Y.Doc(), 'stale role')));
    await waitFor(
      () => client.messages.some((msg) => msg[0] === MESSAGE_AUTH),
      'permission-denied',
    );
  });

  it('invites: expiry, use limit and revocation answer 410; unknown 404', async () => {
    const { port } = await server();
    const admin = await createSpaceOverHttp(port);
    const redeem = (code: string) =>
      api<{ error: { code: string } }>(port, 'POST', '/api/invites/redeem', {
        body: { code, name: 'X' },
      });
    const expiresAt = Date.now() + 300;
    const expiring = await inviteOverHttp(port, admin, 'member', { expiresAt });
    await waitFor(() => Date.now() > expiresAt, 'the invite’s expiry to pass');
    const expired = await redeem(expiring.code);
    expect(expired.status).toBe(410);
    expect(expired.body.error.code).toBe('invite_expired');

    const once = await inviteOverHttp(port, admin, 'facilitator', { maxUses: 1 });
    expect((await redeemOverHttp(port, once.code)).role).toBe('facilitator');
    const usedUp = await redeem(once.code);
    expect([usedUp.status, usedUp.body.error.code]).toEqual([410, 'invite_used_up']);

    const revocable = await inviteOverHttp(port, admin, 'member');
    const revoked = await api(
      port,
      'DELETE',
      `/api/spaces/${admin.spaceId}/invites/${revocable.id}`,
      {
        token: admin.token,
      },
    );
    expect(revoked.status).toBe(204);
    const late = await redeem(revocable.code);
    expect([late.status, late.body.error.code]).toEqual([410, 'invite_revoked']);
    expect((await redeem('no-such-code')).status).toBe(404);

    const listed = await api<{ id: string; status: string; uses: number; joined: unknown[] }[]>(
      port,
      'GET',
      `/api/spaces/${admin.spaceId}/invites`,
      { token: admin.token },
    );
    expect(listed.status).toBe(200);
    const byId = new Map(listed.body.map((i) => [i.id, i]));
    expect(byId.get(expiring.id)?.status).toBe('expired');
    expect(byId.get(once.id)).toMatchObject({ status: 'used_up', uses: 1 });
    expect(byId.get(once.id)?.joined).toHaveLength(1);
    expect(byId.get(revocable.id)?.status).toBe('revoked');
    const invalid = await api(port, 'POST', `/api/spaces/${admin.spaceId}/invites`, {
      token: admin.token,
      body: { role: 'admin' },
    });
    expect(invalid.status).toBe(400);
  });

  it('two concurrent redemptions of a one-use invite: exactly one succeeds', async () => {
    const { port } = await server();
    const admin = await createSpaceOverHttp(port);
    const once = await inviteOverHttp(port, admin, 'member', { maxUses: 1 });
    const answers = await Promise.all(
      ['P', 'Q', 'R', 'S'].map((name) =>
        api(port, 'POST', '/api/invites/redeem', { body: { code: once.code, name } }),
      ),
    );
    expect(answers.map((a) => a.status).sort()).toEqual([201, 410, 410, 410]);
    const members = await api<unknown[]>(port, 'GET', `/api/spaces/${admin.spaceId}/members`, {
      token: admin.token,
    });
    expect(members.body).toHaveLength(2);
  });

  it('the last admin can be neither removed nor demoted (409); a second admin unlocks it', async () => {
    const { port } = await server();
    const admin = await createSpaceOverHttp(port);
    const path = `/api/spaces/${admin.spaceId}/members/${admin.userId}`;
    const demote = await api(port, 'PATCH', path, { token: admin.token, body: { role: 'member' } });
    expect(demote.status).toBe(409);
    expect((await api(port, 'DELETE', path, { token: admin.token })).status).toBe(409);
    const other = await redeemOverHttp(port, admin.inviteCode);
    const promote = await api(
      port,
      'PATCH',
      `/api/spaces/${admin.spaceId}/members/${other.userId}`,
      {
        token: admin.token,
        body: { role: 'admin' },
      },
    );
    expect(promote.status).toBe(200);
    expect((await api(port, 'DELETE', path, { token: admin.token })).status).toBe(204);
  });

  it('admin routes: 401 without or with a foreign token, 403 below admin, 404 unknown', async () => {
    const { port } = await server();
    const admin = await createSpaceOverHttp(port);
    const other = await createSpaceOverHttp(port);
    const member: Grant = await redeemOverHttp(port, admin.inviteCode);
    const path = `/api/spaces/${admin.spaceId}/invites`;
    expect((await api(port, 'GET', path)).status).toBe(401);
    expect((await api(port, 'GET', path, { token: other.token })).status).toBe(401);
    expect((await api(port, 'GET', path, { token: 'a.b' })).status).toBe(401);
    expect((await api(port, 'GET', path, { token: member.token })).status).toBe(403);
    expect((await api(port, 'DELETE', `${path}/inNobody0001`, { token: admin.token })).status).toBe(
      404,
    );
    expect(
      (
        await api(port, 'PATCH', `/api/spaces/${admin.spaceId}/members/usNobody0001`, {
          token: admin.token,
          body: { role: 'member' },
        })
      ).status,
    ).toBe(404);
  });

  it('restricted space creation: 403 without the admin secret, 201 with it', async () => {
    const { port } = await server({
      spaceCreation: 'restricted',
      adminSecret: 'operator-secret-123456',
    });
    const body = { name: 'Coop', circleName: 'General' };
    expect((await api(port, 'POST', '/api/spaces', { body })).status).toBe(403);
    const wrong = await api(port, 'POST', '/api/spaces', {
      body,
      headers: { 'x-ronde-admin-secret': 'operator-secret-12345' },
    });
    expect(wrong.status).toBe(403);
    const right = await api(port, 'POST', '/api/spaces', {
      body,
      headers: { 'x-ronde-admin-secret': 'operator-secret-123456' },
    });
    expect(right.status).toBe(201);
  });

  it('refuses an origin that is neither its own nor allowed (403)', async () => {
    const { port } = await server({ allowedOrigins: ['https://app.example'] });
    const admin = await createSpaceOverHttp(port);
    const path = sync(spaceRoomOf(admin.spaceId), admin.token);
    expect(await upgradeStatus(port, path, { origin: 'https://evil.example' })).toBe(403);
    expect(await upgradeStatus(port, path, { origin: 'null' })).toBe(403);
    for (const origin of [`http://127.0.0.1:${port}`, 'https://app.example']) {
      const client = new (await import('ws')).default(`ws://127.0.0.1:${port}${path}`, {
        headers: { origin },
      });
      await new Promise<void>((resolve, reject) => {
        client.on('open', () => resolve());
        client.on('unexpected-response', (_req, res) =>
          reject(new Error(`${origin}: ${res.statusCode}`)),
        );
      });
      client.terminate();
    }
  });

  it('refuses connections over the per-address and per-member limits (429)', async () => {
    const { port } = await server({
      limits: { ...DEFAULT_LIMITS, maxConnectionsPerIp: 3, maxConnectionsPerMember: 2 },
    });
    const admin = await createSpaceOverHttp(port);
    const member = await redeemOverHttp(port, admin.inviteCode);
    const room = spaceRoomOf(admin.spaceId);
    const first = raw(port, sync(room, admin.token));
    const second = raw(port, sync(room, admin.token));
    await Promise.all([first.opened, second.opened]);
    expect(await upgradeStatus(port, sync(room, admin.token))).toBe(429);
    const third = raw(port, sync(room, member.token));
    await third.opened;
    expect(await upgradeStatus(port, sync(room, member.token))).toBe(429);
    // A closed socket gives its slot back.
    first.socket.close();
    await first.closed;
    await waitFor(async () => {
      const again = raw(port, sync(room, member.token));
      try {
        await again.opened;
        return true;
      } catch {
        return false;
      }
    }, 'a slot to free up');
  });

  it('sends the security headers and the CSP on the SPA and on the API', async () => {
    const { port, dir } = await server();
    const web = join(dir, 'no-web');
    mkdirSync(join(web, 'assets'), { recursive: true });
    writeFileSync(join(web, 'index.html'), '<!doctype html><title>Ronde</title>');
    writeFileSync(join(web, 'assets', 'app.js'), 'export {};');
    for (const path of [
      '/',
      '/s/abc/signin',
      '/assets/app.js',
      '/api/time',
      '/api/nope',
      '/healthz',
    ]) {
      const res = await fetch(`http://127.0.0.1:${port}${path}`);
      await res.arrayBuffer();
      for (const [name, value] of Object.entries(SECURITY_HEADERS)) {
        expect(res.headers.get(name), `${name} on ${path}`).toBe(value);
      }
    }
    const csp = SECURITY_HEADERS['content-security-policy'] ?? '';
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toContain('unsafe-eval');
    expect(SECURITY_HEADERS['referrer-policy']).toBe('no-referrer');
  });

  it('with auth off, an upgrade without a token is admitted, a bad token still refused', async () => {
    const { port } = await server({ auth: 'off' });
    const admin = await createSpaceOverHttp(port);
    const room = spaceRoomOf(admin.spaceId);
    const anonymous = raw(port, sync(room));
    await anonymous.opened;
    expect(await upgradeStatus(port, sync(room, 'forged.token'))).toBe(401);
    const other = await createSpaceOverHttp(port);
    expect(await upgradeStatus(port, sync(room, other.token))).toBe(403);
  });
});
