import 'fake-indexeddb/auto';
import { meetingLog, nextStep, type MeetingEvent } from '@ronde/domain';
import { render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { DeviceKeyInfo } from '../api/trust.ts';
import { configureKeyStore, deviceKeyFor } from '../identity/deviceKey.ts';
import { configureDeviceRegistration } from '../identity/deviceRegistration.ts';
import { memoryKeyStore } from '../identity/keyStore.ts';
import { SubmitRefusalNote } from '../process/SubmitRefusalNote.tsx';
import { testMeeting } from '../process/testMeeting.ts';
import { readMeetingState } from '../process/useMeetingState.ts';
import { useSession } from '../state/session.ts';
import { configureKeyDirectory, keyDirectory } from './deviceDirectory.ts';
import { pendingEvents, submitEvent } from './eventChannel.ts';
import { encodeEventRefused } from './eventWire.ts';
import { FakeWebSocket } from './fakeWebSocket.ts';
import { serverSend, submittedEvents, syncStep2, syncUpdate } from './fakeSyncServer.ts';
import { verifyEntry } from './logVerifier.ts';
import { closeAllRooms, configureRooms, openDoc } from './openDoc.ts';
import { clearRefusals, refusalOf } from './submitRefusals.ts';

const ROOM = 'space001/meeting/meet0001';
const ME = 'fac00001';

function member(role: 'member' | 'observer') {
  return {
    userId: ME,
    key: 'secret',
    role,
    name: 'Awa',
    token: 'token',
    expiresAt: Date.now() + 3_600_000,
    receivedAt: Date.now(),
  };
}

/** The socket opened after `before` sockets, once it exists. */
async function nextSocket(before: number): Promise<FakeWebSocket> {
  await expect.poll(() => FakeWebSocket.instances.length).toBeGreaterThan(before);
  return FakeWebSocket.latest();
}

/** Opens the latest socket and answers its sync with the server's copy. */
async function connect(server: Y.Doc): Promise<FakeWebSocket> {
  const ws = await nextSocket(0);
  ws.open();
  serverSend(ws, syncStep2(server));
  return ws;
}

function anEvent(id: string): MeetingEvent {
  const state = readMeetingState(testMeeting().doc);
  return { ...nextStep(state, ME, 1_700_000_000_000), id };
}

describe('event submission (message 5) and refusals (message 6)', () => {
  let registered: DeviceKeyInfo[];
  beforeEach(() => {
    FakeWebSocket.instances = [];
    registered = [];
    useSession.setState({ memberships: { space001: member('member') } });
    configureRooms({
      url: 'ws://test/sync',
      WebSocket: FakeWebSocket as unknown as typeof WebSocket,
    });
    configureKeyStore(memoryKeyStore());
    configureDeviceRegistration(async (_spaceId, _token, publicKey) => {
      const { key } = await deviceKeyFor('space001', ME);
      registered.push({ keyId: key.keyId, userId: ME, publicKey, addedAt: 0 });
    });
    configureKeyDirectory(async () => registered);
    clearRefusals();
  });
  afterEach(() => {
    closeAllRooms();
    configureDeviceRegistration(null);
    configureKeyDirectory(null);
  });

  it('signs an event, sends it once synced, sends it again on reconnect, and drops it once in the log', async () => {
    const server = new Y.Doc();
    const { room } = openDoc(ROOM);
    const event = anEvent('evt00001');
    await submitEvent(room.doc, event);
    expect(meetingLog(room.doc).length).toBe(0); // never written locally
    const first = await connect(server);
    await expect.poll(() => submittedEvents(first).length).toBe(1);
    const sent = submittedEvents(first)[0]!;
    const { key } = await deviceKeyFor('space001', ME);
    expect(sent).toMatchObject({ ...event, kid: key.keyId });
    expect(await verifyEntry(ROOM, sent, keyDirectory('space001'))).toBe(true);

    first.fail(1006);
    const second = await nextSocket(1);
    second.open();
    serverSend(second, syncStep2(server));
    await expect.poll(() => submittedEvents(second).map((e) => e.id)).toEqual(['evt00001']);

    // The server appends it; the client sees it in the log and forgets it.
    const before = Y.encodeStateVector(server);
    meetingLog(server).push([sent as unknown as MeetingEvent]);
    serverSend(second, syncUpdate(Y.encodeStateAsUpdate(server, before)));
    expect(pendingEvents(ROOM)).toEqual([]);
    expect(meetingLog(room.doc).length).toBe(1);
  });

  it('drops a refused event and says why in words; a duplicate id is no refusal', async () => {
    const server = new Y.Doc();
    const { room } = openDoc(ROOM);
    const ws = await connect(server);
    await submitEvent(room.doc, anEvent('evt00002'));
    await submitEvent(room.doc, anEvent('evt00003'));
    await expect.poll(() => submittedEvents(ws).length).toBe(2);
    serverSend(ws, encodeEventRefused('evt00002', 'not-author', 'by is not you'));
    serverSend(ws, encodeEventRefused('evt00003', 'duplicate-id', 'already in the log'));
    expect(pendingEvents(ROOM)).toEqual([]);
    expect(refusalOf('evt00002')?.code).toBe('not-author');
    expect(refusalOf('evt00003')).toBeNull();
    render(<SubmitRefusalNote doc={room.doc} />);
    expect(screen.getByRole('alert').textContent).toContain(
      'Not recorded: it was sent in someone else’s name.',
    );
    expect(screen.getByRole('button', { name: 'Dismiss' })).toBeTruthy();
  });

  it('words the refusals of an event dated ahead (EVT-8) and of a spent daily share (QUOTA-3)', async () => {
    const server = new Y.Doc();
    const { room } = openDoc(ROOM);
    const ws = await connect(server);
    await submitEvent(room.doc, anEvent('evt00004'));
    await expect.poll(() => submittedEvents(ws).length).toBe(1);
    serverSend(ws, encodeEventRefused('evt00004', 'clock', 'dated 3600 s ahead'));
    expect(refusalOf('evt00004')?.code).toBe('clock');
    const { unmount } = render(<SubmitRefusalNote doc={room.doc} />);
    const alerts = (): string[] => screen.getAllByRole('alert').map((a) => a.textContent ?? '');
    expect(alerts()).toContainEqual(
      expect.stringContaining(
        'Not recorded: it was dated ahead of the server’s time; reload the page and try again.',
      ),
    );
    unmount();
    await submitEvent(room.doc, anEvent('evt00005'));
    await expect.poll(() => submittedEvents(ws).length).toBe(2);
    serverSend(
      ws,
      encodeEventRefused('evt00005', 'daily-quota', 'quota: … a day into this document'),
    );
    render(<SubmitRefusalNote doc={room.doc} />);
    expect(alerts()).toContainEqual(expect.stringContaining('try again tomorrow'));
  });

  it('refuses an observer’s event locally: nothing is sent', async () => {
    useSession.setState({ memberships: { space001: member('observer') } });
    const server = new Y.Doc();
    const { room } = openDoc(ROOM);
    const ws = await connect(server);
    await submitEvent(room.doc, anEvent('evt00004'));
    expect(refusalOf('evt00004')?.code).toBe('read-only');
    expect(submittedEvents(ws)).toEqual([]);
    expect(pendingEvents(ROOM)).toEqual([]);
  });

  it('registers the key again and resends once when the server answers unknown-key', async () => {
    const server = new Y.Doc();
    const { room } = openDoc(ROOM);
    const ws = await connect(server);
    await submitEvent(room.doc, anEvent('evt00005'));
    await expect.poll(() => submittedEvents(ws).length).toBe(1);
    const registrations = registered.length;
    serverSend(ws, encodeEventRefused('evt00005', 'unknown-key', 'no such key'));
    await expect.poll(() => submittedEvents(ws).length).toBe(2);
    expect(registered.length).toBe(registrations + 1);
    expect(refusalOf('evt00005')).toBeNull();
    // A second unknown-key is final.
    serverSend(ws, encodeEventRefused('evt00005', 'unknown-key', 'no such key'));
    expect(refusalOf('evt00005')?.code).toBe('unknown-key');
  });
});
