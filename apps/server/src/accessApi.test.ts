import { IncomingMessage } from 'node:http';
import { Socket } from 'node:net';
import { readSpace, renameSpace, spaceRoom } from '@ronde/domain';
import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  api,
  connectWithToken,
  createSpaceOverHttp,
  inviteOverHttp,
  redeemOverHttp,
  startServer,
  tempDir,
  waitFor,
} from '../test/helpers.ts';
import {
  checkSpaceCreation,
  inviteJson,
  inviteLink,
  parseBody,
  secretsEqual,
  signInLink,
  type AccessApiContext,
} from './accessApi.ts';
import type { Invite, Member } from './accessStore.ts';
import { HttpError } from './httpJson.ts';
import { DEFAULT_HTTP_RATE_LIMITS, type HttpRateLimits } from './httpRateLimit.ts';

const invite: Invite = {
  id: 'inApi00001',
  spaceId: 'spApi00001',
  code: 'CODE_abc-123',
  role: 'member',
  createdAt: 1,
  expiresAt: 100,
  maxUses: 2,
  uses: 1,
  revokedAt: null,
};

describe('accessApi', () => {
  it('puts secrets of links in the fragment', () => {
    expect(inviteLink(invite)).toBe('/join#CODE_abc-123');
    expect(signInLink('spApi00001', 'usApi00001', 'KEY')).toBe(
      '/s/spApi00001/signin#usApi00001.KEY',
    );
  });

  it('describes an invite with its status and who joined with it', () => {
    const joined: Member = {
      spaceId: 'spApi00001',
      userId: 'usApi00001',
      name: 'Bea',
      role: 'member',
      joinedAt: 5,
      inviteId: invite.id,
    };
    const other: Member = { ...joined, userId: 'usApi00002', inviteId: null };
    expect(inviteJson(invite, [joined, other], 50)).toMatchObject({
      status: 'active',
      link: '/join#CODE_abc-123',
      joined: [{ userId: 'usApi00001', name: 'Bea', joinedAt: 5 }],
    });
    expect(inviteJson(invite, [], 100).status).toBe('expired');
    expect(inviteJson({ ...invite, uses: 2 }, [], 50).status).toBe('used_up');
    expect(inviteJson({ ...invite, revokedAt: 3 }, [], 500).status).toBe('revoked');
  });

  it('compares secrets of any length', () => {
    expect(secretsEqual('abc', 'abc')).toBe(true);
    expect(secretsEqual('abc', 'abcd')).toBe(false);
    expect(secretsEqual('', 'abc')).toBe(false);
  });

  it('parseBody throws 400 invalid_body naming the field', () => {
    const schema = z.object({ role: z.enum(['member']) });
    expect(parseBody(schema, { role: 'member' })).toEqual({ role: 'member' });
    expect(() => parseBody(schema, { role: 'admin' })).toThrow(HttpError);
    try {
      parseBody(schema, { role: 'admin' });
    } catch (error) {
      expect(error).toMatchObject({ status: 400, code: 'invalid_body' });
      expect((error as Error).message).toMatch(/^role: /);
    }
  });

  it('restricted creation needs the admin secret header', async () => {
    const ctx = {
      spaceCreation: 'restricted',
      adminSecret: 'operator-secret-1',
    } as AccessApiContext;
    const req = new IncomingMessage(new Socket());
    await expect(checkSpaceCreation(req, ctx)).rejects.toMatchObject({ status: 403 });
    req.headers['x-ronde-admin-secret'] = 'operator-secret-1';
    await expect(checkSpaceCreation(req, ctx)).resolves.toBeUndefined();
    await expect(
      checkSpaceCreation(new IncomingMessage(new Socket()), { ...ctx, spaceCreation: 'open' }),
    ).resolves.toBeUndefined();
  });
});

interface Preview {
  spaceId: string;
  spaceName: string;
  role: string;
  expiresAt: number | null;
  usesLeft: number | null;
  error?: { code: string };
}

