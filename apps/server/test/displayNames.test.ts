import { afterEach, describe, expect, it } from 'vitest';
import { api, createSpaceOverHttp, startServer, tempDir } from './helpers.ts';

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
});
