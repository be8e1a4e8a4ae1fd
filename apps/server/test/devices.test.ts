import { generateKeyPairSync, sign } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { deviceKeyId, MAX_DEVICE_KEYS_PER_MEMBER } from '../src/deviceKeys.ts';
import { verifyEd25519 } from '../src/signatures.ts';
import {
  api,
  createSpaceOverHttp,
  inviteOverHttp,
  redeemOverHttp,
  startServer,
  tempDir,
} from './helpers.ts';

/** A device's key pair, the public half as the web app sends it (raw, base64url). */
function device() {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  return { privateKey, publicKey: publicKey.export({ format: 'jwk' }).x ?? '' };
}

describe('device keys over HTTP (docs/legitimacy.md §2)', () => {
  const cleanups: (() => Promise<void> | void)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  async function server() {
    const dir = tempDir('ronde-devices-');
    cleanups.push(dir.remove);
    const started = await startServer(dir.path, { auth: 'required' });
    cleanups.push(() => started.close());
    return started;
  }

  it('KEY-1 a member registers a key (201), again (200), and every member lists it', async () => {
    const { port } = await server();
    const admin = await createSpaceOverHttp(port);
    const observer = await redeemOverHttp(
      port,
      (await inviteOverHttp(port, admin, 'observer')).code,
    );
    const path = `/api/spaces/${admin.spaceId}/devices`;
    const { publicKey, privateKey } = device();
    const keyId = deviceKeyId(Buffer.from(publicKey, 'base64url'));

    const added = await api(port, 'POST', path, { token: observer.token, body: { publicKey } });
    expect(added.status).toBe(201);
    expect(added.body).toEqual({
      keyId,
      userId: observer.userId,
      publicKey,
      addedAt: expect.any(Number) as number,
    });
    const again = await api(port, 'POST', path, { token: observer.token, body: { publicKey } });
    expect(again.status).toBe(200);
    expect(again.body).toEqual(added.body);

    const listed = await api<{ keys: { keyId: string; publicKey: string }[] }>(port, 'GET', path, {
      token: admin.token,
    });
    expect(listed.status).toBe(200);
    expect(listed.body).toEqual({ keys: [added.body] });
    // What the event checker will do with it.
    const payload = new TextEncoder().encode('signed');
    const sig = sign(null, payload, privateKey).toString('base64url');
    expect(verifyEd25519(listed.body.keys[0]!.publicKey, payload, sig)).toBe(true);
  });

  it('KEY-2 KEY-6 refuses a malformed key, and a key another member registered (400 invalid_key)', async () => {
    const { port } = await server();
    const admin = await createSpaceOverHttp(port);
    const bea = await redeemOverHttp(port, admin.inviteCode);
    const path = `/api/spaces/${admin.spaceId}/devices`;
    for (const publicKey of ['', 'abc', Buffer.alloc(32).toString('base64url')]) {
      const refused = await api(port, 'POST', path, { token: bea.token, body: { publicKey } });
      expect(refused.status, publicKey).toBe(400);
      expect(refused.body).toMatchObject({ error: { code: 'invalid_key' } });
    }
    const { publicKey } = device();
    expect(
      (await api(port, 'POST', path, { token: admin.token, body: { publicKey } })).status,
    ).toBe(201);
    const taken = await api(port, 'POST', path, { token: bea.token, body: { publicKey } });
    expect(taken.status).toBe(400);
    expect(taken.body).toMatchObject({ error: { code: 'invalid_key' } });
    const missing = await api(port, 'POST', path, { token: bea.token, body: {} });
    expect(missing.status).toBe(400);
  });

  it('KEY-3 refuses a member’s key past the maximum (409 too_many_keys)', async () => {
    const { port } = await server();
    const admin = await createSpaceOverHttp(port);
    const path = `/api/spaces/${admin.spaceId}/devices`;
    for (let i = 0; i < MAX_DEVICE_KEYS_PER_MEMBER; i++) {
      const added = await api(port, 'POST', path, {
        token: admin.token,
        body: { publicKey: device().publicKey },
      });
      expect(added.status).toBe(201);
    }
    const refused = await api(port, 'POST', path, {
      token: admin.token,
      body: { publicKey: device().publicKey },
    });
    expect(refused.status).toBe(409);
    expect(refused.body).toMatchObject({ error: { code: 'too_many_keys' } });
  });

  it('KEY-5 needs a token of the space; a removed member’s keys stay listed', async () => {
    const { port } = await server();
    const admin = await createSpaceOverHttp(port);
    const other = await createSpaceOverHttp(port);
    const bea = await redeemOverHttp(port, admin.inviteCode);
    const path = `/api/spaces/${admin.spaceId}/devices`;
    expect((await api(port, 'GET', path)).status).toBe(401);
    expect((await api(port, 'GET', path, { token: other.token })).status).toBe(401);
    expect(
      (
        await api(port, 'POST', path, {
          token: other.token,
          body: { publicKey: device().publicKey },
        })
      ).status,
    ).toBe(401);
    expect((await api(port, 'DELETE', path, { token: admin.token })).status).toBe(405);
    expect((await api(port, 'GET', `${path}/x1234567`, { token: admin.token })).status).toBe(404);

    const { publicKey } = device();
    expect((await api(port, 'POST', path, { token: bea.token, body: { publicKey } })).status).toBe(
      201,
    );
    const removed = await api(
      port,
      'DELETE',
      `/api/spaces/${admin.spaceId}/members/${bea.userId}`,
      {
        token: admin.token,
      },
    );
    expect(removed.status).toBe(204);
    const listed = await api<{ keys: { userId: string; publicKey: string }[] }>(port, 'GET', path, {
      token: admin.token,
    });
    expect(listed.body.keys).toEqual([expect.objectContaining({ userId: bea.userId, publicKey })]);
    // The removed member can no longer add keys.
    const late = await api(port, 'POST', path, {
      token: bea.token,
      body: { publicKey: device().publicKey },
    });
    expect(late.status).toBe(401);
  });
});
