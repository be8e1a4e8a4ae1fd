import { spaceRoom } from '@ronde/domain';
import { Awareness, encodeAwarenessUpdate } from 'y-protocols/awareness';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { encodeAwareness } from '../src/protocol.ts';
import type { RondeServer } from '../src/server.ts';
import { CLOSE_CODES } from '../src/limits.ts';
import { clusterConfig, REDIS_URL, startInstance, startOwnRedis } from './clusterKit.ts';
import {
  api,
  connectWithToken,
  createSpaceOverHttp,
  rawClient,
  tempDir,
  waitFor,
} from './helpers.ts';
import { invited, syncPath } from './hostileKit.ts';
import { createTestDatabase, DATABASE_URL } from './pgDatabase.ts';

const missing = [!DATABASE_URL && 'DATABASE_URL', !REDIS_URL && 'REDIS_URL'].filter(Boolean);
const skip = missing.length > 0 && !process.env.CI;
if (skip) console.warn(`hostile cluster: ${missing.join(' and ')} not set: skipped`);

/**
 * A hostile member on one instance of a deployment, the member they target
 * on another (SPEC CLUSTER-4 relays presence): the presence rules hold
 * across instances as they do on one.
 */
describe.skipIf(skip)('hostile clients across instances', () => {
  const cleanups: (() => Promise<unknown> | void)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  async function instance(
    config: ReturnType<typeof clusterConfig>,
    accessSweepMs?: number,
  ): Promise<RondeServer> {
    const dir = tempDir('ronde-hostile-cluster-');
    cleanups.push(dir.remove);
    const server = await startInstance(dir.path, {
      ...config,
      auth: 'required',
      ...(accessSweepMs !== undefined ? { accessSweepMs } : {}),
    });
    cleanups.push(() => server.close());
    return server;
  }

  it('AWARE-1 a member cannot overwrite the presence of someone connected to another instance', async () => {
    const db = await createTestDatabase();
    cleanups.push(db.drop);
    const config = clusterConfig(db.url, REDIS_URL);
    const [a, b] = [await instance(config), await instance(config)];
    const admin = await createSpaceOverHttp(a.port);
    const bea = await invited(a.port, admin, 'member', 'Bea');
    const cy = await invited(a.port, admin, 'member', 'Cy');
    const room = spaceRoom(admin.spaceId);

    // Bea on instance B, Ada watching on instance A, where Cy attacks.
    const beaClient = connectWithToken(b.port, room, bea.token);
    cleanups.push(() => beaClient.provider.destroy());
    beaClient.provider.awareness.setLocalStateField('user', { id: bea.userId, name: 'Bea' });
    const beaId = beaClient.provider.awareness.clientID;
    const ada = connectWithToken(a.port, room, admin.token);
    cleanups.push(() => ada.provider.destroy());
    await waitFor(() => ada.provider.awareness.getStates().has(beaId), 'Ada sees Bea', 10_000);

    const attacker = rawClient(a.port, syncPath(room, cy.token));
    cleanups.push(() => attacker.socket.terminate());
    await attacker.opened;
    // Bea's clientID, a higher clock, a state naming Cy (AWARE-3 holds) or nobody:
    // Bea's own later updates, with lower clocks, would be ignored everywhere.
    for (const state of [{ user: { id: cy.userId, name: 'Bea' } }, { hidden: true }]) {
      const spoof = new Awareness(new Y.Doc());
      spoof.clientID = beaId;
      for (let n = 0; n < 50; n++) spoof.setLocalState(state);
      attacker.socket.send(encodeAwareness(encodeAwarenessUpdate(spoof, [beaId])));
    }
    // A marker of Cy's own, sent after: once Bea sees it on B, the spoof was relayed or dropped.
    const marker = new Awareness(new Y.Doc());
    marker.setLocalState({ user: { id: cy.userId, name: 'Cy' } });
    attacker.socket.send(encodeAwareness(encodeAwarenessUpdate(marker, [marker.clientID])));
    await waitFor(
      () =>
        ada.provider.awareness.getStates().has(marker.clientID) &&
        beaClient.provider.awareness.getStates().has(marker.clientID),
      'Cy’s own presence on both instances',
      10_000,
    );
    const bea0 = { user: { id: bea.userId, name: 'Bea' } };
    expect(ada.provider.awareness.getStates().get(beaId)).toEqual(bea0);
    expect(beaClient.provider.awareness.getStates().get(beaId)).toEqual(bea0);

    // Bea still shows her presence changes to Ada (under her own name, NAME-4).
    beaClient.provider.awareness.setLocalStateField('cursor', { anchor: 4 });
    await waitFor(
      () =>
        (
          ada.provider.awareness.getStates().get(beaId) as
            (typeof bea0 & { cursor?: { anchor: number } }) | undefined
        )?.cursor?.anchor === 4,
      'Ada sees Bea’s new presence',
      10_000,
    );
  }, 60_000);

  /** `member`'s bare socket to `room` on the instance at `port`, open. */
  async function openOn(port: number, room: string, member: { token: string }) {
    const client = rawClient(port, syncPath(room, member.token));
    cleanups.push(() => client.socket.terminate());
    await client.opened;
    return client;
  }

  /** The admin removes `member` through the instance at `port`. */
  const remove = (
    port: number,
    admin: { spaceId: string; token: string },
    member: { userId: string },
  ) =>
    api(port, 'DELETE', `/api/spaces/${admin.spaceId}/members/${member.userId}`, {
      token: admin.token,
    });

  it('ACCESS-2 a member removed or demoted through one instance is cut off on every instance at once', async () => {
    const db = await createTestDatabase();
    cleanups.push(db.drop);
    const config = clusterConfig(db.url, REDIS_URL);
    // No sweep within the test (ACCESS-3): what cuts them is the message between instances.
    const [a, b] = [await instance(config, 3_600_000), await instance(config, 3_600_000)];
    const admin = await createSpaceOverHttp(a.port);
    const bea = await invited(a.port, admin, 'member', 'Bea');
    const cy = await invited(a.port, admin, 'member', 'Cy');
    const room = spaceRoom(admin.spaceId);
    // Bea and Cy write through instance B; the admin manages members through instance A.
    const beaSocket = await openOn(b.port, room, bea);
    const cySocket = await openOn(b.port, room, cy);
    expect((await remove(a.port, admin, cy)).status).toBe(204);
    expect((await cySocket.closed).code).toBe(CLOSE_CODES.forbidden);
    const demoted = await api(
      a.port,
      'PATCH',
      `/api/spaces/${admin.spaceId}/members/${bea.userId}`,
      {
        token: admin.token,
        body: { role: 'observer' },
      },
    );
    expect(demoted.status).toBe(200);
    // Bea's socket reopens with a new token, as an observer.
    expect((await beaSocket.closed).code).toBe(CLOSE_CODES.tokenExpired);
  }, 60_000);

  it('ACCESS-3 a removal whose message was lost while Redis was down still cuts the member off, at the next sweep', async () => {
    const redis = await startOwnRedis();
    cleanups.push(() => redis.stop());
    const db = await createTestDatabase();
    cleanups.push(db.drop);
    const config = clusterConfig(db.url, redis.url);
    const [a, b] = [await instance(config, 1000), await instance(config, 1000)];
    const admin = await createSpaceOverHttp(a.port);
    const cy = await invited(a.port, admin, 'member', 'Cy');
    const cySocket = await openOn(b.port, spaceRoom(admin.spaceId), cy);
    await redis.stop();
    expect((await remove(a.port, admin, cy)).status).toBe(204);
    expect((await cySocket.closed).code).toBe(CLOSE_CODES.forbidden);
  }, 60_000);
});
