import {
  addAction,
  initMeeting,
  joinMeeting,
  logTension,
  meetingPeople,
  newId,
  roomName,
  spaceActions,
  spaceRoom,
  spaceTensions,
} from '@ronde/domain';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { CLOSE_CODES } from '../src/limits.ts';
import { api, createSpaceOverHttp, rawClient, startServer, tempDir, waitFor } from './helpers.ts';
import { deniedReasons, honest, hostile, invited, stored, syncPath } from './hostileKit.ts';

describe('display names over HTTP (NAME-n)', () => {
  const cleanups: (() => Promise<void> | void)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  async function server() {
    const dir = tempDir('ronde-names-');
    cleanups.push(dir.remove);
    const started = await startServer(dir.path, { auth: 'required' });
    cleanups.push(() => started.close());
    return started;
  }

  it('NAME-2 redeeming with NUL or U+202E in the name is 400 invalid_name, and uses nothing', async () => {
    const { port } = await server();
    const ada = await createSpaceOverHttp(port);
    for (const name of ['Bea\u0000', 'Bea\u202Eevil', '\u2066Bea\u2069', '\uFEFFBea', '   ']) {
      const refused = await api(port, 'POST', '/api/invites/redeem', {
        body: { code: ada.inviteCode, name },
      });
      expect(refused.status, JSON.stringify(name)).toBe(400);
      expect(refused.body).toMatchObject({ error: { code: 'invalid_name' } });
    }
    const members = await api<{ name: string }[]>(
      port,
      'GET',
      `/api/spaces/${ada.spaceId}/members`,
      {
        token: ada.token,
      },
    );
    expect(members.body.map((m) => m.name)).toEqual(['Ada']);
  });

  it('NAME-1 a redeemed name is stored normalised: NFC, trimmed, one space between words', async () => {
    const { port } = await server();
    const ada = await createSpaceOverHttp(port);
    const joined = await api<{ member: { name: string } }>(port, 'POST', '/api/invites/redeem', {
      body: { code: ada.inviteCode, name: '  Rene\u0301e \u00A0  Dupont ' },
    });
    expect(joined.status).toBe(201);
    expect(joined.body.member.name).toBe('Ren\u00E9e Dupont');
  });

  it('NAME-2 space creation refuses a creator name with U+202E, and normalises a good one', async () => {
    const { port } = await server();
    const refused = await api(port, 'POST', '/api/spaces', {
      body: { name: 'Coop', circleName: 'General', memberName: 'Ada\u202Eevil' },
    });
    expect(refused.status).toBe(400);
    expect(refused.body).toMatchObject({ error: { code: 'invalid_name' } });
    const created = await api<{ member: { name: string } }>(port, 'POST', '/api/spaces', {
      body: { name: 'Coop', circleName: 'General', memberName: ' Ada  Lovelace ' },
    });
    expect(created.status).toBe(201);
    expect(created.body.member.name).toBe('Ada Lovelace');
    // Without memberName the creator stays unnamed, as before.
    const unnamed = await api<{ member: { name: string } }>(port, 'POST', '/api/spaces', {
      body: { name: 'Coop', circleName: 'General' },
    });
    expect(unnamed.body.member.name).toBe('');
  });

  it('NAME-5 NAME-4 a member renames themselves; their sockets reopen, and only the new name is theirs to write', async () => {
    const { port } = await server();
    const ada = await createSpaceOverHttp(port);
    const bea = await invited(port, ada, 'observer', 'Bea');
    const me = `/api/spaces/${ada.spaceId}/members/me`;
    // Any role, its own name only, normalised like every name; a token is needed.
    const renamed = await api<{ name: string; userId: string }>(port, 'PATCH', me, {
      token: bea.token,
      body: { name: '  Béatrice   M. ' },
    });
    expect(renamed.status).toBe(200);
    expect(renamed.body).toMatchObject({ userId: bea.userId, name: 'Béatrice M.' });
    expect((await api(port, 'PATCH', me, { body: { name: 'X' } })).status).toBe(401);
    const bad = await api(port, 'PATCH', me, { token: bea.token, body: { name: 'Bea\u202E' } });
    expect(bad.body).toMatchObject({ error: { code: 'invalid_name' } });

    // Ada's open socket closes with 4401 when she renames herself; the reopened one is "Ada L.".
    const meetingId = newId();
    const room = roomName({ spaceId: ada.spaceId, kind: 'meeting', id: meetingId });
    const before = rawClient(port, syncPath(room, ada.token));
    await before.opened;
    expect(
      (await api(port, 'PATCH', me, { token: ada.token, body: { name: 'Ada L.' } })).status,
    ).toBe(200);
    expect((await before.closed).code).toBe(CLOSE_CODES.tokenExpired);
    const create = (name: string) => (doc: Y.Doc) =>
      doc.transact(() => {
        initMeeting(doc, {
          id: meetingId,
          spaceId: ada.spaceId,
          title: 'Retro',
          circleId: 'circle01',
          kind: 'governance',
          startsAt: 1,
          createdBy: ada.userId,
          now: 1,
        });
        joinMeeting(doc, { id: ada.userId, name, role: 'facilitator', now: 1 });
      });
    const old = await hostile(port, room, ada, new Y.Doc());
    old.edit(create('Ada'));
    expect((await old.client.closed).code).toBe(CLOSE_CODES.writeRefused);
    expect(deniedReasons(old.client).join(' ')).toContain('NAME-4');
    const client = await honest(port, room, ada);
    create('Ada L.')(client.doc);
    await waitFor(
      async () =>
        meetingPeople(await stored(port, room, ada))
          .get(ada.userId)
          ?.get('name') === 'Ada L.',
      'Ada joined under her new name',
    );
    client.provider.destroy();
  });

  it('NAME-4 a member the space knows by no name writes none, until they take one (NAME-5)', async () => {
    const { port } = await server();
    const ada = await createSpaceOverHttp(port, {}, null);
    const room = spaceRoom(ada.spaceId);
    const log = (id: string, byName: string) => (doc: Y.Doc) =>
      logTension(doc, { id, by: ada.userId, byName, what: 'Late', couldBe: '', now: 1 });
    const forged = await hostile(port, room, ada, await stored(port, room, ada));
    forged.edit(log('tension1', 'Bea'));
    expect((await forged.client.closed).code).toBe(CLOSE_CODES.writeRefused);
    expect(deniedReasons(forged.client).join(' ')).toContain('name yourself first');
    const named = await api(port, 'PATCH', `/api/spaces/${ada.spaceId}/members/me`, {
      token: ada.token,
      body: { name: 'Ada' },
    });
    expect(named.status).toBe(200);
    const client = await honest(port, room, ada);
    log('tension2', 'Ada')(client.doc);
    await waitFor(
      async () => spaceTensions(await stored(port, room, ada)).has('tension2'),
      'the tension logged under her new name',
    );
    client.provider.destroy();
    expect(spaceTensions(await stored(port, room, ada)).has('tension1')).toBe(false);
  });

  it('NAME-7 a name another member goes by is 409 name_taken, to join or to rename, and uses nothing', async () => {
    const { port } = await server();
    const ada = await createSpaceOverHttp(port);
    const taken = await api(port, 'POST', '/api/invites/redeem', {
      body: { code: ada.inviteCode, name: ' ada ' },
    });
    expect(taken.status).toBe(409);
    expect(taken.body).toMatchObject({ error: { code: 'name_taken' } });
    const bea = await invited(port, ada, 'member', 'Bea');
    const renamed = await api(port, 'PATCH', `/api/spaces/${ada.spaceId}/members/me`, {
      token: bea.token,
      body: { name: 'ADA' },
    });
    expect(renamed.status).toBe(409);
    expect(renamed.body).toMatchObject({ error: { code: 'name_taken' } });
    const members = await api<{ name: string }[]>(
      port,
      'GET',
      `/api/spaces/${ada.spaceId}/members`,
      { token: ada.token },
    );
    expect(members.body.map((m) => m.name)).toEqual(['Ada', 'Bea']);
  });

  it('PEOPLE-1 any member, an observer too, reads the space’s people by registered name and role, and nothing more', async () => {
    const { port } = await server();
    const ada = await createSpaceOverHttp(port);
    const cy = await invited(port, ada, 'member', 'Cy');
    const bea = await invited(port, ada, 'observer', 'Bea');
    const path = `/api/spaces/${ada.spaceId}/people`;
    const read = await api<{ people: unknown[] }>(port, 'GET', path, { token: bea.token });
    expect(read.status).toBe(200);
    // Sorted by name; no joinedAt nor inviteId, which are the admins' (GET …/members).
    expect(read.body.people).toEqual([
      { userId: ada.userId, name: 'Ada', role: 'admin' },
      { userId: bea.userId, name: 'Bea', role: 'observer' },
      { userId: cy.userId, name: 'Cy', role: 'member' },
    ]);
    expect((await api(port, 'GET', path)).status).toBe(401);
    const other = await createSpaceOverHttp(port);
    expect((await api(port, 'GET', path, { token: other.token })).status).toBe(401);
    expect((await api(port, 'POST', path, { token: ada.token, body: {} })).status).toBe(405);
    expect((await api(port, 'GET', `${path}/${cy.userId}`, { token: ada.token })).status).toBe(404);
    // A removed member is no longer listed.
    await api(port, 'DELETE', `/api/spaces/${ada.spaceId}/members/${cy.userId}`, {
      token: ada.token,
    });
    const after = await api<{ people: { userId: string }[] }>(port, 'GET', path, {
      token: bea.token,
    });
    expect(after.body.people.map((p) => p.userId)).toEqual([ada.userId, bea.userId]);
  });

  it('NAME-6 an action names its owner as the space knows them, or not at all', async () => {
    const { port } = await server();
    const ada = await createSpaceOverHttp(port);
    const cy = await invited(port, ada, 'member', 'Cy');
    const room = spaceRoom(ada.spaceId);
    const give = (id: string, ownerName: string) => (doc: Y.Doc) =>
      addAction(doc, {
        id,
        kind: 'action',
        title: 'Call the bank',
        ownerId: ada.userId,
        ownerName,
        by: cy.userId,
        now: 1,
      });
    // Cy's stock client gives Ada an action under a name of Cy's choosing: refused.
    const forged = await hostile(port, room, cy, await stored(port, room, cy));
    forged.edit(give('action01', 'Ada (who agreed to pay)'));
    expect((await forged.client.closed).code).toBe(CLOSE_CODES.writeRefused);
    expect(deniedReasons(forged.client).join(' ')).toContain('NAME-6');
    // Her registered name, or none, is what an honest client writes.
    const client = await honest(port, room, cy);
    give('action02', 'Ada')(client.doc);
    give('action03', '')(client.doc);
    await waitFor(async () => {
      const actions = spaceActions(await stored(port, room, cy));
      return actions.has('action02') && actions.has('action03');
    }, 'both actions stored');
    client.provider.destroy();
    expect(spaceActions(await stored(port, room, ada)).has('action01')).toBe(false);
  });
});
