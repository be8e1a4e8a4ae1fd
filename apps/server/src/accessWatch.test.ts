import { afterEach, describe, expect, it } from 'vitest';
import type { AccessStore, Member } from './accessStore.ts';
import { createAccessWatch, type AccessWatch } from './accessWatch.ts';
import type { Identity } from './authenticate.ts';
import { CLOSE_CODES } from './limits.ts';
import { createLiveConnections } from './liveConnections.ts';
import { createLogger } from './log.ts';
import type { Role } from './tokens.ts';

const SPACE = 'spWatch001';

function identity(userId: string, role: Role, name = userId): Identity {
  return { userId, spaceId: SPACE, role, canWrite: role !== 'observer', expiresAt: null, name };
}

function socket() {
  const closes: [number, string][] = [];
  return { closes, close: (code: number, reason: string) => void closes.push([code, reason]) };
}

/** An access store holding `members` (userId → role), each named by their id unless `names` says; edit the maps to change it. */
function store(
  members: Map<string, Role>,
  names = new Map<string, string>(),
): Pick<AccessStore, 'getMember'> {
  return {
    getMember: async (spaceId, userId) => {
      const role = members.get(userId);
      if (spaceId !== SPACE || role === undefined) return null;
      const name = names.get(userId) ?? userId;
      return { spaceId, userId, role, name, joinedAt: 1, inviteId: null } satisfies Member;
    },
  };
}

let watch: AccessWatch | null = null;
afterEach(async () => {
  await watch?.close();
  watch = null;
});

describe('access watch (SPEC ACCESS)', () => {
  it('ACCESS-3 a sweep closes the sockets of a member removed or whose role changed behind the API, and only theirs', async () => {
    const live = createLiveConnections({ maxPerAddress: 99, maxPerMember: 99 });
    const members = new Map<string, Role>([
      ['ana', 'member'],
      ['ben', 'facilitator'],
      ['cy', 'member'],
    ]);
    const [ana, ben, cy, cy2] = [socket(), socket(), socket(), socket()];
    live.attach(identity('ana', 'member'), ana);
    live.attach(identity('ben', 'facilitator'), ben);
    live.attach(identity('cy', 'member'), cy);
    live.attach(identity('cy', 'member'), cy2);
    watch = createAccessWatch({
      live,
      access: store(members),
      log: createLogger('silent'),
      sweepIntervalMs: 3_600_000,
    });
    expect(await watch.sweep()).toBe(0);
    // Changed in the store without this instance's API (another instance, a restore).
    members.delete('cy');
    members.set('ben', 'member');
    expect(await watch.sweep()).toBe(3);
    expect(cy.closes).toEqual([[CLOSE_CODES.forbidden, 'access revoked']]);
    expect(cy2.closes).toEqual([[CLOSE_CODES.forbidden, 'access revoked']]);
    expect(ben.closes).toEqual([[CLOSE_CODES.tokenExpired, 'role changed']]);
    expect(ana.closes).toEqual([]);
  });

  it('ACCESS-3 NAME-5 a sweep reopens the sockets of a member renamed elsewhere; a store that cannot be read closes nothing', async () => {
    const live = createLiveConnections({ maxPerAddress: 99, maxPerMember: 99 });
    const names = new Map<string, string>();
    const [ana, ben] = [socket(), socket()];
    live.attach(identity('ana', 'member'), ana);
    live.attach(identity('ben', 'member'), ben);
    let down = false;
    const members = store(
      new Map<string, Role>([
        ['ana', 'member'],
        ['ben', 'member'],
      ]),
      names,
    );
    watch = createAccessWatch({
      live,
      access: {
        getMember: async (spaceId, userId) => {
          if (down) throw new Error('database unreachable');
          return members.getMember(spaceId, userId);
        },
      },
      log: createLogger('silent'),
      sweepIntervalMs: 3_600_000,
    });
    names.set('ana', 'Ana Lopez');
    down = true;
    expect(await watch.sweep()).toBe(0);
    down = false;
    expect(await watch.sweep()).toBe(1);
    expect(ana.closes).toEqual([[CLOSE_CODES.tokenExpired, 'name changed']]);
    expect(ben.closes).toEqual([]);
  });

  it('ACCESS-1 a change made through this instance closes the member’s sockets at once', () => {
    const live = createLiveConnections({ maxPerAddress: 99, maxPerMember: 99 });
    const [ana, ben] = [socket(), socket()];
    live.attach(identity('ana', 'member'), ana);
    live.attach(identity('ben', 'member'), ben);
    watch = createAccessWatch({
      live,
      access: store(new Map()),
      log: createLogger('silent'),
      sweepIntervalMs: 3_600_000,
    });
    expect(watch.closeMember(SPACE, 'ana', CLOSE_CODES.forbidden, 'access revoked')).toBe(1);
    expect(ana.closes).toEqual([[CLOSE_CODES.forbidden, 'access revoked']]);
    expect(ben.closes).toEqual([]);
  });
});
