import {
  listDecisions,
  endTurn,
  linkAmendment,
  confirmAmendment,
  nextStep,
  readLog,
  recordOutcome,
  recordPosition,
  roomName,
  spaceRoom,
  startMeeting,
  startRound,
  testObjection,
  type MeetingEvent,
  type MeetingState,
} from '@ronde/domain';
import type { WebsocketProvider } from 'y-websocket';
import type * as Y from 'yjs';
import { afterEach, describe, expect, it } from 'vitest';
import { createMemoryStorage } from '../src/memoryStorage.ts';
import type { Storage } from '../src/storage.ts';
import { api, startServer, tempDir, waitFor, type Grant } from './helpers.ts';
import { encodeEvent, fold, honest, stored, withDeviceKey, type Member } from './hostileKit.ts';

type Started = Awaited<ReturnType<typeof startServer>>;

interface PracticeAnswer {
  id: string;
  member: { userId: string; key: string; role: string; name: string };
  session: { token: string };
  practice: {
    meetingId: string;
    proposalId: string;
    process: string;
    bots: { userId: string; name: string }[];
  };
}

/** The person who practises: the facilitator and proposer, through a stock client and signed events. */
interface Human {
  readonly member: Member;
  readonly doc: Y.Doc;
  readonly provider: WebsocketProvider;
  readonly room: string;
  readonly bots: readonly { userId: string; name: string }[];
  state(): MeetingState;
  act<A extends unknown[]>(
    command: (state: MeetingState, by: string, at: number, ...args: A) => MeetingEvent,
    ...args: A
  ): Promise<void>;
  until(what: string, check: (state: MeetingState) => boolean): Promise<MeetingState>;
}

async function practise(
  server: Started,
  process: 'consent' | 'idm',
): Promise<{ answer: PracticeAnswer; human: Human }> {
  const created = await api<PracticeAnswer>(server.port, 'POST', '/api/practice', {
    body: { process, language: 'en', memberName: 'Awa' },
  });
  expect(created.status).toBe(201);
  const answer = created.body;
  const grant: Grant = {
    spaceId: answer.id,
    userId: answer.member.userId,
    key: answer.member.key,
    role: answer.member.role,
    token: answer.session.token,
  };
  const member = await withDeviceKey(server.port, grant);
  const room = roomName({ spaceId: answer.id, kind: 'meeting', id: answer.practice.meetingId });
  const { doc, provider } = await honest(server.port, room, member);
  const state = () => fold(doc);
  const human: Human = {
    member,
    doc,
    provider,
    room,
    bots: answer.practice.bots,
    state,
    async act(command, ...args) {
      const event = member.sign(room, command(state(), member.userId, Date.now(), ...args));
      provider.ws?.send(encodeEvent(event));
      const result = await waitFor(
        () => state().results.find((r) => r.id === event.id),
        `${event.type} in the log`,
      );
      expect(result, `${event.type} applied`).toMatchObject({ status: 'applied' });
    },
    until: (what, check) => waitFor(() => (check(state()) ? state() : null), what),
  };
  return { answer, human };
}

/** Starts a round over everyone, ends the human's turn, waits for the bots' turns. */
async function round(human: Human): Promise<void> {
  const order = [human.member.userId, ...human.bots.map((b) => b.userId)];
  await human.act(startRound, order);
  await human.act(endTurn);
  await human.until('every bot took its turn', (s) => s.round?.turns.length === order.length);
}

const itemOf = (state: MeetingState) => state.items.find((i) => i.id === state.currentItemId)!;

