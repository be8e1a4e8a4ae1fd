import {
  addAgendaItem,
  initMeeting,
  joinMeeting,
  meetingAgenda,
  meetingPeople,
  newId,
  nextStep,
  recordRoot,
  revealNomination,
  roomName,
  sealNomination,
  startMeeting,
  type MeetingEvent,
  type MeetingState,
} from '@ronde/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { CLOSE_CODES } from '../src/limits.ts';
import { createSpaceOverHttp, rawClient, startServer, tempDir, waitFor } from './helpers.ts';
import {
  deniedReasons,
  encodeEvent,
  fold,
  honest,
  hostile,
  invited,
  refusals,
  stored,
  withDeviceKey,
  type Member,
} from './hostileKit.ts';

/**
 * The hostile-client suite of elections (server SPEC ELECTSRV-3): a member
 * with a valid token and a stock Yjs client tries to read nominations before
 * the reveal, to nominate or reveal in someone else's name, and to write the
 * role's assignment itself.
 */
describe('hostile clients against an election', () => {
  const dir = tempDir('ronde-election-');
  let server: Awaited<ReturnType<typeof startServer>>;
  let port: number;
  let admin: Member;
  let bea: Member;
  let cy: Member;
  let room: string;
  let spaceRoom: string;
  let itemId: string;
  let clock = 1_700_000_000_000;
  const closers: Array<() => void> = [];
  const SECRET_REASON = 'Bea listens to everyone before she speaks';

  /** Submits a signed event on a fresh socket; resolves with the refusals once stored or refused. */
  async function submit(member: Member, signed: unknown, id: string) {
    const client = rawClient(port, `/sync/${room}?token=${encodeURIComponent(member.token)}`);
    closers.push(() => client.socket.terminate());
    await client.opened;
    client.socket.send(encodeEvent(signed));
    let inLog = false;
    await waitFor(async () => {
      if (refusals(client).length > 0) return true;
      const doc = await stored(port, room, admin);
      inLog = doc
        .getArray('log')
        .toArray()
        .some((e) => (e as { id: string }).id === id);
      return inLog;
    }, `event ${id} stored or refused`);
    return { inLog, refusals: refusals(client) };
  }

  async function act(
    member: Member,
    command: (state: MeetingState, by: string, at: number) => MeetingEvent,
  ): Promise<MeetingEvent> {
    const event = command(fold(await stored(port, room, admin)), member.userId, (clock += 1000));
    const result = await submit(member, member.sign(room, event), event.id);
    expect(result.refusals).toEqual([]);
    return event;
  }

  beforeAll(async () => {
    server = await startServer(dir.path, { auth: 'required' });
    port = server.port;
    const created = await createSpaceOverHttp(port);
    admin = await withDeviceKey(port, created);
    bea = await invited(port, admin, 'member', 'Bea');
    cy = await invited(port, admin, 'member', 'Cy');
    const spaceId = admin.spaceId;
    const meetingId = newId();
    room = roomName({ spaceId, kind: 'meeting', id: meetingId });
    spaceRoom = roomName({ spaceId, kind: 'space', id: spaceId });
    const meeting = await honest(port, room, admin);
    initMeeting(meeting.doc, {
      id: meetingId,
      spaceId,
      title: 'Elections',
      circleId: 'circle01',
      kind: 'governance',
      startsAt: clock,
      createdBy: admin.userId,
      now: clock,
    });
    joinMeeting(meeting.doc, { id: admin.userId, name: 'Ada', role: 'facilitator', now: clock });
    itemId = addAgendaItem(meeting.doc, {
      id: newId(),
      kind: 'election',
      title: 'Elect the facilitator',
      election: { circleId: 'circle01', roleId: 'role0001', termEnd: '2031-06-30' },
      createdBy: admin.userId,
      now: clock,
    }).id;
    for (const [member, name] of [
      [bea, 'Bea'],
      [cy, 'Cy'],
    ] as const) {
      const client = await honest(port, room, member);
      joinMeeting(client.doc, { id: member.userId, name, now: (clock += 1) });
      await waitFor(
        async () => meetingPeople(await stored(port, room, admin)).has(member.userId),
        `${name} joined`,
      );
      client.provider.destroy();
    }
    await waitFor(
      async () => meetingAgenda(await stored(port, room, admin)).has(itemId),
      'the agenda stored',
    );
    meeting.provider.destroy();
    await act(admin, startMeeting);
    await act(admin, nextStep); // check-in → the election
    await act(admin, nextStep); // → nominate
    expect(fold(await stored(port, room, admin)).step?.key).toBe('nominate');
  }, 60_000);

  afterAll(async () => {
    for (const close of closers) close();
    await server.close();
    dir.remove();
  });

  it('ELECTSRV-3 before the reveal a stock client reads no nominee nor reason anywhere in the meeting', async () => {
    const state = fold(await stored(port, room, admin));
    const { event } = sealNomination(
      state,
      cy.userId,
      (clock += 1000),
      { nominee: bea.userId, reason: SECRET_REASON },
      'c3ViamVjdC10by1jaGFuZ2U',
    );
    expect((await submit(cy, cy.sign(room, event), event.id)).inLog).toBe(true);
    // Bea's own stock client, synced like any member's, holds the seal and nothing else of it.
    const spy = await honest(port, room, bea);
    // Every byte the room holds, whatever root or type it sits in.
    const everything = Buffer.from(Y.encodeStateAsUpdate(spy.doc)).toString('utf8');
    spy.provider.destroy();
    expect(everything).toContain(event.seal);
    expect(everything).not.toContain(SECRET_REASON);
    expect(everything).not.toContain('nominee');
    const item = fold(await stored(port, room, admin)).items[0]!;
    expect(item.election?.seals.map((s) => s.by)).toEqual([cy.userId]);
  });

  it('ELECTSRV-3 a seal in someone else’s name is refused: signed by one’s own key, or unsigned', async () => {
    const state = fold(await stored(port, room, admin));
    const { event } = sealNomination(
      state,
      bea.userId,
      (clock += 1000),
      { nominee: cy.userId, reason: 'Forged' },
      'Zm9yZ2VkLXNhbHQtMTIzNDU2',
    );
    const signedByCy = { ...cy.sign(room, event), by: bea.userId };
    const forged = await submit(cy, signedByCy, event.id);
    expect(forged.inLog).toBe(false);
    expect(forged.refusals[0]?.code).toMatch(/^(unknown-key|bad-signature)$/);
    const unsigned = await submit(cy, event, event.id);
    expect(unsigned.inLog).toBe(false);
    expect(unsigned.refusals[0]?.code).toBe('bad-signature');
    const item = fold(await stored(port, room, admin)).items[0]!;
    expect(item.election?.seals.map((s) => s.by)).toEqual([cy.userId]);
  });

  it('ELECTSRV-3 nobody opens another’s seal: a reveal in one’s own name of another’s seal is refused by the fold', async () => {
    await act(admin, nextStep); // reveal
    const item = fold(await stored(port, room, admin)).items[0]!;
    const cySeal = item.election!.seals[0]!;
    // Bea knows (or guesses) everything Cy sealed, salt included: the seal covers its author.
    const guess = revealNomination(itemId, bea.userId, (clock += 1000), cySeal.id, {
      nominee: bea.userId,
      reason: SECRET_REASON,
      salt: 'c3ViamVjdC10by1jaGFuZ2U',
    });
    expect((await submit(bea, bea.sign(room, guess), guess.id)).inLog).toBe(true);
    const state = fold(await stored(port, room, admin));
    expect(state.results.at(-1)).toMatchObject({ status: 'refused', reason: 'unknown-seal' });
    // Cy opens their own seal.
    const own = revealNomination(itemId, cy.userId, (clock += 1000), cySeal.id, {
      nominee: bea.userId,
      reason: SECRET_REASON,
      salt: 'c3ViamVjdC10by1jaGFuZ2U',
    });
    await submit(cy, cy.sign(room, own), own.id);
    const after = fold(await stored(port, room, admin)).items[0]!;
    expect(after.election?.nominations).toEqual([
      expect.objectContaining({ by: cy.userId, nominee: bea.userId, stage: 'revealed' }),
    ]);
  });

  it('ELECTSRV-3 a member cannot write the role’s assignment in the space document', async () => {
    const before = await stored(port, spaceRoom, admin);
    const attacker = await hostile(port, spaceRoom, cy, before);
    attacker.edit((doc) => {
      const assignment = new Y.Map<unknown>();
      assignment.set('id', 'assign01');
      assignment.set('roleId', 'role0001');
      assignment.set('personId', cy.userId);
      assignment.set('termEnd', '2031-06-30');
      recordRoot(doc, 'assignment').set('assign01', assignment);
    });
    const closed = await attacker.client.closed;
    expect(closed.code).toBe(CLOSE_CODES.writeRefused);
    expect(deniedReasons(attacker.client).join(' ')).toMatch(/\(WRITE-\d+\)/);
    const after = await stored(port, spaceRoom, admin);
    expect(recordRoot(after, 'assignment').has('assign01')).toBe(false);
  });

  it('ELECTSRV-3 an election item’s role and term never change once written', async () => {
    const before = await stored(port, room, admin);
    const attacker = await hostile(port, room, admin, before);
    attacker.edit((doc) => meetingAgenda(doc).get(itemId)?.set('roleId', 'role0002'));
    const closed = await attacker.client.closed;
    expect(closed.code).toBe(CLOSE_CODES.writeRefused);
    const after = await stored(port, room, admin);
    expect(meetingAgenda(after).get(itemId)?.get('roleId')).toBe('role0001');
  });
});
