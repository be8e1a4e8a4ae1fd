import 'fake-indexeddb/auto';
import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { MemoryRouter, Route, Routes } from 'react-router';
import { describe, expect, it } from 'vitest';
import type { SpaceRole } from '../api/trust.ts';
import { useSession } from '../state/session.ts';
import { MembersPage } from './MembersPage.tsx';
import {
  SpaceStub,
  calls,
  membership,
  mockFetch,
  type Reply,
  pageTestsWithRooms,
} from './pageTestKit.tsx';

const PEOPLE = 'GET /api/spaces/space001/people';
const DEVICES = 'GET /api/spaces/space001/devices';
const people = [
  { userId: 'user0001', name: 'Awa', role: 'admin' },
  { userId: 'user0002', name: 'Ben', role: 'member' },
  { userId: 'user0003', name: '', role: 'observer' },
];
const keys = [
  { keyId: 'AAAAAAAAAAAAAAAAAAAAAA', userId: 'user0002', publicKey: 'x', addedAt: 0 },
  { keyId: 'BBBBBBBBBBBBBBBBBBBBBB', userId: 'goneuser', publicKey: 'y', addedAt: null },
];
const listing: Reply = { status: 200, body: { people } };
const keyList: Reply = { status: 200, body: { keys } };

function renderAs(userId: string, role: SpaceRole) {
  useSession.setState({ memberships: { space001: membership(userId, role, 'Ben') } });
  return render(
    <MemoryRouter initialEntries={['/s/space001/members']}>
      <Routes>
        <Route path="/s/:spaceId/members" element={<MembersPage />} />
        <Route path="/s/:spaceId" element={<SpaceStub />} />
      </Routes>
    </MemoryRouter>,
  );
}

/** The people listed, each as the text of its list item. */
const listed = () =>
  within(screen.getByRole('region', { name: 'People' }))
    .getAllByRole('listitem')
    .map((li) => li.textContent);

pageTestsWithRooms('Ben');

