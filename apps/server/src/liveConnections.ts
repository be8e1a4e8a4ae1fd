import type { Identity } from './authenticate.ts';
import { CLOSE_CODES } from './limits.ts';
import type { Role } from './tokens.ts';

/** Gives back a reserved slot; calling it more than once is harmless. */
export type Release = () => void;

/** What the registry needs of a connection: a way to close it (see acceptConnection). */
export interface ClosableConnection {
  close(code: number, reason: string): void;
}

export interface LiveConnections {
  /** A slot for one more socket from `address`, or `null` when it has its maximum. */
  reserveAddress(address: string): Release | null;
  /** A slot for one more socket of this member, or `null` when they have their maximum. */
  reserveMember(spaceId: string, userId: string): Release | null;
  /**
   * Registers an open connection under its member, closes it with 4401 when
   * its token expires, until `detach()` (when the socket closed).
   */
  attach(identity: Identity, connection: ClosableConnection): { detach(): void };
  /** Closes every open connection of a member; returns how many. */
  closeMember(spaceId: string, userId: string, code: number, reason: string): number;
  /** The members with open connections, each with the roles their sockets opened with. */
  members(): LiveMember[];
}

/** A member with open connections on this instance (SPEC ACCESS-LIVE). */
export interface LiveMember {
  readonly spaceId: string;
  readonly userId: string;
  /** The roles as stored when each of their sockets opened (one, unless it changed meanwhile). */
  readonly roles: ReadonlySet<Role>;
  /** Likewise their display names (NAME-4); a socket opened without one adds none. */
  readonly names: ReadonlySet<string>;
}

export interface LiveConnectionOptions {
  readonly maxPerAddress: number;
  readonly maxPerMember: number;
  readonly now?: () => number;
}

/**
 * The registry of live sync connections: counts per address and per member
 * (limits checked at upgrade, before the WebSocket exists), and the
 * connections of each member, so that an admin's change (role, removal)
 * reaches their open sockets at once.
 *
 * @example
 * const release = live.reserveAddress(ip);
 * if (!release) return refuse(socket, 429);
 */
export function createLiveConnections(options: LiveConnectionOptions): LiveConnections {
  const now = options.now ?? Date.now;
  const perAddress = new Map<string, number>();
  const perMember = new Map<string, number>();
  /** Each member's connections, with the role each opened with. */
  const byMember = new Map<
    string,
    {
      readonly spaceId: string;
      readonly userId: string;
      readonly open: Map<ClosableConnection, { readonly role: Role; readonly name?: string }>;
    }
  >();
  const memberKey = (spaceId: string, userId: string): string => `${spaceId}\u0000${userId}`;

  function reserve(counts: Map<string, number>, key: string, max: number): Release | null {
    const current = counts.get(key) ?? 0;
    if (current >= max) return null;
    counts.set(key, current + 1);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const left = (counts.get(key) ?? 1) - 1;
      if (left <= 0) counts.delete(key);
      else counts.set(key, left);
    };
  }

  return {
    reserveAddress: (address) => reserve(perAddress, address, options.maxPerAddress),
    reserveMember: (spaceId, userId) =>
      reserve(perMember, memberKey(spaceId, userId), options.maxPerMember),
    attach(identity, connection) {
      let timer: NodeJS.Timeout | null = null;
      if (identity.expiresAt !== null) {
        timer = setTimeout(
          () => connection.close(CLOSE_CODES.tokenExpired, 'token expired'),
          Math.max(0, identity.expiresAt - now()),
        );
        timer.unref();
      }
      const { spaceId, userId, role } = identity;
      const key =
        spaceId !== null && userId !== null && role !== 'anonymous'
          ? memberKey(spaceId, userId)
          : null;
      if (key !== null && spaceId !== null && userId !== null && role !== 'anonymous') {
        const entry = byMember.get(key) ?? { spaceId, userId, open: new Map() };
        entry.open.set(
          connection,
          identity.name === undefined ? { role } : { role, name: identity.name },
        );
        byMember.set(key, entry);
      }
      return {
        detach() {
          if (timer) clearTimeout(timer);
          timer = null;
          if (key === null) return;
          const entry = byMember.get(key);
          entry?.open.delete(connection);
          if (entry?.open.size === 0) byMember.delete(key);
        },
      };
    },
    closeMember(spaceId, userId, code, reason) {
      const entry = byMember.get(memberKey(spaceId, userId));
      if (!entry) return 0;
      const all = [...entry.open.keys()];
      for (const connection of all) connection.close(code, reason);
      return all.length;
    },
    members() {
      return [...byMember.values()].map(({ spaceId, userId, open }) => ({
        spaceId,
        userId,
        roles: new Set([...open.values()].map((o) => o.role)),
        names: new Set([...open.values()].flatMap((o) => (o.name === undefined ? [] : [o.name]))),
      }));
    },
  };
}
