import 'fake-indexeddb/auto';
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { MemoryRouter, Route, Routes } from 'react-router';
import { beforeEach, describe, expect, it } from 'vitest';
import { useSession } from '../state/session.ts';
import { MembersPage } from './MembersPage.tsx';
import { SignInPage } from './SignInPage.tsx';
import { HOUR, SpaceStub, mockFetch, session, pageTestsWithRooms } from './pageTestKit.tsx';

function renderAt(path: string) {
  return render(
    <MemoryRouter initialEntries={[path]}>
      <Routes>
        <Route path="/s/:spaceId/signin" element={<SignInPage />} />
        <Route path="/s/:spaceId/members" element={<MembersPage />} />
        <Route path="/s/:spaceId" element={<SpaceStub />} />
      </Routes>
    </MemoryRouter>,
  );
}

pageTestsWithRooms('Bea');

describe('SignInPage', () => {
  it('exchanges the fragment for a session, clears it and opens the space', async () => {
    window.history.replaceState(null, '', '/s/space001/signin#user0001.secretkey');
    const fetchMock = mockFetch({
      'POST /api/session': { status: 200, body: { ...session(), role: 'admin', name: 'Awa' } },
    });
    renderAt('/s/space001/signin');
    expect(await screen.findByRole('heading', { name: 'Space space001' })).toBeTruthy();
    expect(JSON.parse(String(fetchMock.mock.calls[0]?.[1]?.body))).toEqual({
      spaceId: 'space001',
      userId: 'user0001',
      key: 'secretkey',
    });
    expect(window.location.hash).toBe('');
    expect(useSession.getState().memberships.space001).toMatchObject({
      userId: 'user0001',
      key: 'secretkey',
      role: 'admin',
    });
  });

  it('names a member the space knows by no name with the device’s name (server NAME-4, NAME-5)', async () => {
    window.history.replaceState(null, '', '/s/space001/signin#user0001.secretkey');
    const fetchMock = mockFetch({
      'POST /api/session': { status: 200, body: { ...session(), role: 'admin', name: '' } },
      'PATCH /api/spaces/space001/members/me': {
        status: 200,
        body: { userId: 'user0001', name: 'Bea', role: 'admin', joinedAt: null, inviteId: null },
      },
    });
    renderAt('/s/space001/signin');
    expect(await screen.findByRole('heading', { name: 'Space space001' })).toBeTruthy();
    expect(JSON.parse(String(fetchMock.mock.calls[1]?.[1]?.body))).toEqual({ name: 'Bea' });
    expect(useSession.getState().memberships.space001?.name).toBe('Bea');
  });

  it('stays unnamed when another member goes by the device’s name (NAME-7): the name dialog tries again', async () => {
    window.history.replaceState(null, '', '/s/space001/signin#user0001.secretkey');
    mockFetch({
      'POST /api/session': { status: 200, body: { ...session(), role: 'admin', name: '' } },
      'PATCH /api/spaces/space001/members/me': {
        status: 409,
        body: { error: { code: 'name_taken', message: 'taken' } },
      },
    });
    renderAt('/s/space001/signin');
    expect(await screen.findByRole('heading', { name: 'Space space001' })).toBeTruthy();
    expect(useSession.getState().memberships.space001?.name).toBe('');
  });

  it('says when the link no longer works', async () => {
    window.history.replaceState(null, '', '/s/space001/signin#user0001.oldkey');
    mockFetch({ 'POST /api/session': { status: 401, body: { error: { code: 'unauthorized' } } } });
    renderAt('/s/space001/signin');
    expect((await screen.findByRole('alert')).textContent).toBe(
      'This sign-in link no longer works: the membership was removed.',
    );
    expect(useSession.getState().memberships).toEqual({});
  });

  it('says when the link is incomplete', () => {
    window.history.replaceState(null, '', '/s/space001/signin');
    mockFetch({});
    renderAt('/s/space001/signin');
    expect(screen.getByRole('alert').textContent).toContain('incomplete');
    // Not a dead end: the way home.
    expect(screen.getByRole('link', { name: 'Go to the home page' }).getAttribute('href')).toBe(
      '/',
    );
  });
});

