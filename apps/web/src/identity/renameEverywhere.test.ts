import { afterEach, describe, expect, it } from 'vitest';
import { useSession, type Membership } from '../state/session.ts';
import { renameEverywhere, spacesToRename } from './renameEverywhere.ts';

function membership(userId: string, name: string, revoked = false): Membership {
  return {
    userId,
    key: 'k',
    role: 'member',
    name,
    token: `tok-${userId}`,
    expiresAt: Date.now() + 3_600_000,
    receivedAt: Date.now(),
    ...(revoked ? { revoked } : {}),
  };
}

afterEach(() => useSession.setState({ memberships: {} }));

describe('renameEverywhere (server NAME-5)', () => {
  it('NAME-5 renames this member in every space that knows them by another name; a failure keeps the old one', async () => {
    useSession.setState({
      memberships: {
        spA: membership('u1', 'Awa'),
        spB: membership('u2', 'Awa D.'),
        spC: membership('u3', 'Old name'),
        spD: membership('u4', 'Old name', true),
      },
    });
    expect(spacesToRename('Awa D.').sort()).toEqual(['spA', 'spC']);
    const calls: [string, string, string][] = [];
    const failed = await renameEverywhere('Awa D.', async (spaceId, token, name) => {
      calls.push([spaceId, token, name]);
      if (spaceId === 'spC') throw new Error('offline');
      return { name };
    });
    expect(failed).toEqual(['spC']);
    expect(calls.sort()).toEqual([
      ['spA', 'tok-u1', 'Awa D.'],
      ['spC', 'tok-u3', 'Awa D.'],
    ]);
    const names = Object.fromEntries(
      Object.entries(useSession.getState().memberships).map(([id, m]) => [id, m.name]),
    );
    expect(names).toEqual({ spA: 'Awa D.', spB: 'Awa D.', spC: 'Old name', spD: 'Old name' });
  });
});
