import { governanceLog, spaceDecisions } from '@ronde/domain';
import { afterEach, expect } from 'vitest';
import type * as Y from 'yjs';
import { createConsequences, withLoadHook, type Consequences } from '../src/consequences.ts';
import { createDocumentRegistry, type DocumentRegistry } from '../src/documents.ts';
import type { EntryWithGovernance } from '../src/governanceConsequences.ts';
import { memoryLogger } from '../src/log.ts';
import { createMemoryStorage } from '../src/memoryStorage.ts';
import type { Storage } from '../src/storage.ts';
import { withDoc, type SeededMeeting } from './meetingFixture.ts';

/** Test fixtures for the server's consequences runs (server SPEC CONS, GOVSRV, ELECTSRV). */

export interface StartedConsequences {
  readonly registry: DocumentRegistry;
  readonly consequences: Consequences;
  readonly log: ReturnType<typeof memoryLogger>;
}

/**
 * For a `describe` block: `start` opens a document registry on a storage and
 * the consequences on it, as the server does (its clock fixed at 42); each
 * is closed after its test, the last started first. `onLoad` also runs the
 * consequences when a document loads, as the server's load hook does.
 *
 * @example
 * const { start } = consequencesHarness();
 * it('…', async () => {
 *   const s = start(createMemoryStorage());
 * });
 */
export function consequencesHarness(): {
  start: (storage: Storage, options?: { readonly onLoad?: boolean }) => StartedConsequences;
} {
  const cleanups: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  function start(storage: Storage, { onLoad = false } = {}): StartedConsequences {
    const log = memoryLogger('debug');
    let consequences: Consequences | null = null;
    const inner = createDocumentRegistry({
      storage,
      log,
      unloadGraceMs: 60_000,
      compactAfterUpdates: 1000,
      compactAfterBytes: 1 << 24,
    });
    const registry = onLoad ? withLoadHook(inner, (room) => consequences?.afterLoad(room)) : inner;
    consequences = createConsequences({ registry, storage, log, now: () => 42 });
    const made = consequences;
    cleanups.push(async () => {
      await made.close();
      await registry.close();
    });
    return { registry, consequences, log };
  }
  return { start };
}

/** A memory storage for a restart test: its space writes fail when told to. */
export interface SpaceWritesFailing {
  /** The storage to start with. */
  readonly storage: Storage;
  /** The memory storage underneath, with its logs and pending marks. */
  readonly memory: ReturnType<typeof createMemoryStorage>;
  /** From now on every append to a space document throws ("disk gone"). */
  failSpaceWrites(): void;
  /** A storage on the same logs and pending marks, as the server finds them after a restart. */
  restarted(): Storage;
}

/**
 * A memory storage whose appends to space documents can be made to fail, so
 * a consequences run stops after marking its meeting pending.
 *
 * @example
 * const disk = spaceWritesFailing();
 * const first = start(disk.storage);
 * disk.failSpaceWrites();
 * const second = start(disk.restarted());
 */
export function spaceWritesFailing(): SpaceWritesFailing {
  const memory = createMemoryStorage();
  let failSpace = false;
  const storage: Storage = {
    ...memory,
    append: async (name, update) => {
      if (failSpace && name.includes('/space/')) throw new Error('disk gone');
      return memory.append(name, update);
    },
  };
  return {
    storage,
    memory,
    failSpaceWrites: () => {
      failSpace = true;
    },
    restarted: () => createMemoryStorage(memory.logs, memory.pending),
  };
}

/**
 * A restart test's second half: the run after the outcome `outcomeId` fails
 * to store its space write; the server closes and starts again on the same
 * storage, where nothing of the decision's changes is written yet; the run
 * is resumed, then repeated twice. Returns the space document after.
 *
 * @example
 * const doc = await rerunAfterRestart({ start, disk, first, meeting: m, outcomeId: outcome.id });
 * expect(timesWritten(governanceLog(doc), outcome.id)).toBe(1);
 */
export async function rerunAfterRestart({
  start,
  disk,
  first,
  meeting,
  outcomeId,
}: {
  readonly start: (storage: Storage) => StartedConsequences;
  readonly disk: SpaceWritesFailing;
  readonly first: StartedConsequences;
  readonly meeting: SeededMeeting;
  readonly outcomeId: string;
}): Promise<Y.Doc> {
  disk.failSpaceWrites();
  await first.consequences.afterAppend(meeting.room); // the space write is not stored
  await first.consequences.close();
  await first.registry.close();

  const second = start(disk.restarted());
  expect(governanceLog(await spaceDoc(second, meeting)).has(outcomeId)).toBe(false);
  await second.consequences.resumePending();
  await second.consequences.afterAppend(meeting.room);
  await second.consequences.afterAppend(meeting.room);
  return spaceDoc(second, meeting);
}

/** The seeded meeting's space document, as the registry holds it. */
export const spaceDoc = (
  s: Pick<StartedConsequences, 'registry'>,
  m: Pick<SeededMeeting, 'spaceRoom'>,
): Promise<Y.Doc> => withDoc(s.registry, m.spaceRoom, ({ doc }) => doc);

/** A decision entry as the server stored it, with what it applied to the governance records. */
export const storedEntry = (doc: Y.Doc, id: string): EntryWithGovernance | undefined =>
  spaceDecisions(doc).get(id) as EntryWithGovernance | undefined;
