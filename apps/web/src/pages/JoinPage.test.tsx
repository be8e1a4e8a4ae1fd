import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { MemoryRouter, Route, Routes } from 'react-router';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { formatDateTime } from '../i18n/formatTime.ts';
import { useSession } from '../state/session.ts';
import { JoinPage } from './JoinPage.tsx';
import { HOUR, SpaceStub, mockFetch, session, calls, type Reply } from './pageTestKit.tsx';

function renderAt(path: string) {
  return render(
    <MemoryRouter initialEntries={[path]}>
      <Routes>
        <Route path="/join" element={<JoinPage />} />
        <Route path="/join/:code" element={<JoinPage />} />
        <Route path="/s/:spaceId" element={<SpaceStub />} />
      </Routes>
    </MemoryRouter>,
  );
}

const preview = (extra: Record<string, unknown> = {}): Reply => ({
  status: 200,
  body: {
    spaceId: 'space001',
    spaceName: 'Coop du Val',
    role: 'member',
    expiresAt: null,
    usesLeft: null,
    ...extra,
  },
});
const redeemed = (role = 'member'): Reply => ({
  status: 201,
  body: {
    spaceId: 'space001',
    member: { userId: 'user0002', role, name: 'Bea', key: 'k2' },
    session: session(),
  },
});

