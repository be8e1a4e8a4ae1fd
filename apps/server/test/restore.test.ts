import { cpSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import {
  addAgendaItem,
  initMeeting,
  joinMeeting,
  newId,
  nextStep,
  readLog,
  recordPosition,
  roomName,
  startMeeting,
  type MeetingEvent,
} from '@ronde/domain';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { CLOSE_CODES } from '../src/limits.ts';
import { createSpaceOverHttp, rawClient, startServer, tempDir, waitFor } from './helpers.ts';
import {
  deniedReasons,
  encodeEvent,
  fold,
  foldSummary,
  honest,
  hostile,
  invited,
  refusals,
  stored,
  syncPath,
  withDeviceKey,
  type Member,
} from './hostileKit.ts';

const SECRET = 'restore-test-secret-0123456789-abcdefgh';

/**
 * A server restored from a backup taken mid-meeting (SPEC EVT-5): every
 * client's copy holds log entries the server lost; their updates are refused
 * (4409, WRITE-3) — and re-submitting the signed events the server lacks, in
 * the client's log order, brings the meeting back, others' events included.
 */
describe('restore from a backup taken mid-meeting', () => {
  const cleanups: Array<() => Promise<void> | void> = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  it('EVT-5 a client re-uploads the signed events the restored server lacks; nothing is lost', async () => {
    const dir = tempDir('ronde-restore-');
    cleanups.push(dir.remove);
    const data = join(dir.path, 'data');
    const backup = join(dir.path, 'backup');
    let server = await startServer(data, { auth: 'required', secret: SECRET });
    cleanups.push(() => server.close());
    const port = server.port;
    const admin: Member = await withDeviceKey(port, await createSpaceOverHttp(port));
    const bea = await invited(port, admin, 'member', 'Bea');
    const room = roomName({ spaceId: admin.spaceId, kind: 'meeting', id: newId() });
    let clock = 1_700_000_000_000;

    const setup = await honest(port, room, admin);
    initMeeting(setup.doc, {
      id: room.split('/')[2] as string,
      spaceId: admin.spaceId,
      title: 'Restored',
      circleId: 'circle01',
      kind: 'governance',
      startsAt: clock,
      createdBy: admin.userId,
      now: clock,
    });
    joinMeeting(setup.doc, { id: admin.userId, name: 'Ada', role: 'facilitator', now: clock });
    addAgendaItem(setup.doc, {
      id: newId(),
      kind: 'proposal',
      title: 'Tools',
      proposalId: newId(),
      process: 'consent',
      createdBy: admin.userId,
      now: clock,
    });
    const beaJoins = await honest(port, room, bea);
    joinMeeting(beaJoins.doc, { id: bea.userId, name: 'Bea', now: clock + 1 });
    await waitFor(
      async () => (await stored(port, room, admin)).getMap('people').has(bea.userId),
      'Bea joined',
    );
    beaJoins.provider.destroy();
    setup.provider.destroy();

    async function act(
      member: Member,
      command: (state: ReturnType<typeof fold>, by: string, at: number) => MeetingEvent,
    ): Promise<void> {
      const event = command(fold(await stored(port, room, admin)), member.userId, (clock += 1000));
      const client = rawClient(port, syncPath(room, member.token));
      await client.opened;
      client.socket.send(encodeEvent(member.sign(room, event)));
      await waitFor(async () => {
        if (refusals(client).length > 0) throw new Error(JSON.stringify(refusals(client)));
        return readLog(await stored(port, room, admin)).some(
          (e) => (e as { id: string }).id === event.id,
        );
      }, `${event.type} stored`);
      client.socket.terminate();
    }

    await waitFor(
      async () => (await stored(port, room, admin)).getMap('agenda').size === 1,
      'agenda',
    );
    await act(admin, startMeeting);
    await act(admin, nextStep);

    // The backup, taken mid-meeting (the server stopped, its data copied).
    await server.close();
    cpSync(data, backup, { recursive: true });
    server = await startServer(data, { auth: 'required', secret: SECRET, port });

    for (let i = 0; i < 4; i++) await act(admin, nextStep);
    await act(bea, (state, by, at) => recordPosition(state, by, at, { value: 'consent' }));
    const client = await stored(port, room, admin); // Ada's copy: the whole meeting
    const before = foldSummary(client);
    const fullLog = readLog(client) as Array<MeetingEvent & { kid: string; sig: string }>;
    expect(fullLog.length).toBe(7);

    // The restore.
    await server.close();
    rmSync(data, { recursive: true, force: true });
    cpSync(backup, data, { recursive: true });
    server = await startServer(data, { auth: 'required', secret: SECRET, port });
    expect(readLog(await stored(port, room, admin))).toHaveLength(2);

    // Ada's copy, sent as is, is refused: it holds log entries the server lacks.
    const stale = await hostile(port, room, admin, new Y.Doc());
    stale.send((await import('../src/protocol.ts')).encodeUpdate(Y.encodeStateAsUpdate(client)));
    expect((await stale.client.closed).code).toBe(CLOSE_CODES.writeRefused);
    expect(deniedReasons(stale.client).join(' ')).toContain('WRITE-3');

    // Recovery: a fresh copy from the server, then the signed events it lacks, in order.
    const fresh = await stored(port, room, admin);
    const known = new Set(readLog(fresh).map((e) => (e as { id: string }).id));
    const missing = fullLog.filter((event) => !known.has(event.id));
    expect(missing.map((e) => e.by)).toContain(bea.userId); // someone else's events too
    const uploader = rawClient(port, syncPath(room, admin.token));
    await uploader.opened;
    for (const event of missing) uploader.socket.send(encodeEvent(event));
    await waitFor(
      async () => readLog(await stored(port, room, admin)).length === fullLog.length,
      'every event back',
    );
    expect(refusals(uploader)).toEqual([]);
    const restored = await stored(port, room, admin);
    expect(readLog(restored).map((e) => (e as { id: string }).id)).toEqual(
      fullLog.map((e) => e.id),
    );
    expect(foldSummary(restored)).toEqual(before);
    uploader.socket.terminate();
  }, 60_000);
});
