import {
  SERVER_AUTHOR,
  consentLog,
  foldAsyncConsent,
  newId,
  parseRoomName,
  readConsentLog,
  type AsyncConsentState,
} from '@ronde/domain';
import { writeAsyncConsequences } from './asyncConsentConsequences.ts';
import { freezeText, unfreezeText } from './asyncConsentText.ts';
import type { DocumentRegistry } from './documents.ts';
import type { Logger } from './log.ts';
import type { Storage } from './storage.ts';

export interface AsyncConsentsOptions {
  readonly registry: Pick<DocumentRegistry, 'open'>;
  readonly storage: Pick<Storage, 'markPending' | 'clearPending' | 'listPending'>;
  readonly log: Logger;
  /** The server's clock (tests inject one). */
  readonly now?: () => number;
  /** Runs a consent's run while no other instance runs one for it (PostgreSQL advisory lock). */
  readonly exclusive?: <T>(key: string, run: () => Promise<T>) => Promise<T>;
  /** How long to wait before retrying a run that failed (default 30 s). */
  readonly retryMs?: number;
  /**
   * How often pending consents without a timer here are looked at (default
   * 60 s): in a cluster, a consent opened on an instance that stopped is
   * decided by another one.
   */
  readonly sweepMs?: number;
}

export interface AsyncConsents {
  /** After the server appended a consent event: write what follows, (re)schedule its deadline. */
  afterAppend(room: string): Promise<void>;
  /** At startup: every consent still pending is run (decided now if its deadline passed). */
  resumePending(): Promise<void>;
  /** Stops the timers and waits for runs in flight; pending marks stay for the next start. */
  close(): Promise<void>;
}

/** setTimeout's longest delay; a later deadline is re-checked when it fires. */
const MAX_TIMER_MS = 2_147_483_647;

/**
 * The server decides every asynchronous consent at its deadline (server SPEC
 * ACONS-10…12). An open consent keeps a durable pending mark from its
 * opening until its consequences are written; each run, one at a time per
 * consent and under a cluster-wide lock, appends the server's deadline
 * entry once the deadline passed (re-checked inside the write, so two
 * instances or two timers close it once), writes the consequences, clears
 * the mark once closed and written, and otherwise arms a timer for the
 * deadline the log now says. At startup every pending consent is run: a
 * deadline that passed while the server was down is decided then.
 *
 * @example
 * const consents = createAsyncConsents({ registry, storage, log });
 * void consents.resumePending();
 */
export function createAsyncConsents(options: AsyncConsentsOptions): AsyncConsents {
  const { registry, storage, log } = options;
  const now = options.now ?? Date.now;
  const exclusive = options.exclusive ?? (<T>(_key: string, run: () => Promise<T>) => run());
  const retryMs = options.retryMs ?? 30_000;
  const isConsent = (room: string): boolean => parseRoomName(room)?.kind === 'consent';
  const tails = new Map<string, Promise<void>>();
  const timers = new Map<string, NodeJS.Timeout>();
  let closed = false;
  const sweep = setInterval(() => {
    void sweepPending();
  }, options.sweepMs ?? 60_000);
  sweep.unref();

  async function sweepPending(): Promise<void> {
    let rooms: string[];
    try {
      rooms = await storage.listPending();
    } catch (error) {
      log.error('cannot list pending consents', { error });
      return;
    }
    await Promise.all(
      rooms.filter((room) => isConsent(room) && !timers.has(room) && !tails.has(room)).map(run),
    );
  }

  function arm(room: string, delayMs: number): void {
    if (closed) return;
    clearTimeout(timers.get(room));
    const timer = setTimeout(
      () => {
        timers.delete(room);
        void run(room);
      },
      Math.min(Math.max(0, delayMs), MAX_TIMER_MS),
    );
    timer.unref();
    timers.set(room, timer);
  }

  async function once(room: string): Promise<void> {
    const state = await exclusive(`async:${room}`, async () => {
      await closeIfDue(room);
      return writeAsyncConsequences({ registry, room, now });
    });
    if (state === null || state.phase === 'empty') {
      // Nothing opened here (a refused opening left its mark): nothing to wait for.
      await storage.clearPending(room);
      return;
    }
    if (state.phase === 'closed') {
      clearTimeout(timers.get(room));
      timers.delete(room);
      await storage.clearPending(room);
      return;
    }
    arm(room, state.deadline - now());
  }

  /**
   * Appends the server's deadline entry if the deadline in force has passed
   * (ACONS-10). First the text is frozen (ACONS-15); if it is not the last
   * revision's, the server's revision entry goes before the deadline entry,
   * in the same write (ACONS-15, domain ASYNC-16).
   */
  async function closeIfDue(room: string): Promise<void> {
    const ref = parseRoomName(room);
    const handle = registry.open(room);
    try {
      const loaded = await handle.ready;
      const due = (state: AsyncConsentState): boolean =>
        state.phase === 'open' && now() >= state.deadline;
      const before = foldAsyncConsent(readConsentLog(loaded.doc));
      if (ref === null || !due(before)) return;
      const fresh = newId();
      const frozen = await freezeText(registry, ref, before.proposalId, fresh);
      let appended = false;
      await loaded.write((doc) => {
        const state = foldAsyncConsent(readConsentLog(doc));
        if (!due(state)) return;
        appended = true;
        const at = now();
        const entries: unknown[] = [];
        if (frozen !== null && frozen.digest !== state.digest) {
          entries.push({
            id: newId(),
            type: 'async.revision',
            by: SERVER_AUTHOR,
            at,
            expects: { revision: state.revision },
            digest: frozen.digest,
          });
        }
        const id = frozen?.closingId ?? newId();
        entries.push({ id, type: 'async.deadline', by: SERVER_AUTHOR, at });
        consentLog(doc).push(entries);
      });
      if (!appended) {
        // Closed meanwhile, or no longer due: the text is not being decided here.
        // Only a freeze this run set is lifted: an early close's stays until its outcome.
        if (frozen?.closingId === fresh) {
          await unfreezeText(registry, ref, before.proposalId, fresh);
        }
        return;
      }
      log.info('asynchronous consent decided at its deadline', { room });
    } finally {
      handle.release();
    }
  }

  function run(room: string): Promise<void> {
    if (closed) return Promise.resolve();
    const previous = tails.get(room) ?? Promise.resolve();
    const next = previous.then(() =>
      once(room).catch((error: unknown) => {
        log.error('asynchronous consent run failed; it stays pending', { room, error });
        arm(room, retryMs);
      }),
    );
    tails.set(room, next);
    void next.then(() => {
      if (tails.get(room) === next) tails.delete(room);
    });
    return next;
  }

  return {
    afterAppend(room) {
      return isConsent(room) ? run(room) : Promise.resolve();
    },
    resumePending: sweepPending,
    async close() {
      closed = true;
      clearInterval(sweep);
      for (const timer of timers.values()) clearTimeout(timer);
      timers.clear();
      await Promise.all([...tails.values()]);
    },
  };
}
