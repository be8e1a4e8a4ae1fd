import { act, cleanup, renderHook, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { calls, HOUR, membership, mockFetch, type Reply } from '../pages/pageTestKit.tsx';
import { useSession } from '../state/session.ts';
import { configureSessionRequest } from '../sync/sessionKeeper.ts';
import { useSpacePeople } from './useSpacePeople.ts';

const SPACE = 'space001';
const PEOPLE = `GET /api/spaces/${SPACE}/people`;
const ANA = { userId: 'anauser1', name: 'Ana', role: 'admin' } as const;
const BEN = { userId: 'benuser1', name: 'Ben', role: 'member' } as const;

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
  configureSessionRequest(null);
});
beforeEach(() =>
  useSession.setState({
    memberships: {
      [SPACE]: membership(ANA.userId, 'admin', 'Ana'),
    },
  }),
);

/** Answers the directory with the replies given, in turn (the last one repeats). */
function directory(...replies: (Reply | 'down')[]) {
  let n = 0;
  return mockFetch({ [PEOPLE]: () => replies[Math.min(n++, replies.length - 1)]! });
}

const listing = (...people: unknown[]): Reply => ({ status: 200, body: { people } });
const focus = () => act(() => void window.dispatchEvent(new Event('focus')));

describe('useSpacePeople', () => {
  it('loads the directory with the member’s session token', async () => {
    const fetchMock = directory(listing(ANA, BEN));
    const { result } = renderHook(() => useSpacePeople(SPACE));
    expect(result.current).toMatchObject({ people: null, status: 'loading' });
    await waitFor(() => expect(result.current.status).toBe('loaded'));
    expect(result.current.people).toEqual([ANA, BEN]);
    expect(calls(fetchMock).map((c) => c.route)).toEqual([PEOPLE]);
    const init = fetchMock.mock.calls[0]?.[1];
    expect(new Headers(init?.headers).get('authorization')).toBe('Bearer tok');
  });

  it('says failed when the first fetch fails, with no list to fall back on', async () => {
    directory('down');
    const { result } = renderHook(() => useSpacePeople(SPACE));
    await waitFor(() => expect(result.current.status).toBe('failed'));
    expect(result.current.people).toBeNull();
  });

  it('fetches again when the window regains focus, and keeps the last good list on a failure', async () => {
    const fetchMock = directory(
      listing(ANA),
      listing(ANA, BEN),
      'down',
      { status: 500, body: { error: { code: 'boom', message: 'boom' } } },
      listing(BEN),
    );
    const { result } = renderHook(() => useSpacePeople(SPACE));
    await waitFor(() => expect(result.current.people).toEqual([ANA]));
    focus();
    await waitFor(() => expect(result.current.people).toEqual([ANA, BEN]));
    focus();
    await waitFor(() => expect(result.current.status).toBe('failed'));
    expect(result.current.people).toEqual([ANA, BEN]);
    focus();
    await waitFor(() => expect(fetchMock).toHaveBeenCalledTimes(4));
    await waitFor(() => expect(result.current.status).toBe('failed'));
    expect(result.current.people).toEqual([ANA, BEN]);
    focus();
    await waitFor(() => expect(result.current).toMatchObject({ people: [BEN], status: 'loaded' }));
  });

  it('fetches again when this member is renamed or their role changes', async () => {
    const fetchMock = directory(listing(ANA), listing({ ...ANA, name: 'Ana D' }), listing(ANA));
    const { result } = renderHook(() => useSpacePeople(SPACE));
    await waitFor(() => expect(result.current.status).toBe('loaded'));
    act(() => useSession.getState().setMembershipName(SPACE, 'Ana D'));
    await waitFor(() => expect(result.current.people).toEqual([{ ...ANA, name: 'Ana D' }]));
    act(() =>
      useSession.setState((s) => ({
        memberships: { [SPACE]: { ...s.memberships[SPACE]!, role: 'member' } },
      })),
    );
    await waitFor(() => expect(fetchMock).toHaveBeenCalledTimes(3));
    await waitFor(() => expect(result.current.people).toEqual([ANA]));
  });

  it('on a 401 gets a new session and asks once more', async () => {
    configureSessionRequest(async () => ({
      token: 'tok2',
      expiresAt: Date.now() + HOUR,
      role: 'admin',
      name: 'Ana',
    }));
    const fetchMock = mockFetch({
      [PEOPLE]: (init) =>
        new Headers(init.headers).get('authorization') === 'Bearer tok2'
          ? listing(BEN)
          : { status: 401, body: { error: { code: 'unauthorized', message: 'expired' } } },
    });
    const { result } = renderHook(() => useSpacePeople(SPACE));
    await waitFor(() => expect(result.current).toMatchObject({ people: [BEN], status: 'loaded' }));
    expect(fetchMock).toHaveBeenCalledTimes(2);
  });

  it('does not ask without a membership, and says failed', async () => {
    useSession.setState({ memberships: {} });
    const fetchMock = directory(listing(ANA));
    const { result } = renderHook(() => useSpacePeople(SPACE));
    await waitFor(() => expect(result.current.status).toBe('failed'));
    expect(fetchMock).not.toHaveBeenCalled();
  });

  it('never shows one space’s list for another', async () => {
    directory(listing(ANA));
    const { result, rerender } = renderHook(({ id }) => useSpacePeople(id), {
      initialProps: { id: SPACE },
    });
    await waitFor(() => expect(result.current.status).toBe('loaded'));
    rerender({ id: 'space002' });
    expect(result.current).toMatchObject({ people: null, status: 'loading' });
    // Not a member there: nothing to show.
    await waitFor(() => expect(result.current.status).toBe('failed'));
    expect(result.current.people).toBeNull();
  });
});
