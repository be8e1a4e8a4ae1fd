import { beforeEach, describe, expect, it } from 'vitest';
import type { CreatedSpace } from '../api/createSpace.ts';
import { rememberCreatedSpace } from './rememberCreatedSpace.ts';
import { useSession } from './session.ts';

const SPACE: CreatedSpace = {
  id: 'space001',
  name: 'Coop du Val',
  defaultCircleId: 'circle01',
  member: { userId: 'awauser1', key: 'secret-key', role: 'admin', name: 'Awa' },
  session: { token: 'tok', expiresAt: 9_000 },
  adminLink: 'https://ronde.test/join/admin',
  invite: null,
};

describe('rememberCreatedSpace', () => {
  beforeEach(() =>
    useSession.setState({ memberships: {}, adminLinks: {}, shareLinks: {}, recentSpaces: [] }),
  );

  it('keeps the membership, the admin link and the space atop the recent list', () => {
    rememberCreatedSpace(SPACE);
    const state = useSession.getState();
    expect(state.memberships.space001).toMatchObject({
      userId: 'awauser1',
      key: 'secret-key',
      role: 'admin',
      token: 'tok',
      expiresAt: 9_000,
    });
    expect(state.adminLinks.space001).toBe('https://ronde.test/join/admin');
    expect(state.shareLinks.space001).toBeUndefined();
    expect(state.recentSpaces[0]).toMatchObject({ id: 'space001', name: 'Coop du Val' });
    expect(state.recentSpaces[0]?.practice).toBeUndefined();
  });

  it("keeps the share link of the default invite, and a practice space's mark", () => {
    const invite = { link: 'https://ronde.test/join/abc' } as CreatedSpace['invite'];
    rememberCreatedSpace({ ...SPACE, invite }, { practice: true });
    const state = useSession.getState();
    expect(state.shareLinks.space001).toBe('https://ronde.test/join/abc');
    expect(state.recentSpaces[0]?.practice).toBe(true);
  });
});