describe('MembersPage', () => {
  const invite = {
    id: 'inv00001',
    code: 'code0001',
    link: '/join/code0001',
    role: 'member',
    createdAt: '2026-03-01T10:00:00Z',
    expiresAt: null,
    maxUses: null,
    uses: 1,
    revokedAt: null,
    status: 'active',
    joined: [{ userId: 'user0002', name: 'Ben', joinedAt: '2026-03-01T11:00:00Z' }],
  };
  const members = [
    {
      userId: 'user0001',
      name: 'Awa',
      role: 'admin',
      joinedAt: '2026-03-01T10:00:00Z',
      inviteId: null,
    },
    {
      userId: 'user0002',
      name: 'Ben',
      role: 'member',
      joinedAt: '2026-03-01T11:00:00Z',
      inviteId: 'inv00001',
    },
  ];

  beforeEach(() => {
    useSession.setState({
      memberships: {
        space001: {
          userId: 'user0001',
          key: 'k1',
          role: 'admin',
          name: 'Awa',
          token: 'admintok',
          expiresAt: Date.now() + HOUR,
          receivedAt: Date.now(),
        },
      },
    });
  });

  it('lists invite links and members, with the admin token', async () => {
    const fetchMock = mockFetch({
      'GET /api/spaces/space001/invites': { status: 200, body: [invite] },
      'GET /api/spaces/space001/members': { status: 200, body: members },
    });
    renderAt('/s/space001/members');
    const link = await screen.findByRole('textbox', { name: /^Invite link for Member created/ });
    expect((link as HTMLInputElement).value).toBe(`${window.location.origin}/join/code0001`);
    expect(screen.getByText('Joined through it: Ben')).toBeTruthy();
    expect(screen.getByText('Uses: 1 (no limit)')).toBeTruthy();
    expect(screen.getByRole('combobox', { name: 'Role of Ben' })).toBeTruthy();
    const headers = fetchMock.mock.calls[0]?.[1]?.headers as Record<string, string>;
    expect(headers.authorization).toBe('Bearer admintok');
  });

  it('creates an invite link with a role, an expiry and a use limit', async () => {
    let created: unknown = null;
    mockFetch({
      'GET /api/spaces/space001/invites': { status: 200, body: [] },
      'GET /api/spaces/space001/members': { status: 200, body: members },
      'POST /api/spaces/space001/invites': (init) => {
        created = JSON.parse(String(init.body));
        return { status: 201, body: { ...invite, role: 'observer' } };
      },
    });
    renderAt('/s/space001/members');
    const form = await screen.findByRole('form', { name: 'New invite link' });
    fireEvent.change(within(form).getByRole('combobox', { name: 'Role' }), {
      target: { value: 'observer' },
    });
    fireEvent.change(within(form).getByLabelText('Expires on'), {
      target: { value: '2026-04-30' },
    });
    fireEvent.change(within(form).getByRole('spinbutton', { name: 'Use limit' }), {
      target: { value: '3' },
    });
    fireEvent.click(within(form).getByRole('button', { name: 'Create invite link' }));
    await waitFor(() => expect(created).not.toBeNull());
    expect(created).toEqual({
      role: 'observer',
      expiresAt: new Date(2026, 3, 30, 23, 59, 59, 999).getTime(),
      maxUses: 3,
    });
  });

  it('removes a member after confirmation, and shows the server refusal', async () => {
    const removed: string[] = [];
    mockFetch({
      'GET /api/spaces/space001/invites': { status: 200, body: [invite] },
      'GET /api/spaces/space001/members': { status: 200, body: members },
      'DELETE /api/spaces/space001/members/user0002': () => {
        removed.push('user0002');
        return { status: 204 };
      },
      'DELETE /api/spaces/space001/members/user0001': {
        status: 409,
        body: { error: { code: 'last_admin', message: 'last admin' } },
      },
    });
    renderAt('/s/space001/members');
    fireEvent.click(await screen.findByRole('button', { name: 'Remove Ben' }));
    // Focus moves to the confirmation's safe answer, and back once cancelled.
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Cancel' }));
    fireEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Remove Ben' }));
    fireEvent.click(screen.getByRole('button', { name: 'Remove Ben' }));
    expect(removed).toEqual([]);
    fireEvent.click(screen.getByRole('button', { name: 'Yes, remove' }));
    await waitFor(() => expect(removed).toEqual(['user0002']));

    fireEvent.click(await screen.findByRole('button', { name: 'Remove Awa' }));
    fireEvent.click(screen.getByRole('button', { name: 'Yes, remove' }));
    expect((await screen.findByRole('alert')).textContent).toBe(
      'A space needs at least one admin: this one cannot be removed or changed.',
    );
    // Beside the people, where the admin is, not at the top of a long page.
    const people = screen.getByRole('region', { name: 'People' });
    expect(within(people).getByRole('alert')).toBeTruthy();
  });

  it('revokes an invite link by its unique name, once confirmed; focus stays with the link', async () => {
    const revoked: string[] = [];
    mockFetch({
      'GET /api/spaces/space001/invites': () => ({
        status: 200,
        body: [revoked.length > 0 ? { ...invite, status: 'revoked', revokedAt: 1 } : invite],
      }),
      'GET /api/spaces/space001/members': { status: 200, body: members },
      'DELETE /api/spaces/space001/invites/inv00001': () => {
        revoked.push('inv00001');
        return { status: 204 };
      },
    });
    renderAt('/s/space001/members');
    const name = /^Revoke invite link for Member created/;
    fireEvent.click(await screen.findByRole('button', { name }));
    // A revoked link cannot be restored: the page asks, its safe answer focused.
    const ask = screen.getByRole('group', { name });
    expect(ask.textContent).toContain('Revoke this link?');
    const cancel = within(ask).getByRole('button', { name: 'Cancel' });
    expect(document.activeElement).toBe(cancel);
    fireEvent.click(cancel);
    expect(revoked).toEqual([]);
    expect(document.activeElement).toBe(screen.getByRole('button', { name }));
    fireEvent.click(screen.getByRole('button', { name }));
    fireEvent.click(screen.getByRole('button', { name: 'Yes, revoke' }));
    await waitFor(() => expect(revoked).toEqual(['inv00001']));
    // The button is gone with the link's use: focus rests on its card, which says so.
    await waitFor(() => expect(document.activeElement?.textContent).toContain('Revoked'));
  });

  it('tells a visitor without a membership they need an invitation', () => {
    useSession.setState({ memberships: {} });
    renderAt('/s/space001/members');
    expect(
      screen.getByRole('heading', { name: 'You need an invitation to see this space' }),
    ).toBeTruthy();
  });
});
