import { roomName, spaceMeetings, spaceRoom } from '@ronde/domain';
import type { AccessStore, PracticeMarks, PracticeSpace } from '../accessStore.ts';
import type { DocumentRegistry } from '../documents.ts';
import { CLOSE_CODES } from '../limits.ts';
import type { LiveConnections } from '../liveConnections.ts';
import type { Logger } from '../log.ts';
import type { Storage } from '../storage.ts';
import { signToken } from '../tokens.ts';
import { startPracticeBot, type PracticeBot } from './practiceBot.ts';
import { BOT_COLORS, PRACTICE_SCRIPTS } from './practiceScripts.ts';
import { registerBotKey } from './practiceSpace.ts';

export interface PracticeServiceOptions {
  readonly registry: DocumentRegistry;
  readonly storage: Storage;
  readonly access: AccessStore;
  readonly secret: Uint8Array;
  readonly tokenLifetimeSeconds: number;
  readonly live: Pick<LiveConnections, 'closeMember'>;
  readonly log: Logger;
  /** `ws://host:port` of this server, known once it listens. */
  origin(): string;
  /** The bots' pause before each move (default 2 s). */
  readonly pauseMs?: number;
  /** How many practice meetings may have bots running at once (default 8). */
  readonly maxRunning?: number;
  readonly now?: () => number;
}

/** A store that keeps practice marks and a storage that deletes: what practice needs. */
export type PracticeAccess = AccessStore & PracticeMarks;

export interface PracticeService {
  /** The access store, when it keeps practice marks and the storage deletes (else null). */
  readonly access: PracticeAccess | null;
  /** Whether another practice meeting may start its bots now (PRACTICE-6). */
  hasRoom(): boolean;
  /** Starts the bots of a practice meeting; resolves once each joined the meeting or gave up. */
  run(practice: PracticeSpace): Promise<void>;
  isRunning(spaceId: string): boolean;
  /** Stops the bots, deletes the space's members and documents, closes its sockets (PRACTICE-7, 8). */
  remove(spaceId: string): Promise<void>;
  /** At startup: the bots of every practice meeting that has not ended. */
  resume(): Promise<void>;
  /** Stops every bot (server shutdown). */
  close(): void;
}

/**
 * The practice meetings' bots, run in the server's process as clients of
 * its own port (SPEC PRACTICE-2), and the deletion of practice spaces.
 *
 * @example
 * const practice = createPracticeService({ registry, storage, access, secret, …, origin: () => `ws://127.0.0.1:${port}` });
 * await practice.run(seeded.practice);
 */
export function createPracticeService(options: PracticeServiceOptions): PracticeService {
  const now = options.now ?? Date.now;
  const running = new Map<string, PracticeBot[]>();
  const access =
    options.access.markPractice &&
    options.access.getPractice &&
    options.access.listPractice &&
    options.access.deleteSpace &&
    options.storage.deleteDocuments
      ? (options.access as PracticeAccess)
      : null;
  let closed = false;

  function stopBots(spaceId: string): void {
    const bots = running.get(spaceId) ?? [];
    running.delete(spaceId);
    for (const bot of bots) bot.stop();
  }

  async function run(practice: PracticeSpace): Promise<void> {
    if (closed || running.has(practice.spaceId)) return;
    const { spaceId } = practice;
    const room = roomName({ spaceId, kind: 'meeting', id: practice.meetingId });
    const bots: PracticeBot[] = [];
    running.set(spaceId, bots);
    const keys = await Promise.all(
      practice.bots.map((bot) => registerBotKey(options.access, spaceId, bot.userId, now())),
    );
    if (running.get(spaceId) !== bots) return; // removed or closed meanwhile
    let left = practice.bots.length;
    practice.bots.forEach((bot, index) => {
      const key = keys[index];
      if (!key) return;
      bots.push(
        startPracticeBot({
          userId: bot.userId,
          name: bot.name,
          index,
          color: BOT_COLORS[index % BOT_COLORS.length] ?? '#6b6257',
          script: PRACTICE_SCRIPTS[practice.process],
          language: practice.language,
          origin: options.origin(),
          room,
          kid: key.kid,
          privateKey: key.privateKey,
          token: () =>
            signToken(
              options.secret,
              { space: spaceId, sub: bot.userId, role: 'member' },
              { lifetimeSeconds: options.tokenLifetimeSeconds, now: now() },
            ).token,
          pauseMs: options.pauseMs ?? 2000,
          now,
          log: options.log.child({ spaceId }),
          onStopped: () => {
            left -= 1;
            if (left === 0 && running.get(spaceId) === bots) running.delete(spaceId);
          },
        }),
      );
    });
    options.log.info('practice bots started', { spaceId, bots: bots.length });
    await Promise.all(bots.map((bot) => bot.joined));
  }

  return {
    access,
    hasRoom: () => running.size < (options.maxRunning ?? 8),
    run,
    isRunning: (spaceId) => running.has(spaceId),
    async remove(spaceId) {
      if (!access || !options.storage.deleteDocuments) throw new Error('practice is not available');
      stopBots(spaceId);
      const members = await options.access.listMembers(spaceId);
      // First the members, so nobody reconnects; then their sockets; then, once
      // every queued store is done, the documents.
      await access.deleteSpace(spaceId);
      for (const member of members) {
        options.live.closeMember(spaceId, member.userId, CLOSE_CODES.forbidden, 'space deleted');
      }
      await options.registry.flush();
      await options.storage.deleteDocuments(`${spaceId}/`);
      options.log.info('practice space deleted', { spaceId });
    },
    async resume() {
      if (!access) return;
      for (const practice of await access.listPractice()) {
        if (closed || !this.hasRoom()) return;
        const status = await meetingStatus(options.registry, practice);
        if (status !== 'ended')
          void run(practice).catch((error: unknown) =>
            options.log.error('practice bots could not start', {
              spaceId: practice.spaceId,
              error,
            }),
          );
      }
    },
    close() {
      closed = true;
      for (const spaceId of [...running.keys()]) stopBots(spaceId);
    },
  };
}

/** The meeting's status in its space's index (CONS-4 keeps it), without holding the doc. */
async function meetingStatus(
  registry: DocumentRegistry,
  practice: PracticeSpace,
): Promise<string | null> {
  const handle = registry.open(spaceRoom(practice.spaceId));
  try {
    const { doc } = await handle.ready;
    const status = spaceMeetings(doc).get(practice.meetingId)?.get('status');
    return typeof status === 'string' ? status : null;
  } finally {
    handle.release();
  }
}

/**
 * Where the bots reach this server: its own address, or loopback when it
 * listens on every interface.
 *
 * @example
 * selfOrigin('0.0.0.0', 8080); // 'ws://127.0.0.1:8080'
 */
export function selfOrigin(host: string, port: number): string {
  const name = host === '' || host === '0.0.0.0' ? '127.0.0.1' : host === '::' ? '::1' : host;
  return `ws://${name.includes(':') ? `[${name}]` : name}:${port}`;
}
