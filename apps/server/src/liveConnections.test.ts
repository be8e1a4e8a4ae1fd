import { describe, expect, it, vi } from 'vitest';
import { ANONYMOUS, type Identity } from './authenticate.ts';
import { CLOSE_CODES } from './limits.ts';
import { createLiveConnections } from './liveConnections.ts';

const member = (userId: string, expiresAt: number | null = null): Identity => ({
  userId,
  spaceId: 'spLive0001',
  role: 'member',
  canWrite: true,
  expiresAt,
});

function connection() {
  const closes: [number, string][] = [];
  return { closes, close: (code: number, reason: string) => void closes.push([code, reason]) };
}

describe('liveConnections', () => {
  it('counts per address up to the limit, and a release (idempotent) frees a slot', () => {
    const live = createLiveConnections({ maxPerAddress: 2, maxPerMember: 9 });
    const a = live.reserveAddress('10.0.0.1');
    const b = live.reserveAddress('10.0.0.1');
    expect(typeof a).toBe('function');
    expect(typeof b).toBe('function');
    expect(live.reserveAddress('10.0.0.1')).toBeNull();
    expect(live.reserveAddress('10.0.0.2')).not.toBeNull();
    a?.();
    a?.();
    expect(live.reserveAddress('10.0.0.1')).not.toBeNull();
    expect(live.reserveAddress('10.0.0.1')).toBeNull();
  });

  it('counts per member of a space', () => {
    const live = createLiveConnections({ maxPerAddress: 99, maxPerMember: 1 });
    expect(live.reserveMember('spA000001', 'u1')).not.toBeNull();
    expect(live.reserveMember('spA000001', 'u1')).toBeNull();
    expect(live.reserveMember('spB000001', 'u1')).not.toBeNull();
    expect(live.reserveMember('spA000001', 'u2')).not.toBeNull();
  });

  it("closes a member's connections, and only theirs, until detached", () => {
    const live = createLiveConnections({ maxPerAddress: 9, maxPerMember: 9 });
    const [x, y, z] = [connection(), connection(), connection()];
    const ax = live.attach(member('u1'), x);
    live.attach(member('u1'), y);
    live.attach(member('u2'), z);
    live.attach(ANONYMOUS, connection());
    ax.detach();
    expect(live.closeMember('spLive0001', 'u1', CLOSE_CODES.forbidden, 'access revoked')).toBe(1);
    expect(x.closes).toEqual([]);
    expect(y.closes).toEqual([[4403, 'access revoked']]);
    expect(z.closes).toEqual([]);
    expect(live.closeMember('spLive0001', 'nobody', 4403, 'x')).toBe(0);
  });

  it('ACCESS-3 lists the members with open sockets and the roles those opened with', () => {
    const live = createLiveConnections({ maxPerAddress: 9, maxPerMember: 9 });
    const first = live.attach(member('u1'), connection());
    live.attach({ ...member('u1'), role: 'observer' }, connection());
    live.attach(member('u2'), connection());
    live.attach(ANONYMOUS, connection());
    const listed = () =>
      live
        .members()
        .map((m) => [m.spaceId, m.userId, [...m.roles].sort(), [...m.names]])
        .sort();
    expect(listed()).toEqual([
      ['spLive0001', 'u1', ['member', 'observer'], []],
      ['spLive0001', 'u2', ['member'], []],
    ]);
    first.detach();
    expect(listed()[0]).toEqual(['spLive0001', 'u1', ['observer'], []]);
    live.attach({ ...member('u2'), name: 'Bea' }, connection());
    expect(listed()[1]).toEqual(['spLive0001', 'u2', ['member'], ['Bea']]);
  });

  it('closes with 4401 when the token expires, unless detached first', () => {
    vi.useFakeTimers();
    try {
      let now = 1000;
      const live = createLiveConnections({ maxPerAddress: 9, maxPerMember: 9, now: () => now });
      const [expiring, detached] = [connection(), connection()];
      live.attach(member('u1', 6000), expiring);
      live.attach(member('u2', 6000), detached).detach();
      now = 5999;
      vi.advanceTimersByTime(4999);
      expect(expiring.closes).toEqual([]);
      vi.advanceTimersByTime(1);
      expect(expiring.closes).toEqual([[CLOSE_CODES.tokenExpired, 'token expired']]);
      expect(detached.closes).toEqual([]);
    } finally {
      vi.useRealTimers();
    }
  });
});
