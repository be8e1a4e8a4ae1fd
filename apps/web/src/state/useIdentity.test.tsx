import { cleanup, renderHook } from '@testing-library/react';
import type { ReactNode } from 'react';
import { MemoryRouter } from 'react-router';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { colorForUser } from '../identity/userColor.ts';
import { useSession, type Membership } from './session.ts';
import { useIdentity, useShownIdentity } from './useIdentity.ts';

afterEach(cleanup);
beforeEach(() =>
  useSession.setState({
    userId: 'device01',
    name: 'Awa',
    memberships: {
      space001: {
        userId: 'member01',
        key: 'key',
        role: 'member',
        name: 'Awa',
        token: 'tok',
        expiresAt: 0,
        receivedAt: 0,
      },
    },
  }),
);

function at(path: string) {
  return ({ children }: { children: ReactNode }) => (
    <MemoryRouter initialEntries={[path]}>{children}</MemoryRouter>
  );
}

describe('useShownIdentity (the header’s dot)', () => {
  it('in a space I belong to, is my member identity: the colour of my avatar and caret', () => {
    const { result } = renderHook(() => useShownIdentity(), { wrapper: at('/s/space001/p/x') });
    expect(result.current).toEqual({
      id: 'member01',
      name: 'Awa',
      color: colorForUser('member01'),
    });
    expect(colorForUser('member01')).not.toBe(colorForUser('device01'));
  });

  it('elsewhere, is this device’s identity', () => {
    const { result } = renderHook(() => useShownIdentity(), { wrapper: at('/') });
    expect(result.current.id).toBe('device01');
    const other = renderHook(() => useShownIdentity(), { wrapper: at('/s/space999') });
    expect(other.result.current.id).toBe('device01');
  });
});

describe('useIdentity (who I am in a space)', () => {
  it('NAME-4 carries the name the space knows me by, none where it knows me by none', () => {
    const wrapper = at('/');
    expect(renderHook(() => useIdentity('space001'), { wrapper }).result.current.name).toBe('Awa');
    useSession.setState((s) => ({
      memberships: { space001: { ...s.memberships.space001!, name: '' } },
    }));
    expect(renderHook(() => useIdentity('space001'), { wrapper }).result.current.name).toBe('');
    // A membership kept before the server told names: this device's.
    const { name: _old, ...legacy } = useSession.getState().memberships.space001!;
    useSession.setState({ memberships: { space001: legacy as Membership } });
    expect(renderHook(() => useIdentity('space001'), { wrapper }).result.current.name).toBe('Awa');
  });
});
