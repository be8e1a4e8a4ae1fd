import { cleanup, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { DeviceKeyList } from './DeviceKeyList.tsx';

afterEach(cleanup);

const member = (userId: string, name: string) => ({
  userId,
  name,
  role: 'member' as const,
  joinedAt: 0,
  inviteId: null,
});

describe('DeviceKeyList', () => {
  it('lists every signing key with its person, also a key of someone who left', () => {
    render(
      <DeviceKeyList
        members={[member('anauser1', 'Ana')]}
        keys={[
          { keyId: 'AAAAAAAAAAAAAAAAAAAAAA', userId: 'anauser1', publicKey: 'x', addedAt: 0 },
          { keyId: 'BBBBBBBBBBBBBBBBBBBBBB', userId: 'goneuser', publicKey: 'y', addedAt: null },
        ]}
      />,
    );
    const rows = within(screen.getByRole('table', { name: /signing keys/i })).getAllByRole('row');
    expect(rows).toHaveLength(3);
    expect(rows[1]?.textContent).toContain('Ana');
    expect(rows[1]?.textContent).toContain('AAAAAAAAAAAAAAAAAAAAAA');
    expect(rows[2]?.textContent).toContain('Former member');
  });

  it('says when no device has a key yet', () => {
    render(<DeviceKeyList members={[]} keys={[]} />);
    expect(screen.getByText(/no device has registered/i)).toBeTruthy();
  });
});
