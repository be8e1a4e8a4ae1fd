import { Redis } from 'ioredis';
import type { AccessStore } from './accessStore.ts';
import { CLOSE_CODES } from './limits.ts';
import type { LiveConnections } from './liveConnections.ts';
import type { Logger } from './log.ts';

export interface AccessWatchOptions {
  readonly live: Pick<LiveConnections, 'closeMember' | 'members'>;
  readonly access: Pick<AccessStore, 'getMember'>;
  readonly log: Logger;
  /** Every open connection's member is checked against the store this often (ACCESS-3). */
  readonly sweepIntervalMs: number;
  /** With Redis: every instance hears of a change made on any one (ACCESS-2). */
  readonly cluster?: {
    readonly redisUrl: string;
    readonly prefix: string;
    readonly instanceId: string;
  };
}

export interface AccessWatch {
  /**
   * Closes a member's sockets after an access change (a role changed, the
   * member removed): here at once, on the other instances as soon as they
   * hear of it. Returns how many it closed here.
   */
  closeMember(spaceId: string, userId: string, code: number, reason: string): number;
  /** One sweep now (ACCESS-3); resolves with how many sockets it closed. */
  sweep(): Promise<number>;
  close(): Promise<void>;
}

/** What one instance tells the others: `{ i, s, u, c, r }` (instance, space, user, code, reason). */
interface AccessMessage {
  readonly i: string;
  readonly s: string;
  readonly u: string;
  readonly c: number;
  readonly r: string;
}

function parseMessage(raw: string): AccessMessage | null {
  try {
    const m = JSON.parse(raw) as Partial<AccessMessage> | null;
    if (
      m === null ||
      typeof m.i !== 'string' ||
      typeof m.s !== 'string' ||
      typeof m.u !== 'string' ||
      typeof m.r !== 'string' ||
      (m.c !== CLOSE_CODES.forbidden && m.c !== CLOSE_CODES.tokenExpired)
    ) {
      return null;
    }
    return { i: m.i, s: m.s, u: m.u, c: m.c, r: m.r };
  } catch {
    return null;
  }
}

/**
 * Keeps open sockets in step with the access store (SPEC ACCESS-1…3). A
 * socket carries the role its member had when it opened; a change made
 * through the API closes the member's sockets on the instance that made it
 * (ACCESS-1), is published on `<prefix>:access` for the other instances of
 * a cluster (ACCESS-2), and a sweep compares every open socket's member
 * with the store at an interval, and again when Redis comes back, so that a
 * message lost in an outage, or a change made outside the API, is caught
 * within the interval (ACCESS-3). Without this a member removed on one
 * instance would go on writing through another until their token expired.
 *
 * @example
 * const watch = createAccessWatch({ live, access, log, sweepIntervalMs: 30_000 });
 * watch.closeMember(spaceId, userId, CLOSE_CODES.forbidden, 'access revoked');
 */
export function createAccessWatch(options: AccessWatchOptions): AccessWatch {
  const { live, access, log } = options;
  const cluster = options.cluster;
  const channel = cluster ? `${cluster.prefix}:access` : '';
  let closed = false;
  let pub: Redis | null = null;
  let sub: Redis | null = null;

  if (cluster) {
    const retryStrategy = (times: number): number => Math.min(50 * times, 1000);
    // Never queued while Redis is away: the sweep catches what was not heard.
    pub = new Redis(cluster.redisUrl, {
      retryStrategy,
      enableOfflineQueue: false,
      maxRetriesPerRequest: 1,
    });
    sub = new Redis(cluster.redisUrl, {
      retryStrategy,
      autoResubscribe: true,
      maxRetriesPerRequest: null,
    });
    const quiet = (which: string) => (error: Error) => {
      if (!closed) log.debug('redis unreachable', { which, error: error.message });
    };
    pub.on('error', quiet('access publish'));
    sub.on('error', quiet('access subscribe'));
    let readyOnce = false;
    sub.on('ready', () => {
      if (!readyOnce) {
        readyOnce = true;
        return;
      }
      // Back after an outage: what was published meanwhile is lost; the store is not.
      void sweep();
    });
    sub.subscribe(channel).catch(quiet('access subscribe'));
    sub.on('message', (from: string, raw: string) => {
      if (from !== channel) return;
      const message = parseMessage(raw);
      if (message === null || message.i === cluster.instanceId) return;
      const count = live.closeMember(message.s, message.u, message.c, message.r);
      if (count > 0)
        log.info('access changed on another instance', { userId: message.u, closed: count });
    });
  }

  let sweeping: Promise<number> | null = null;
  /** Compares every open socket's member with the store; closes those it changed. */
  async function sweepOnce(): Promise<number> {
    let count = 0;
    let unread = 0;
    let lastError: unknown = null;
    for (const member of live.members()) {
      if (closed) break;
      let stored;
      try {
        stored = await access.getMember(member.spaceId, member.userId);
      } catch (error) {
        unread++;
        lastError = error;
        continue;
      }
      if (stored === null) {
        count += live.closeMember(
          member.spaceId,
          member.userId,
          CLOSE_CODES.forbidden,
          'access revoked',
        );
      } else if ([...member.roles].some((role) => role !== stored.role)) {
        count += live.closeMember(
          member.spaceId,
          member.userId,
          CLOSE_CODES.tokenExpired,
          'role changed',
        );
      } else if ([...member.names].some((name) => name !== stored.name)) {
        count += live.closeMember(
          member.spaceId,
          member.userId,
          CLOSE_CODES.tokenExpired,
          'name changed',
        );
      }
    }
    // One line per sweep, not one per member, while the store is away.
    if (unread > 0) log.warn('access sweep could not read members', { unread, error: lastError });
    if (count > 0) log.info('access sweep closed sockets', { closed: count });
    return count;
  }
  function sweep(): Promise<number> {
    // One sweep at a time; a sweep asked for meanwhile shares it.
    sweeping ??= sweepOnce().finally(() => (sweeping = null));
    return sweeping;
  }
  const timer = setInterval(() => void sweep(), options.sweepIntervalMs);
  timer.unref();

  return {
    closeMember(spaceId, userId, code, reason) {
      const count = live.closeMember(spaceId, userId, code, reason);
      if (pub && cluster && pub.status === 'ready') {
        const message: AccessMessage = {
          i: cluster.instanceId,
          s: spaceId,
          u: userId,
          c: code,
          r: reason,
        };
        pub
          .publish(channel, JSON.stringify(message))
          .catch((error: unknown) =>
            log.warn('access change not published; the other instances sweep', { error }),
          );
      }
      return count;
    },
    sweep,
    async close() {
      closed = true;
      clearInterval(timer);
      await sweeping;
      // A change published just before is the sweep's to catch if this drops it.
      pub?.disconnect();
      sub?.disconnect();
    },
  };
}