describe('invite preview, on a real server with an injected clock', () => {
  const cleanups: (() => Promise<void> | void)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  async function server(limits: Partial<HttpRateLimits> = {}) {
    const dir = tempDir('ronde-preview-');
    cleanups.push(dir.remove);
    let t = Date.now();
    const started = await startServer(
      dir.path,
      {
        auth: 'required',
        secret: 'preview-test-secret-0123456789-abcdefgh',
        httpRateLimits: { ...DEFAULT_HTTP_RATE_LIMITS, ...limits },
      },
      { now: () => t },
    );
    cleanups.push(() => started.close());
    const preview = (code: string) =>
      api<Preview>(started.port, 'POST', '/api/invites/preview', { body: { code } });
    return { ...started, preview, now: () => t, advance: (ms: number) => (t += ms) };
  }

  it('INVITE-1 names the space, the role, the expiry and the uses left, and uses nothing', async () => {
    const { port, preview, now } = await server();
    const admin = await createSpaceOverHttp(port);
    const expiresAt = now() + 86_400_000;
    const once = await inviteOverHttp(port, admin, 'facilitator', { expiresAt, maxUses: 1 });
    const expected = {
      spaceId: admin.spaceId,
      spaceName: 'Coop',
      role: 'facilitator',
      expiresAt,
      usesLeft: 1,
    };
    expect(await preview(once.code)).toMatchObject({ status: 200, body: expected });
    expect((await preview(once.code)).body).toEqual(expected);
    // Two looks later the one use is still there.
    expect((await redeemOverHttp(port, once.code)).role).toBe('facilitator');
    const spent = await preview(once.code);
    expect([spent.status, spent.body.error?.code]).toEqual([410, 'invite_used_up']);
    // The default invite: member, no expiry, no limit.
    expect((await preview(admin.inviteCode)).body).toMatchObject({
      role: 'member',
      expiresAt: null,
      usesLeft: null,
    });
  });

  it('INVITE-1 names the space as its document holds it now, after a rename', async () => {
    const { port, preview } = await server();
    const admin = await createSpaceOverHttp(port);
    const room = spaceRoom(admin.spaceId);
    const editor = connectWithToken(port, room, admin.token);
    const reader = connectWithToken(port, room, admin.token);
    cleanups.push(
      () => editor.provider.destroy(),
      () => reader.provider.destroy(),
    );
    await waitFor(() => readSpace(editor.doc)?.name === 'Coop', 'the space to sync');
    renameSpace(editor.doc, 'Coop du Val');
    // Another client seeing the new name means the server holds it.
    await waitFor(() => readSpace(reader.doc)?.name === 'Coop du Val', 'the rename to relay');
    expect((await preview(admin.inviteCode)).body.spaceName).toBe('Coop du Val');
  });

  it('INVITE-2 refuses an unknown code with 404 and a spent one with redemption’s 410 codes', async () => {
    const { port, preview, now, advance } = await server();
    const admin = await createSpaceOverHttp(port);
    expect((await preview('no-such-code')).status).toBe(404);
    const expiring = await inviteOverHttp(port, admin, 'member', { expiresAt: now() + 1000 });
    expect((await preview(expiring.code)).status).toBe(200);
    const revocable = await inviteOverHttp(port, admin, 'observer');
    const revoked = await api(
      port,
      'DELETE',
      `/api/spaces/${admin.spaceId}/invites/${revocable.id}`,
      { token: admin.token },
    );
    expect(revoked.status).toBe(204);
    advance(1000);
    const refusals = await Promise.all([preview(expiring.code), preview(revocable.code)]);
    expect(refusals.map((r) => [r.status, r.body.error?.code])).toEqual([
      [410, 'invite_expired'],
      [410, 'invite_revoked'],
    ]);
  });

  it('INVITE-3 takes the code in a POST body only, and never logs it', async () => {
    const { port, preview, log } = await server();
    const admin = await createSpaceOverHttp(port);
    const asGet = await api(port, 'GET', `/api/invites/preview?code=${admin.inviteCode}`);
    expect(asGet.status).toBe(405);
    expect((await api(port, 'POST', '/api/invites/preview', { body: {} })).status).toBe(400);
    expect((await preview(admin.inviteCode)).status).toBe(200);
    expect((await preview(`${admin.inviteCode}x`)).status).toBe(404);
    expect(log.lines.some((l) => l.msg === 'request refused')).toBe(true);
    expect(JSON.stringify(log.lines)).not.toContain(admin.inviteCode);
  });

  it('HTTP-5 previews take from redemption’s bucket of the address; a join that looks first costs one', async () => {
    const { port, preview, advance } = await server({ redeemPerAddress: 3 });
    const admin = await createSpaceOverHttp(port);
    // Look, then join: the redemption rides on the preview’s pass.
    for (const name of ['Bea', 'Cy']) {
      expect((await preview(admin.inviteCode)).status).toBe(200);
      expect((await redeemOverHttp(port, admin.inviteCode, name)).role).toBe('member');
    }
    // A guess is a guess, through either route: the third one empties the bucket.
    expect((await preview('guess-1')).status).toBe(404);
    const refused = await preview('guess-2');
    expect([refused.status, refused.body.error?.code]).toEqual([429, 'rate_limited']);
    const redeem = await api<Preview>(port, 'POST', '/api/invites/redeem', {
      body: { code: admin.inviteCode, name: 'Di' },
    });
    expect(redeem.status).toBe(429);
    advance(60_000);
    expect((await preview(admin.inviteCode)).status).toBe(200);
  });
});
