import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import {
  foldMeeting,
  listAgenda,
  listPeople,
  nextStep,
  readDecision,
  readLog,
  readProposal,
  recordOutcome,
  recordPosition,
  spaceDecisions,
  spaceMeetings,
  spaceProposals,
  startMeeting,
  type MeetingEvent,
  type MeetingState,
} from '@ronde/domain';
import * as Y from 'yjs';
import { afterEach, describe, expect, it } from 'vitest';
import { verifyDecisionExport } from '../src/cli/verifyDecision.ts';
import type { ServerDeps } from '../src/server.ts';
import { openSqliteStorage } from '../src/sqliteStorage.ts';
import type { Storage } from '../src/storage.ts';
import {
  api,
  connectWithToken,
  createSpaceOverHttp,
  rawClient,
  startServer,
  tempDir,
  waitFor,
  type RawClient,
} from './helpers.ts';
import {
  encodeEvent,
  invited,
  refusals,
  syncPath,
  withDeviceKey,
  type Member,
} from './hostileKit.ts';
import { seedMeeting, timesWritten, withDoc, type SeededMeeting } from './meetingFixture.ts';

const SECRET = 'decisions-test-secret-0123456789abcdef';
const SERVER_DIR = fileURLToPath(new URL('..', import.meta.url));

type Started = Awaited<ReturnType<typeof startServer>>;

