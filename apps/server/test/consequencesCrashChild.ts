/**
 * A server process that dies between an outcome and its decision entry
 * (run by decisions.test.ts, then killed with SIGKILL): it stores a meeting
 * up to an adopted outcome in SQLite under `argv[2]`, starts its
 * consequences, and stalls forever in the store of the space document,
 * after the pending mark and the proposal's status are on disk. It prints
 * one JSON line `{"msg":"stalled", meeting, outcomeId}` once stalled.
 */
import { createConsequences } from '../src/consequences.ts';
import { createDocumentRegistry } from '../src/documents.ts';
import { createLogger } from '../src/log.ts';
import { openSqliteStorage } from '../src/sqliteStorage.ts';
import type { Storage } from '../src/storage.ts';
import { adopt, meetingDriver, seedMeeting, toOutcomeStep } from './meetingFixture.ts';

const dataDir = process.argv[2];
if (!dataDir) throw new Error('usage: consequencesCrashChild.ts <dataDir>');
const sqlite = await openSqliteStorage(dataDir);
let stallSpace = false;
let report = (): void => {};
const storage: Storage = {
  ...sqlite,
  append: async (name, update) => {
    if (stallSpace && name.includes('/space/')) {
      report();
      await new Promise(() => {}); // the kill comes here
    }
    return sqlite.append(name, update);
  },
};
const log = createLogger('silent');
const registry = createDocumentRegistry({
  storage,
  log,
  unloadGraceMs: 60_000,
  compactAfterUpdates: 1000,
  compactAfterBytes: 1 << 24,
});
const meeting = await seedMeeting(registry);
const driver = meetingDriver(registry, meeting);
await toOutcomeStep(driver);
const consequences = createConsequences({ registry, storage, log });
await consequences.afterAppend(meeting.room); // in consent, live: all stored
const outcome = await adopt(driver);
stallSpace = true;
report = () =>
  process.stdout.write(`${JSON.stringify({ msg: 'stalled', meeting, outcomeId: outcome.id })}\n`);
void consequences.afterAppend(meeting.room);
