import { cleanup, render, screen } from '@testing-library/react';
import { MemoryRouter } from 'react-router';
import { afterEach, describe, expect, it } from 'vitest';
import type { SpaceRole } from '../api/trust.ts';
import { useSession } from '../state/session.ts';
import { BacklogTop } from './BacklogTop.tsx';

afterEach(cleanup);

const space = { id: 'space001', name: 'Coop', createdAt: 1, defaultCircleId: 'circle01' };

function top(role: SpaceRole) {
  useSession.setState({
    language: 'en',
    memberships: {
      space001: {
        userId: 'user0001',
        key: 'k1',
        role,
        name: 'Olga',
        token: 'tok',
        expiresAt: Date.now() + 3_600_000,
        receivedAt: Date.now(),
      },
    },
  });
  render(
    <MemoryRouter>
      <BacklogTop space={space} backlog="tensions" />
    </MemoryRouter>,
  );
}

const NOTICE = 'You are an observer: you can read but not change anything.';

describe('BacklogTop', () => {
  it('tells an observer why there is no form to log a tension', () => {
    top('observer');
    expect(screen.getByText(NOTICE)).toBeTruthy();
  });

  it('says nothing of the kind to a member', () => {
    top('member');
    expect(screen.queryByText(NOTICE)).toBeNull();
  });
});
