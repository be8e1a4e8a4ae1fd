import { beforeEach, describe, expect, it, vi } from 'vitest';

async function freshSession() {
  vi.resetModules();
  const { useSession, SESSION_STORAGE_KEY } = await import('./session.ts');
  return { useSession, key: SESSION_STORAGE_KEY };
}

describe('session store', () => {
  beforeEach(() => localStorage.clear());

  it('generates a user id once per device and keeps it across reloads', async () => {
    const first = (await freshSession()).useSession.getState().userId;
    expect(first).toMatch(/^[A-Za-z0-9]{16}$/);
    const second = (await freshSession()).useSession.getState().userId;
    expect(second).toBe(first);
  });

  it('remembers the name and the language', async () => {
    const { useSession } = await freshSession();
    useSession.getState().setName('  Awa   Diallo ');
    useSession.getState().setLanguage('fr');
    const reloaded = (await freshSession()).useSession.getState();
    expect(reloaded.name).toBe('Awa Diallo');
    expect(reloaded.language).toBe('fr');
  });

  it('does not persist whether the name dialog is open', async () => {
    const { useSession } = await freshSession();
    useSession.getState().openNameDialog();
    expect((await freshSession()).useSession.getState().nameDialogOpen).toBe(false);
  });

  it('ignores malformed stored values', async () => {
    const { key } = await freshSession();
    localStorage.setItem(
      key,
      JSON.stringify({ state: { userId: 42, language: 'xx', name: 'Awa' }, version: 1 }),
    );
    const state = (await freshSession()).useSession.getState();
    expect(typeof state.userId).toBe('string');
    expect(['en', 'fr']).toContain(state.language);
    expect(state.name).toBe('Awa');
  });

  it('lists recently opened spaces, most recent first, once each', async () => {
    const { useSession } = await freshSession();
    const { rememberSpace } = useSession.getState();
    rememberSpace({ id: 'space001', name: 'A', openedAt: 1 });
    rememberSpace({ id: 'space002', name: 'B', openedAt: 2 });
    rememberSpace({ id: 'space001', name: 'A renamed', openedAt: 3 });
    expect(useSession.getState().recentSpaces.map((s) => s.name)).toEqual(['A renamed', 'B']);
  });

  it('keeps memberships by space across reloads, and their renewed sessions', async () => {
    const { useSession } = await freshSession();
    const store = useSession.getState();
    store.setMembership('space001', {
      userId: 'user0001',
      key: 'secret',
      role: 'admin',
      name: 'Awa',
      token: 't1',
      expiresAt: 10,
      receivedAt: 1,
    });
    store.updateSession('space001', { token: 't2', expiresAt: 20, receivedAt: 2, role: 'member' });
    store.updateSession('unknown1', { token: 'x', expiresAt: 1, receivedAt: 1 });
    const reloaded = (await freshSession()).useSession.getState();
    expect(reloaded.memberships).toEqual({
      space001: {
        userId: 'user0001',
        key: 'secret',
        role: 'member',
        name: 'Awa',
        token: 't2',
        expiresAt: 20,
        receivedAt: 2,
      },
    });
  });

  it('marks a membership revoked, and never persists the links shown once', async () => {
    const { useSession } = await freshSession();
    const store = useSession.getState();
    store.setMembership('space001', {
      userId: 'user0001',
      key: 'secret',
      role: 'admin',
      name: 'Awa',
      token: 't1',
      expiresAt: 10,
      receivedAt: 1,
    });
    store.rememberLinks('space001', { adminLink: 'http://x/s/space001/signin#a.b' });
    store.revokeMembership('space001');
    expect(useSession.getState().adminLinks.space001).toContain('signin');
    useSession.getState().forgetAdminLink('space001');
    expect(useSession.getState().adminLinks).toEqual({});
    const reloaded = (await freshSession()).useSession.getState();
    expect(reloaded.memberships.space001?.revoked).toBe(true);
    expect(reloaded.adminLinks).toEqual({});
  });

  it('drops malformed memberships', async () => {
    const { key } = await freshSession();
    localStorage.setItem(
      key,
      JSON.stringify({
        state: {
          memberships: {
            good0001: { userId: 'u', key: 'k', role: 'observer', token: 't', expiresAt: 5 },
            bad00001: { userId: 'u', key: 'k', role: 'owner' },
            bad00002: 'nope',
          },
        },
        version: 1,
      }),
    );
    const state = (await freshSession()).useSession.getState();
    expect(Object.keys(state.memberships)).toEqual(['good0001']);
    expect(state.memberships.good0001?.role).toBe('observer');
  });
});
