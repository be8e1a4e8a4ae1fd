import { parseRoomName } from '@ronde/domain';
import type { DocumentRegistry } from './documents.ts';
import type { Logger } from './log.ts';
import { writeMeetingConsequences } from './meetingConsequences.ts';
import type { Storage } from './storage.ts';
import type { Versions } from './versions.ts';

export interface ConsequencesOptions {
  readonly registry: Pick<DocumentRegistry, 'open'>;
  readonly storage: Pick<Storage, 'markPending' | 'clearPending' | 'listPending'>;
  readonly log: Logger;
  /** Proposal versions the meeting files (SPEC VERS-2); absent, none are filed. */
  readonly versions?: Versions;
  /** The server's clock, for the entries' `recordedAt` (default `Date.now`). */
  readonly now?: () => number;
  /**
   * Runs a meeting's run while no other instance runs one for that meeting
   * (a PostgreSQL advisory lock, CLUSTER-5); default: at once (one process).
   */
  readonly exclusive?: <T>(room: string, run: () => Promise<T>) => Promise<T>;
}

export interface Consequences {
  /**
   * Call after the server appended a process event to a meeting's log:
   * marks the meeting pending, writes what follows (decision entries,
   * statuses) and clears the mark. Resolves once that run is over; never
   * rejects (failures are logged and leave the meeting pending).
   */
  afterAppend(room: string): Promise<void>;
  /** Call when a document was loaded: a meeting is reconciled unless a run is already due. */
  afterLoad(room: string): void;
  /** Finishes every meeting left pending (at startup: a crash between an outcome and its entry). */
  resumePending(): Promise<void>;
  /** Takes no new work and waits for the runs in flight; pending marks stay for the next start. */
  close(): Promise<void>;
}

interface Slot {
  /** Bumped by every request; a run clears the mark only if none came after it started. */
  requests: number;
  /** The last run, queued or running; it never rejects. */
  tail: Promise<void>;
  /** The run that has not started yet, which a new request joins. */
  queued: Promise<void> | null;
}

/**
 * The server writes the consequences of a meeting's log (SPEC CONS-1..8):
 * one run at a time per meeting, a request made while a run waits joins it,
 * and each run is bracketed by a durable pending mark (`Storage.markPending`)
 * so that a crash before its writes are stored is finished at the next start.
 *
 * @example
 * const consequences = createConsequences({ registry, storage, log });
 * void consequences.resumePending();
 * await consequences.afterAppend('sp1abcd/meeting/mt1abcd');
 */
export function createConsequences(options: ConsequencesOptions): Consequences {
  const { registry, storage, log } = options;
  const now = options.now ?? Date.now;
  const exclusive = options.exclusive ?? (<T>(_room: string, run: () => Promise<T>) => run());
  const slots = new Map<string, Slot>();
  let closed = false;

  function request(room: string): Promise<void> {
    if (closed) return Promise.resolve();
    let slot = slots.get(room);
    if (!slot) {
      slot = { requests: 0, tail: Promise.resolve(), queued: null };
      slots.set(room, slot);
    }
    slot.requests++;
    if (slot.queued) return slot.queued;
    const own = slot;
    const marked = storage
      .markPending(room)
      .catch((error: unknown) => log.error('cannot mark consequences pending', { room, error }));
    const run = Promise.all([own.tail, marked]).then(async () => {
      own.queued = null;
      const seen = own.requests;
      try {
        await exclusive(room, () =>
          writeMeetingConsequences({ registry, room, now, versions: options.versions }),
        );
        if (own.requests === seen) await storage.clearPending(room);
      } catch (error) {
        log.error('consequences failed; the meeting stays pending', { room, error });
      } finally {
        if (own.tail === run && slots.get(room) === own) slots.delete(room);
      }
    });
    own.queued = run;
    own.tail = run;
    return run;
  }

  const isMeeting = (room: string): boolean => parseRoomName(room)?.kind === 'meeting';

  return {
    afterAppend(room) {
      return isMeeting(room) ? request(room) : Promise.resolve();
    },
    afterLoad(room) {
      if (isMeeting(room) && !slots.has(room)) void request(room);
    },
    async resumePending() {
      let rooms: string[];
      try {
        rooms = await storage.listPending();
      } catch (error) {
        log.error('cannot list pending consequences', { error });
        return;
      }
      if (rooms.length > 0) log.info('resuming pending consequences', { rooms: rooms.length });
      await Promise.all(
        rooms.map((room) =>
          isMeeting(room)
            ? request(room)
            : // An asynchronous consent's mark is its own (asyncConsentDeadlines.ts).
              parseRoomName(room)?.kind === 'consent'
              ? Promise.resolve()
              : storage.clearPending(room).catch((error: unknown) => log.error('clear', { error })),
        ),
      );
    },
    async close() {
      closed = true;
      await Promise.all([...slots.values()].map((slot) => slot.tail));
    },
  };
}

/**
 * The registry, with `onLoad(name)` called once each time a document is
 * loaded (not when an open finds it in memory): where the server reconciles
 * a meeting it has not seen since it started (CONS-7).
 *
 * @example
 * const registry = withLoadHook(createDocumentRegistry(options), (room) => consequences.afterLoad(room));
 */
export function withLoadHook(
  registry: DocumentRegistry,
  onLoad: (name: string) => void,
): DocumentRegistry {
  return {
    ...registry,
    open(name) {
      const fresh = !registry.isLoaded(name);
      const handle = registry.open(name);
      if (fresh)
        handle.ready.then(
          () => onLoad(name),
          () => undefined,
        );
      return handle;
    },
  };
}