beforeEach(() => {
  localStorage.clear();
  useSession.setState({ language: 'en', name: 'Bea', memberships: {}, shareLinks: {} });
});
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe('JoinPage', () => {
  it('names the space and the role before anything is used, then joins on the button', async () => {
    const fetchMock = mockFetch({
      'POST /api/invites/preview': preview(),
      'POST /api/invites/redeem': redeemed(),
    });
    renderAt('/join/code0001');
    const join = await screen.findByRole('button', { name: 'Join “Coop du Val”' });
    expect(screen.getByText('You are invited to join “Coop du Val”.')).toBeTruthy();
    expect(screen.getByText('Your role: Member')).toBeTruthy();
    // No expiry, no limit: nothing said about either.
    expect(screen.queryByText(/expires/)).toBeNull();
    expect(screen.queryByText(/can be used/)).toBeNull();
    expect(calls(fetchMock)).toEqual([
      { route: 'POST /api/invites/preview', body: { code: 'code0001' } },
    ]);

    fireEvent.click(join);
    expect(await screen.findByRole('heading', { name: 'Space space001' })).toBeTruthy();
    expect(calls(fetchMock)).toEqual([
      { route: 'POST /api/invites/preview', body: { code: 'code0001' } },
      { route: 'POST /api/invites/redeem', body: { code: 'code0001', name: 'Bea' } },
    ]);
    expect(useSession.getState().memberships.space001).toMatchObject({
      userId: 'user0002',
      key: 'k2',
      role: 'member',
      token: 'tok',
    });
  });

  it('sends a device that is a member already to its space, rather than making it a second member', async () => {
    useSession.setState({
      memberships: {
        space001: {
          userId: 'user0001',
          key: 'k1',
          role: 'member',
          name: 'Bea',
          token: 'tok',
          expiresAt: Date.now() + HOUR,
          receivedAt: Date.now(),
        },
      },
    });
    const fetchMock = mockFetch({
      'POST /api/invites/preview': preview(),
      'POST /api/invites/redeem': redeemed(),
    });
    renderAt('/join/code0001');
    const open = await screen.findByRole('link', { name: 'Open “Coop du Val”' });
    expect(
      screen.getByText('You are already a member of “Coop du Val” on this device.'),
    ).toBeTruthy();
    expect(screen.queryByRole('button', { name: /^Join/ })).toBeNull();
    fireEvent.click(open);
    expect(await screen.findByRole('heading', { name: 'Space space001' })).toBeTruthy();
    expect(calls(fetchMock).map((c) => c.route)).toEqual(['POST /api/invites/preview']);
    expect(useSession.getState().memberships.space001?.userId).toBe('user0001');
  });

  it('says when the invite expires, with the app’s dates, and how many uses are left', async () => {
    const expiresAt = Date.UTC(2030, 11, 31, 18, 0);
    mockFetch({
      'POST /api/invites/preview': preview({ role: 'facilitator', expiresAt, usesLeft: 1 }),
    });
    renderAt('/join/code0001');
    expect(await screen.findByText('Your role: Facilitator')).toBeTruthy();
    expect(
      screen.getByText(`The invitation expires on ${formatDateTime('en', expiresAt)}.`),
    ).toBeTruthy();
    expect(screen.getByText('This link can be used once more.')).toBeTruthy();
    cleanup();
    mockFetch({ 'POST /api/invites/preview': preview({ usesLeft: 3 }) });
    renderAt('/join/code0002');
    expect(await screen.findByText('This link can be used 3 more times.')).toBeTruthy();
  });

  it('reads the code from the fragment of /join#<code>, and clears it', async () => {
    window.history.replaceState(null, '', '/join#frag0001');
    const fetchMock = mockFetch({
      'POST /api/invites/preview': preview({ role: 'observer' }),
      'POST /api/invites/redeem': redeemed('observer'),
    });
    renderAt('/join');
    fireEvent.click(await screen.findByRole('button', { name: 'Join “Coop du Val”' }));
    expect(await screen.findByRole('heading', { name: 'Space space001' })).toBeTruthy();
    expect(calls(fetchMock).map((c) => c.body)).toEqual([
      { code: 'frag0001' },
      { code: 'frag0001', name: 'Bea' },
    ]);
    expect(window.location.hash).toBe('');
    expect(useSession.getState().memberships.space001?.role).toBe('observer');
  });

  it('asks for a name only once asked to join, when the device has none', async () => {
    useSession.setState({ name: '' });
    const fetchMock = mockFetch({
      'POST /api/invites/preview': preview(),
      'POST /api/invites/redeem': redeemed(),
    });
    renderAt('/join/code0001');
    fireEvent.click(await screen.findByRole('button', { name: 'Join “Coop du Val”' }));
    const dialog = screen.getByRole('dialog', { name: 'What should others call you?' });
    expect(calls(fetchMock).map((c) => c.route)).toEqual(['POST /api/invites/preview']);
    fireEvent.change(within(dialog).getByRole('textbox'), { target: { value: 'Chloé' } });
    fireEvent.submit(within(dialog).getByRole('textbox').closest('form')!);
    expect(await screen.findByRole('heading', { name: 'Space space001' })).toBeTruthy();
    expect(calls(fetchMock)[1]).toEqual({
      route: 'POST /api/invites/redeem',
      body: { code: 'code0001', name: 'Chloé' },
    });
  });

  it.each([
    [404, 'not_found', 'This invite link does not exist. Check that you copied all of it.'],
    [410, 'invite_expired', 'This invite link has expired. Ask for a new one.'],
    [
      410,
      'invite_used_up',
      'This invite link has been used as many times as allowed. Ask for a new one.',
    ],
    [410, 'invite_revoked', 'This invite link was revoked. Ask for a new one.'],
    [429, 'rate_limited', 'Too many attempts from here just now. Wait a minute and try again.'],
  ])('says at once that a refused invite (%i %s) will not work', async (status, code, message) => {
    useSession.setState({ name: '' });
    const fetchMock = mockFetch({
      'POST /api/invites/preview': { status, body: { error: { code, message: code } } },
    });
    renderAt('/join/code0002');
    expect((await screen.findByRole('alert')).textContent).toBe(message);
    // Nothing asked, nothing redeemed, and not a dead end: the way home.
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(screen.queryByRole('button')).toBeNull();
    expect(calls(fetchMock).map((c) => c.route)).toEqual(['POST /api/invites/preview']);
    expect(useSession.getState().memberships).toEqual({});
    expect(screen.getByRole('link', { name: 'Go to the home page' }).getAttribute('href')).toBe(
      '/',
    );
  });

  it('offers to try again when the server could not be reached', async () => {
    let down = true;
    mockFetch({ 'POST /api/invites/preview': () => (down ? 'down' : preview()) });
    renderAt('/join/code0001');
    expect((await screen.findByRole('alert')).textContent).toBe(
      'The server could not be reached. Check your connection and try again.',
    );
    down = false;
    fireEvent.click(screen.getByRole('button', { name: 'Try again' }));
    expect(await screen.findByRole('button', { name: 'Join “Coop du Val”' })).toBeTruthy();
  });

  it('shows the redemption’s refusal when the invite ran out between the look and the join', async () => {
    mockFetch({
      'POST /api/invites/preview': preview({ usesLeft: 1 }),
      'POST /api/invites/redeem': { status: 410, body: { error: { code: 'invite_used_up' } } },
    });
    renderAt('/join/code0001');
    fireEvent.click(await screen.findByRole('button', { name: 'Join “Coop du Val”' }));
    expect((await screen.findByRole('alert')).textContent).toBe(
      'This invite link has been used as many times as allowed. Ask for a new one.',
    );
    expect(useSession.getState().memberships).toEqual({});
  });

  it('asks for another name for this space when a member already goes by the device’s (server NAME-7), and joins under it', async () => {
    const fetchMock = mockFetch({
      'POST /api/invites/preview': preview(),
      'POST /api/invites/redeem': (init) =>
        (JSON.parse(String(init.body)) as { name: string }).name === 'Bea'
          ? { status: 409, body: { error: { code: 'name_taken', message: 'taken' } } }
          : redeemed(),
    });
    renderAt('/join/code0001');
    fireEvent.click(await screen.findByRole('button', { name: 'Join “Coop du Val”' }));
    const form = await screen.findByRole('form', { name: 'Your name in this space' });
    expect(within(form).getByRole('alert').textContent).toBe(
      'Someone in this space already goes by “Bea”. Choose the name its members will know you by.',
    );
    const input = within(form).getByRole('textbox', { name: 'Your name in this space' });
    expect((input as HTMLInputElement).value).toBe('Bea');
    fireEvent.change(input, { target: { value: '  ' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Join under this name' }));
    expect(within(form).getByText('Please enter a name.')).toBeTruthy();
    fireEvent.change(input, { target: { value: 'Bea M.' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Join under this name' }));
    expect(await screen.findByRole('heading', { name: 'Space space001' })).toBeTruthy();
    expect(calls(fetchMock).slice(1)).toEqual([
      { route: 'POST /api/invites/redeem', body: { code: 'code0001', name: 'Bea' } },
      { route: 'POST /api/invites/redeem', body: { code: 'code0001', name: 'Bea M.' } },
    ]);
    // The device keeps its name; this space knows it by the one it chose.
    expect(useSession.getState().name).toBe('Bea');
  });

  it('speaks French: guillemets with no-break spaces, the role’s own word', async () => {
    useSession.setState({ language: 'fr' });
    const expiresAt = Date.UTC(2030, 11, 31, 18, 0);
    mockFetch({
      'POST /api/invites/preview': preview({ role: 'observer', expiresAt, usesLeft: 2 }),
    });
    renderAt('/join/code0003');
    expect(
      await screen.findByRole('button', { name: 'Rejoindre «\u00a0Coop du Val\u00a0»' }),
    ).toBeTruthy();
    // textContent, not getByText: its matching turns no-break spaces into spaces.
    expect(screen.getByText(/^Vous êtes invité·e/).textContent).toBe(
      'Vous êtes invité·e à rejoindre «\u00a0Coop du Val\u00a0».',
    );
    expect(screen.getByText('Votre rôle : Observation')).toBeTruthy();
    expect(
      screen.getByText(`L’invitation expire le ${formatDateTime('fr', expiresAt)}.`),
    ).toBeTruthy();
    expect(screen.getByText('Ce lien peut encore servir 2 fois.')).toBeTruthy();
    cleanup();
    mockFetch({
      'POST /api/invites/preview': { status: 410, body: { error: { code: 'invite_expired' } } },
    });
    renderAt('/join/code0004');
    expect((await screen.findByRole('alert')).textContent).toContain('a expiré');
  });

  it('falls back to “the space” when the server knows no name', async () => {
    mockFetch({ 'POST /api/invites/preview': preview({ spaceName: '' }) });
    renderAt('/join/code0001');
    expect(await screen.findByRole('button', { name: 'Join the space' })).toBeTruthy();
    expect(screen.getByText('You are invited to join a space.')).toBeTruthy();
  });
});
