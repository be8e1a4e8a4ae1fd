import {
  meetingAgenda,
  nextStep,
  recordRoot,
  revealNomination,
  sealNomination,
  startMeeting,
  type MeetingEvent,
  type MeetingState,
} from '@ronde/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { CLOSE_CODES } from '../src/limits.ts';
import { tempDir } from './helpers.ts';
import { deniedReasons, fold, honest, hostile, stored, type Member } from './hostileKit.ts';
import { seedHostileMeeting, startHostileSpace, type HostileSpace } from './hostileMeeting.ts';

/**
 * The hostile-client suite of elections (server SPEC ELECTSRV-3): a member
 * with a valid token and a stock Yjs client tries to read nominations before
 * the reveal, to nominate or reveal in someone else's name, and to write the
 * role's assignment itself.
 */
describe('hostile clients against an election', () => {
  const dir = tempDir('ronde-election-');
  let space: HostileSpace;
  let port: number;
  let admin: Member;
  let bea: Member;
  let cy: Member;
  let room: string;
  let spaceRoom: string;
  let itemId: string;
  let clock = 1_700_000_000_000;
  const SECRET_REASON = 'Bea listens to everyone before she speaks';

  /** Submits a signed event on a fresh socket; resolves with the refusals once stored or refused. */
  const submit = (member: Member, signed: unknown, id: string) =>
    space.submit(member, room, signed, id);
  const act = (
    member: Member,
    command: (state: MeetingState, by: string, at: number) => MeetingEvent,
  ): Promise<MeetingEvent> => space.act(member, room, command);

  beforeAll(async () => {
    space = await startHostileSpace(dir.path, (ms) => (clock += ms));
    ({ port, admin, bea, cy, spaceRoom } = space);
    ({ room, itemId } = await seedHostileMeeting(space, {
      title: 'Elections',
      item: {
        kind: 'election',
        title: 'Elect the facilitator',
        election: { circleId: 'circle01', roleId: 'role0001', termEnd: '2031-06-30' },
      },
    }));
    await act(admin, startMeeting);
    await act(admin, nextStep); // check-in → the election
    await act(admin, nextStep); // → nominate
    expect(fold(await stored(port, room, admin)).step?.key).toBe('nominate');
  }, 60_000);

  afterAll(async () => {
    await space.close();
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