/** The server writes every decision (SPEC CONS), with the real sync path for events. */
describe('decisions are written by the server', () => {
  const cleanups: (() => Promise<void> | void)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  async function server(dataDir?: string, deps: ServerDeps = {}): Promise<Started> {
    let path = dataDir;
    if (path === undefined) {
      const dir = tempDir('ronde-decisions-');
      cleanups.push(dir.remove);
      path = dir.path;
    }
    const started = await startServer(path, { auth: 'required', secret: SECRET }, deps);
    cleanups.push(() => started.close());
    return started;
  }

  /** A space whose admin and an invited facilitator run a meeting with two members. */
  async function meetingOn(s: Started) {
    const admin = await withDeviceKey(s.port, await createSpaceOverHttp(s.port));
    const fay = await invited(s.port, admin, 'facilitator', 'Fay');
    const ana = await invited(s.port, admin, 'member', 'Ana');
    const ben = await invited(s.port, admin, 'member', 'Ben');
    const cast = { fac1: admin.userId, fac2: fay.userId, ana: ana.userId, ben: ben.userId };
    const meeting = await seedMeeting(s.registry, { spaceId: admin.spaceId, cast });
    return { admin, fay, ana, ben, meeting };
  }

  const state = (s: Started, meeting: SeededMeeting): Promise<MeetingState> =>
    withDoc(s.registry, meeting.room, ({ doc }) =>
      foldMeeting(readLog(doc), { agenda: listAgenda(doc), people: listPeople(doc) }),
    );
  const logged = (s: Started, meeting: SeededMeeting, id: string): Promise<boolean> =>
    withDoc(s.registry, meeting.room, ({ doc }) =>
      readLog(doc).some((e) => (e as { id?: unknown }).id === id),
    );

  /** A member's meeting socket, sending signed events as the web app does (message 5). */
  async function socketOf(s: Started, meeting: SeededMeeting, member: Member) {
    const client: RawClient = rawClient(s.port, syncPath(meeting.room, member.token));
    cleanups.push(() => client.socket.terminate());
    await client.opened;
    const build = async <A extends unknown[]>(
      command: (state: MeetingState, by: string, at: number, ...args: A) => MeetingEvent,
      ...args: A
    ) =>
      member.sign(
        meeting.room,
        command(await state(s, meeting), member.userId, Date.now(), ...args),
      );
    const send = async (event: MeetingEvent): Promise<void> => {
      client.socket.send(encodeEvent(event));
      await waitFor(async () => {
        const refused = refusals(client).find((r) => r.id === event.id);
        if (refused) throw new Error(`refused: ${refused.code} ${refused.detail}`);
        return logged(s, meeting, event.id);
      }, `${event.type} in the log`);
    };
    return {
      client,
      build,
      send,
      async act<A extends unknown[]>(
        command: (state: MeetingState, by: string, at: number, ...args: A) => MeetingEvent,
        ...args: A
      ) {
        const event = await build(command, ...args);
        await send(event);
        return event;
      },
    };
  }

  /** A member's stock clients of the space and proposal rooms: what their screens would show. */
  function reader(s: Started, meeting: SeededMeeting, member: Member) {
    const space = connectWithToken(s.port, meeting.spaceRoom, member.token);
    const proposal = connectWithToken(s.port, meeting.proposalRoom, member.token);
    cleanups.push(() => space.provider.destroy());
    cleanups.push(() => proposal.provider.destroy());
    return {
      space: space.doc,
      proposalStatus: () => readProposal(proposal.doc)?.status,
      indexed: () => spaceProposals(space.doc).get(meeting.proposalId)?.get('status'),
      listed: () => spaceMeetings(space.doc).get(meeting.meetingId)?.get('status'),
    };
  }

  it('CONS-1 the facilitator’s client is gone right after the outcome: the server writes the entry, the statuses follow (CONS-3, CONS-4), and the export verifies', async () => {
    const s = await server();
    const { admin, fay, ana, ben, meeting } = await meetingOn(s);
    const seen = reader(s, meeting, ben);
    const fac = await socketOf(s, meeting, admin);
    await fac.act(startMeeting);
    await waitFor(() => seen.listed() === 'live', 'the meeting listed live');
    expect(seen.proposalStatus()).toBe('draft');
    await fac.act(nextStep);
    await waitFor(() => seen.proposalStatus() === 'in-consent', 'the proposal in consent');
    await waitFor(() => seen.indexed() === 'in-consent', 'the index in consent');
    for (let i = 0; i < 4; i++) await fac.act(nextStep);
    await (await socketOf(s, meeting, ana)).act(recordPosition, { value: 'consent' });
    await (await socketOf(s, meeting, ben)).act(recordPosition, { value: 'consent' });
    await fac.act(nextStep);

    const outcome = await fac.act(recordOutcome, 'adopted', '2027-01-01');
    fac.client.socket.terminate(); // gone: nobody but the server writes from here
    await waitFor(() => readDecision(seen.space, outcome.id), 'the entry on a member’s screen');
    expect(readDecision(seen.space, outcome.id)).toMatchObject({
      outcome: 'adopted',
      decidedBy: admin.userId,
      recordedBy: admin.userId,
      proposalId: meeting.proposalId,
    });
    await waitFor(() => seen.proposalStatus() === 'adopted', 'the proposal adopted');
    await waitFor(() => seen.indexed() === 'adopted', 'the index adopted');
    const other = await socketOf(s, meeting, fay);
    await other.act(nextStep);
    await other.act(nextStep);
    await waitFor(() => seen.listed() === 'ended', 'the meeting listed ended');
    await withDoc(s.registry, meeting.spaceRoom, ({ doc }) => {
      expect([...spaceDecisions(doc).keys()]).toEqual([outcome.id]);
      expect(timesWritten(spaceDecisions(doc), outcome.id)).toBe(1);
    });

    // CONS-10, CONS-11: what a member downloads checks out offline.
    const exported = await api(
      s.port,
      'GET',
      `/api/spaces/${meeting.spaceId}/decisions/${outcome.id}/export`,
      { token: ben.token },
    );
    expect(exported.status).toBe(200);
    expect(verifyDecisionExport(exported.body)).toMatchObject({ ok: true, failures: [] });
  });

  it('CONS-2 two facilitators record outcomes at once: only the applied one gets an entry', async () => {
    const s = await server();
    const { admin, fay, ana, meeting } = await meetingOn(s);
    const [fac1, fac2] = [await socketOf(s, meeting, admin), await socketOf(s, meeting, fay)];
    await fac1.act(startMeeting);
    for (let i = 0; i < 5; i++) await fac1.act(nextStep);
    await (await socketOf(s, meeting, ana)).act(recordPosition, { value: 'consent' });
    await fac1.act(nextStep);
    const adopted = await fac1.build(recordOutcome, 'adopted', '2027-01-01');
    const rejected = await fac2.build(recordOutcome, 'rejected', null);
    await Promise.all([fac1.send(adopted), fac2.send(rejected)]);
    const results = (await state(s, meeting)).results.filter((r) => r.type === 'outcome.record');
    const applied = results.find((r) => r.status === 'applied');
    expect(results).toHaveLength(2); // both appended; the fold applies the first only
    expect(results.filter((r) => r.status === 'applied')).toHaveLength(1);
    const seen = reader(s, meeting, ana);
    await waitFor(() => spaceDecisions(seen.space).size === 1, 'one entry');
    expect([...spaceDecisions(seen.space).keys()]).toEqual([applied?.id]);
    const expected = applied?.id === adopted.id ? 'adopted' : 'rejected';
    await waitFor(() => seen.proposalStatus() === expected, `the proposal ${expected}`);
    await s.consequences.afterAppend(meeting.room); // once more: still one
    await withDoc(s.registry, meeting.spaceRoom, ({ doc }) => {
      expect(spaceDecisions(doc).size).toBe(1);
      expect(timesWritten(spaceDecisions(doc), applied?.id ?? '')).toBe(1);
    });
  });

  it('CONS-5 an outcome marks its meeting pending before it is appended to the log', async () => {
    const dir = tempDir('ronde-decisions-order-');
    cleanups.push(dir.remove);
    const storage = await openSqliteStorage(dir.path);
    const calls: string[] = [];
    const recording: Storage = {
      ...storage,
      append: (room, update) => {
        calls.push(`append ${room}`);
        return storage.append(room, update);
      },
      markPending: (room) => {
        calls.push(`mark ${room}`);
        return storage.markPending(room);
      },
    };
    const s = await server(dir.path, { storage: recording });
    const { admin, ana, meeting } = await meetingOn(s);
    const fac = await socketOf(s, meeting, admin);
    await fac.act(startMeeting);
    for (let i = 0; i < 5; i++) await fac.act(nextStep);
    await (await socketOf(s, meeting, ana)).act(recordPosition, { value: 'consent' });
    await fac.act(nextStep);
    calls.length = 0;
    await fac.act(recordOutcome, 'adopted', '2027-01-01');
    const firstAppend = calls.indexOf(`append ${meeting.room}`);
    expect(firstAppend).toBeGreaterThan(0);
    expect(calls.slice(0, firstAppend)).toContain(`mark ${meeting.room}`);
  });

  it('CONS-5 a server killed between the outcome and the entry writes it once after restart', async () => {
    const dir = tempDir('ronde-decisions-kill-');
    cleanups.push(dir.remove);
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', 'test/consequencesCrashChild.ts', dir.path],
      { cwd: SERVER_DIR, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    cleanups.push(() => void (child.exitCode === null && child.kill('SIGKILL')));
    let out = '';
    let err = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
    const exited = new Promise<NodeJS.Signals | null>((resolve) =>
      child.on('exit', (_code, signal) => resolve(signal)),
    );
    const line = await waitFor(
      () => {
        if (child.exitCode !== null) throw new Error(`the child exited: ${err}`);
        return out.split('\n').find((l) => l.includes('"stalled"'));
      },
      'the child to stall before the entry',
      20_000,
    );
    const { meeting, outcomeId } = JSON.parse(line) as {
      meeting: SeededMeeting;
      outcomeId: string;
    };
    child.kill('SIGKILL');
    expect(await exited).toBe('SIGKILL');

    // On disk: the meeting pending, the proposal adopted, no entry.
    const disk = await openSqliteStorage(dir.path);
    expect(await disk.listPending()).toEqual([meeting.room]);
    const spaceOnDisk = new Y.Doc();
    for (const update of await disk.load(meeting.spaceRoom)) Y.applyUpdate(spaceOnDisk, update);
    expect(readDecision(spaceOnDisk, outcomeId)).toBeNull();
    await disk.close();

    const s = await server(dir.path); // resumePending at start
    await waitFor(
      () => withDoc(s.registry, meeting.spaceRoom, ({ doc }) => readDecision(doc, outcomeId)),
      'the entry written after the restart',
    );
    await withDoc(s.registry, meeting.spaceRoom, ({ doc }) => {
      expect(readDecision(doc, outcomeId)?.outcome).toBe('adopted');
      expect(timesWritten(spaceDecisions(doc), outcomeId)).toBe(1);
      expect(spaceProposals(doc).get(meeting.proposalId)?.get('status')).toBe('adopted');
    });
    await s.consequences.afterAppend(meeting.room);
    await withDoc(s.registry, meeting.spaceRoom, ({ doc }) =>
      expect(timesWritten(spaceDecisions(doc), outcomeId)).toBe(1),
    );
    await s.close();
    const after = await openSqliteStorage(dir.path);
    expect(await after.listPending()).toEqual([]);
    await after.close();
  });
});