describe('MembersPage for a member who is not an admin', () => {
  it('lists the people with their roles in the server’s order, themselves marked, read-only', async () => {
    const fetchMock = mockFetch({ [PEOPLE]: listing, [DEVICES]: keyList });
    renderAs('user0002', 'member');
    expect(screen.getAllByText('Loading members…').length).toBeGreaterThan(0);
    await screen.findByRole('list');
    expect(listed()).toEqual(['Awa: Admin', 'Ben (you): Member', 'Someone: Observer']);
    expect(
      screen.getByText('Only the admins of this space invite people and change roles.'),
    ).toBeTruthy();
    expect(screen.queryByRole('combobox')).toBeNull();
    expect(screen.queryByRole('button', { name: /^Remove/ })).toBeNull();
    expect(screen.queryByRole('region', { name: 'Invite links' })).toBeNull();
    // Only what any member may read, never the admin routes.
    expect(calls(fetchMock).map((c) => c.route)).toEqual(expect.arrayContaining([PEOPLE, DEVICES]));
    expect(calls(fetchMock).every((c) => c.route === PEOPLE || c.route === DEVICES)).toBe(true);
  });

  it('shows the signing keys named from the directory, as admins see them', async () => {
    mockFetch({ [PEOPLE]: listing, [DEVICES]: keyList });
    renderAs('user0002', 'member');
    const table = await screen.findByRole('table', {
      name: 'Signing keys of the members’ devices',
    });
    const rows = within(table).getAllByRole('row');
    expect(rows).toHaveLength(3);
    expect(rows[1]?.textContent).toContain('Ben');
    expect(rows[1]?.textContent).toContain('AAAAAAAAAAAAAAAAAAAAAA');
    expect(rows[2]?.textContent).toContain('Former member');
  });

  it('shows an observer the same read-only list, in French too', async () => {
    mockFetch({ [PEOPLE]: listing, [DEVICES]: keyList });
    useSession.setState({ language: 'fr' });
    renderAs('user0003', 'observer');
    await screen.findByRole('list');
    expect(
      within(screen.getByRole('region', { name: 'Personnes' }))
        .getAllByRole('listitem')
        .map((li) => li.textContent),
    ).toEqual([
      'Awa\u00a0: Administration',
      'Ben\u00a0: Membre',
      'Quelqu’un (vous)\u00a0: Observation',
    ]);
    expect(screen.queryByRole('combobox')).toBeNull();
    expect(screen.queryByRole('button', { name: /^Retirer/ })).toBeNull();
  });

  it('says when the people could not be loaded, and loads them again on request', async () => {
    let down = true;
    mockFetch({ [PEOPLE]: () => (down ? 'down' : listing), [DEVICES]: keyList });
    renderAs('user0002', 'member');
    const region = screen.getByRole('region', { name: 'People' });
    const alert = await within(region).findByRole('alert');
    expect(alert.textContent).toContain('The people of this space could not be loaded.');
    expect(within(region).queryByRole('list')).toBeNull();
    down = false;
    fireEvent.click(within(alert).getByRole('button', { name: 'Load the people again' }));
    // Focus stays in the section whose button went away.
    expect(document.activeElement).toBe(screen.getByRole('heading', { name: 'People' }));
    await waitFor(() => expect(listed()).toHaveLength(3));
    expect(screen.queryByRole('alert')).toBeNull();
    expect(screen.getByRole('table', { name: /signing keys/i })).toBeTruthy();
  });

  it('keeps the last list when a later fetch fails, and says it may be out of date', async () => {
    let down = false;
    mockFetch({ [PEOPLE]: () => (down ? 'down' : listing), [DEVICES]: keyList });
    renderAs('user0002', 'member');
    await screen.findByRole('list');
    down = true;
    act(() => void window.dispatchEvent(new Event('focus')));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('This list could not be brought up to date');
    expect(listed()).toHaveLength(3);
  });

  it('says when the signing keys could not be loaded', async () => {
    mockFetch({ [PEOPLE]: listing, [DEVICES]: { status: 500, body: {} } });
    renderAs('user0002', 'member');
    const region = screen.getByRole('region', { name: 'Signing keys' });
    const alert = await within(region).findByRole('alert');
    expect(alert.textContent).toContain('The signing keys could not be loaded.');
    expect(within(alert).getByRole('button', { name: 'Load the signing keys again' })).toBeTruthy();
    expect(listed()).toHaveLength(3);
  });

  it('tells a member removed meanwhile that their access was revoked, no longer who is in it', async () => {
    mockFetch({ [PEOPLE]: listing, [DEVICES]: keyList });
    renderAs('user0002', 'member');
    await screen.findByRole('list');
    act(() => useSession.getState().revokeMembership('space001'));
    expect(screen.getByRole('alert').textContent).toContain('Access revoked');
    expect(screen.queryByRole('region', { name: 'People' })).toBeNull();
  });
});

describe('MembersPage for an admin', () => {
  it('keeps the role selects and removals, and does not read the directory', async () => {
    const fetchMock = mockFetch({
      'GET /api/spaces/space001/invites': { status: 200, body: [] },
      'GET /api/spaces/space001/members': {
        status: 200,
        body: people.map((p) => ({ ...p, joinedAt: null, inviteId: null })),
      },
      [PEOPLE]: listing,
      [DEVICES]: keyList,
    });
    renderAs('user0001', 'admin');
    expect(await screen.findByRole('combobox', { name: 'Role of Ben' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Remove Ben' })).toBeTruthy();
    expect(screen.getByRole('region', { name: 'Invite links' })).toBeTruthy();
    expect(
      screen.queryByText('Only the admins of this space invite people and change roles.'),
    ).toBeNull();
    expect(calls(fetchMock).map((c) => c.route)).not.toContain(PEOPLE);
  });
});
