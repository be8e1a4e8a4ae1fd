import { afterEach, describe, expect, it } from 'vitest';
import { ApiError } from '../api/http.ts';
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
    const failures = await renameEverywhere('Awa D.', async (spaceId, token, name) => {
      calls.push([spaceId, token, name]);
      if (spaceId === 'spC') throw new Error('offline');
      return { name };
    });
    expect(failures).toEqual({ taken: [], failed: ['spC'] });
    expect(calls.sort()).toEqual([
      ['spA', 'tok-u1', 'Awa D.'],
      ['spC', 'tok-u3', 'Awa D.'],
    ]);
    const names = Object.fromEntries(
      Object.entries(useSession.getState().memberships).map(([id, m]) => [id, m.name]),
    );
    expect(names).toEqual({ spA: 'Awa D.', spB: 'Awa D.', spC: 'Old name', spD: 'Old name' });
  });

  it('NAME-7 tells a space where another member goes by the name from one that could not be reached', async () => {
    useSession.setState({
      memberships: {
        spA: membership('u1', 'Awa'),
        spB: membership('u2', 'Awa'),
        spC: membership('u3', 'Awa'),
      },
    });
    const failures = await renameEverywhere('Ben', async (spaceId, _token, name) => {
      if (spaceId === 'spA') throw new ApiError('server', 409, 'name_taken', 'taken');
      if (spaceId === 'spB') throw new ApiError('network', 0, '', 'offline');
      return { name };
    });
    expect(failures).toEqual({ taken: ['spA'], failed: ['spB'] });
    expect(useSession.getState().memberships.spA?.name).toBe('Awa');
    expect(useSession.getState().memberships.spC?.name).toBe('Ben');
  });
});
