import 'fake-indexeddb/auto';
import { meetingLog, nextStep, type MeetingEvent } from '@ronde/domain';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { IndexeddbPersistence } from 'y-indexeddb';
import * as Y from 'yjs';
import { configureKeyStore } from '../identity/deviceKey.ts';
import { configureDeviceRegistration } from '../identity/deviceRegistration.ts';
import { memoryKeyStore } from '../identity/keyStore.ts';
import { testMeeting } from '../process/testMeeting.ts';
import { readMeetingState } from '../process/useMeetingState.ts';
import { useSession } from '../state/session.ts';
import { configureKeyDirectory } from './deviceDirectory.ts';
import { FakeWebSocket } from './fakeWebSocket.ts';
import { permissionDenied, serverSend, submittedEvents, syncStep2 } from './fakeSyncServer.ts';
import {
  closeAllRooms,
  configureRooms,
  openDoc,
  openRoomsStatus,
  peekDoc,
  subscribeRoom,
} from './openDoc.ts';
import { wasDenied } from './permissionDenied.ts';
import { dismissWriteRefusal, writeRefusals } from './writeRefusals.ts';

const ROOM = 'space001/meeting/meet0001';
const REASON = 'write refused (WRITE-2): the log is written by the server';

/** A signed-looking entry (the server checks signatures, not this client's recovery). */
function signed(id: string, by: string): MeetingEvent {
  const state = readMeetingState(testMeeting().doc);
  return {
    ...nextStep(state, by, 1_700_000_000_000),
    id,
    kid: 'k'.repeat(22),
    sig: 's'.repeat(86),
  } as MeetingEvent;
}

function serverWith(entries: readonly unknown[]): Y.Doc {
  const doc = new Y.Doc();
  meetingLog(doc).push(entries as MeetingEvent[]);
  return doc;
}

/** How many log entries the room's IndexedDB copy holds. */
async function storedLogLength(): Promise<number> {
  const probe = new Y.Doc();
  const persistence = new IndexeddbPersistence(ROOM, probe);
  await persistence.whenSynced;
  const length = meetingLog(probe).length;
  await persistence.destroy();
  return length;
}

async function nextSocket(before: number): Promise<FakeWebSocket> {
  await expect.poll(() => FakeWebSocket.instances.length).toBeGreaterThan(before);
  return FakeWebSocket.latest();
}

describe('recovery after a refused write (4409)', () => {
  beforeEach(() => {
    FakeWebSocket.instances = [];
    useSession.setState({
      memberships: {
        space001: {
          userId: 'fac00001',
          key: 'secret',
          role: 'member',
          name: 'Awa',
          token: 'token',
          expiresAt: Date.now() + 3_600_000,
          receivedAt: Date.now(),
        },
      },
    });
    configureRooms({
      url: 'ws://test/sync',
      WebSocket: FakeWebSocket as unknown as typeof WebSocket,
    });
    configureKeyStore(memoryKeyStore());
    configureDeviceRegistration(async () => ({}));
    configureKeyDirectory(async () => []);
  });
  afterEach(() => {
    closeAllRooms();
    for (const r of writeRefusals()) dismissWriteRefusal(r.room);
    configureDeviceRegistration(null);
    configureKeyDirectory(null);
  });

  it('drops the local copy, reopens from the server and re-submits the signed entries it lacks', async () => {
    const mine = signed('evt00001', 'fac00001');
    const theirs = signed('evt00002', 'fac00002');
    const unsigned = { ...signed('evt00003', 'fac00002'), kid: undefined, sig: undefined };
    // Before the restore, the server (and so this copy) held all three.
    const { room, release } = openDoc(ROOM);
    const swapped: string[] = [];
    const stop = subscribeRoom(ROOM, () => swapped.push('swap'));
    const first = await nextSocket(0);
    first.open();
    serverSend(first, syncStep2(serverWith([mine, theirs, JSON.parse(JSON.stringify(unsigned))])));
    expect(meetingLog(room.doc).length).toBe(3);
    // The local copy reaches IndexedDB before the server goes away.
    await expect.poll(storedLogLength).toBe(3);

    // Restored from a backup holding only the first entry: this copy's
    // update touches `log`, the server refuses it and closes with 4409.
    serverSend(first, permissionDenied(REASON));
    first.fail(4409);
    expect(wasDenied(room.provider)).toBe(false); // not an observer
    await expect.poll(() => swapped.length).toBe(1);
    expect(writeRefusals()).toEqual([
      { room: ROOM, reason: REASON, state: 'recovering', resent: 0 },
    ]);
    const fresh = peekDoc(ROOM);
    expect(fresh).not.toBe(room);
    // The fresh copy starts empty: the old one is gone from IndexedDB too.
    await expect.poll(() => fresh.load()).toBe('local');
    expect(meetingLog(fresh.doc).length).toBe(0);
    expect(await storedLogLength()).toBe(0);

    const second = await nextSocket(1);
    second.open();
    serverSend(second, syncStep2(serverWith([mine])));
    await expect.poll(() => submittedEvents(second).map((e) => e.id)).toEqual(['evt00002']);
    expect(submittedEvents(second)[0]).toEqual(JSON.parse(JSON.stringify(theirs)));
    expect(writeRefusals()[0]).toMatchObject({ state: 'recovered', resent: 1 });
    expect(openRoomsStatus()).toBe('synced');
    stop();
    release();
  });

  it('gives up when the fresh copy is refused again before it ever synced', async () => {
    openDoc(ROOM);
    const first = await nextSocket(0);
    first.open();
    serverSend(first, syncStep2(new Y.Doc()));
    first.fail(4409);
    const second = await nextSocket(1);
    second.open();
    serverSend(second, permissionDenied(REASON));
    second.fail(4409);
    await expect.poll(() => writeRefusals()[0]?.state).toBe('failed');
    expect(FakeWebSocket.instances).toHaveLength(2);
    expect(openRoomsStatus()).toBe('error');
  });

  it('keeps 4403 as "revoked", which a write refusal never is', async () => {
    openDoc(ROOM);
    const ws = await nextSocket(0);
    ws.open();
    ws.fail(4403);
    expect(openRoomsStatus()).toBe('revoked');
    expect(writeRefusals()).toEqual([]);
  });
});