describe('practice meetings', () => {
  const dirs: { remove: () => void }[] = [];
  const servers: Started[] = [];
  const providers: WebsocketProvider[] = [];
  afterEach(async () => {
    providers.splice(0).forEach((p) => p.destroy());
    for (const server of servers.splice(0)) await server.close();
    dirs.splice(0).forEach((d) => d.remove());
  });
  async function start(storage?: Storage): Promise<Started> {
    const dir = tempDir('ronde-practice-');
    dirs.push(dir);
    const server = await startServer(
      dir.path,
      { auth: 'required' },
      { practicePauseMs: 5, ...(storage ? { storage } : {}) },
    );
    servers.push(server);
    return server;
  }

  it('PRACTICE-1 PRACTICE-2 creates a marked space whose bots joined the meeting as members with device keys, none under the name of the one practising (NAME-7)', async () => {
    const server = await start();
    const { answer, human } = await practise(server, 'consent');
    providers.push(human.provider);
    expect(answer.member.role).toBe('admin');
    expect(answer.practice.bots.map((b) => b.name)).toEqual(['Amara', 'Ben', 'Chloe']);
    const people = human.state().roles;
    expect(people[human.member.userId]).toBe('facilitator');
    for (const bot of answer.practice.bots) expect(people[bot.userId]).toBe('participant');
    const keys = await api<{ keys: { userId: string }[] }>(
      server.port,
      'GET',
      `/api/spaces/${answer.id}/devices`,
      { token: human.member.token },
    );
    for (const bot of answer.practice.bots) {
      expect(keys.body.keys.some((k) => k.userId === bot.userId)).toBe(true);
    }
    const marked = await api(server.port, 'GET', `/api/practice/${answer.id}`, {
      token: human.member.token,
    });
    expect(marked.body).toMatchObject({
      meetingId: answer.practice.meetingId,
      process: 'consent',
      running: true,
    });
    // Someone called Ben practises beside a bot of another name (NAME-7).
    const asBen = await api<PracticeAnswer>(server.port, 'POST', '/api/practice', {
      body: { process: 'consent', language: 'en', memberName: 'ben' },
    });
    expect(asBen.status).toBe(201);
    expect(asBen.body.practice.bots.map((b) => b.name)).toEqual(['Amara', 'Bruno', 'Chloe']);
    const created = await api(server.port, 'POST', '/api/spaces', {
      body: { name: 'Real', circleName: 'General', memberName: 'Ada' },
    });
    const real = created.body as { id: string; session: { token: string } };
    const notPractice = await api(server.port, 'GET', `/api/practice/${real.id}`, {
      token: real.session.token,
    });
    expect(notPractice.status).toBe(404);
  });

  it('PRACTICE-3 PRACTICE-4 PRACTICE-5 a consent meeting driven by one person reaches adoption with the bots’ turns and objection', async () => {
    const server = await start();
    const { answer, human } = await practise(server, 'consent');
    providers.push(human.provider);
    const [objector, passer] = answer.practice.bots;
    await human.act(startMeeting);
    await round(human); // check-in
    await human.act(nextStep); // present
    await human.act(nextStep); // clarifying questions
    await round(human);
    const clarify = human.state().round!;
    expect(clarify.turns.find((t) => t.person === passer!.userId)?.status).toBe('passed');
    expect(clarify.turns.filter((t) => t.status === 'spoken')).toHaveLength(3);
    await human.act(nextStep); // reactions
    await round(human);
    await human.act(nextStep); // amend
    await human.act(nextStep); // consent round
    expect(human.state().step?.key).toBe('consent');
    await human.act(recordPosition, { value: 'consent' });
    const first = await human.until('four positions', (s) => itemOf(s).positions.length === 4);
    const objection = itemOf(first).objections[0]!;
    expect(objection.objector).toBe(objector!.userId);
    expect(objection.reason).toMatch(/Fridays/);
    await human.act(nextStep); // integrate
    expect(human.state().step?.key).toBe('integrate');
    await human.act(linkAmendment, objection.id, 'A Friday rota, one person a week.');
    await human.act(nextStep); // a new consent round
    await human.act(recordPosition, { value: 'consent' });
    await human.until(
      'the bots consent in round 2',
      (s) => itemOf(s).positions.filter((p) => p.round === 2 && p.value === 'consent').length === 4,
    );
    await human.act(nextStep); // outcome
    await human.act(recordOutcome, 'adopted', '2027-06-01');
    await human.act(nextStep); // closing
    await round(human);
    await human.act(nextStep); // ended
    expect(human.state().phase).toBe('ended');
    await waitFor(async () => {
      const answerNow = await api<{ running: boolean }>(
        server.port,
        'GET',
        `/api/practice/${answer.id}`,
        {
          token: human.member.token,
        },
      );
      return answerNow.body.running === false;
    }, 'the bots stopped');
    const space = await stored(server.port, spaceRoom(answer.id), human.member);
    const decisions = listDecisions(space);
    expect(decisions).toHaveLength(1);
    expect(decisions[0]).toMatchObject({ outcome: 'adopted' });
    // Every bot event in the log is signed and was applied by the same fold as everyone's.
    const botIds = new Set(answer.practice.bots.map((b) => b.userId));
    const botEntries = readLog(human.doc).filter((e) => botIds.has((e as { by: string }).by));
    expect(botEntries.length).toBeGreaterThan(10);
    for (const entry of botEntries)
      expect(entry).toMatchObject({ kid: expect.any(String), sig: expect.any(String) });
    // They follow the facilitator: never a command that drives the meeting (PRACTICE-4).
    const followed = new Set(['turn.end', 'turn.pass', 'position.record', 'objection.confirm']);
    expect(botEntries.filter((e) => !followed.has((e as { type: string }).type))).toEqual([]);
  });

  it('PRACTICE-4 an IDM meeting: the objector confirms the amendment the proposer linked, then adoption', async () => {
    const server = await start();
    const { answer, human } = await practise(server, 'idm');
    providers.push(human.provider);
    await human.act(startMeeting);
    await human.act(nextStep); // straight on, check-in round skipped
    for (let i = 0; i < 4; i++) await human.act(nextStep); // present → objection round
    expect(human.state().step?.key).toBe('objections');
    await human.act(recordPosition, { value: 'no-objection' });
    const raised = await human.until('four positions', (s) => itemOf(s).positions.length === 4);
    const objection = itemOf(raised).objections[0]!;
    await human.act(nextStep); // test
    const yes = { harm: true, createdByProposal: true, urgent: true, limitsRole: true };
    await human.act(testObjection, objection.id, yes, 'valid');
    await human.act(nextStep); // integrate
    await human.act(linkAmendment, objection.id, 'A Friday rota, one person a week.');
    await human.until('the objector confirmed', (s) =>
      itemOf(s).objections[0]!.confirmations.some((c) => c.by === objection.objector),
    );
    await human.act(confirmAmendment, objection.id);
    await human.act(nextStep); // a new objection round
    await human.act(recordPosition, { value: 'no-objection' });
    await human.until(
      'no objection from the bots',
      (s) =>
        itemOf(s).positions.filter((p) => p.round === 2 && p.value === 'no-objection').length === 4,
    );
    await human.act(nextStep);
    await human.act(recordOutcome, 'adopted', '2027-06-01');
    expect(itemOf(human.state()).outcome?.outcome).toBe('adopted');
    expect(answer.practice.process).toBe('idm');
  });

  it('PRACTICE-7 PRACTICE-8 the admin deletes a practice space: members, keys and documents gone; an ordinary space cannot be', async () => {
    const storage = createMemoryStorage();
    const server = await start(storage);
    const { answer, human } = await practise(server, 'consent');
    providers.push(human.provider);
    const path = `/api/practice/${answer.id}`;
    const rooms = () => [...storage.logs.keys()].filter((name) => name.startsWith(`${answer.id}/`));
    expect(rooms()).toHaveLength(3); // space, proposal, meeting
    const closed = new Promise<number>((resolve) =>
      human.provider.ws?.addEventListener('close', (e) =>
        resolve((e as unknown as { code: number }).code),
      ),
    );
    const deleted = await api(server.port, 'DELETE', path, { token: human.member.token });
    expect(deleted.status).toBe(204);
    expect(await closed).toBe(4403);
    human.provider.destroy();
    expect((await api(server.port, 'GET', path, { token: human.member.token })).status).toBe(401);
    const signIn = await api(server.port, 'POST', '/api/session', {
      body: { spaceId: answer.id, userId: answer.member.userId, key: answer.member.key },
    });
    expect(signIn.status).toBe(401);
    expect(rooms()).toEqual([]);
    expect(
      (
        await api(server.port, 'GET', `/api/spaces/${answer.id}/devices`, {
          token: human.member.token,
        })
      ).status,
    ).toBe(401);
    // Someone called Ben practises beside a bot of another name (NAME-7).
    const asBen = await api<PracticeAnswer>(server.port, 'POST', '/api/practice', {
      body: { process: 'consent', language: 'en', memberName: 'ben' },
    });
    expect(asBen.status).toBe(201);
    expect(asBen.body.practice.bots.map((b) => b.name)).toEqual(['Amara', 'Bruno', 'Chloe']);
    const created = await api(server.port, 'POST', '/api/spaces', {
      body: { name: 'Real', circleName: 'General', memberName: 'Ada' },
    });
    const real = created.body as { id: string; session: { token: string } };
    const refused = await api(server.port, 'DELETE', `/api/practice/${real.id}`, {
      token: real.session.token,
    });
    expect(refused.status).toBe(404);
  });

  it('PRACTICE-5 the bots leave when the server shuts down', async () => {
    const server = await start();
    const { human } = await practise(server, 'consent');
    providers.push(human.provider);
    await server.close();
    servers.splice(0);
    expect(server.log.lines.some((line) => line.msg === 'practice bot stopped')).toBe(true);
  });
});
