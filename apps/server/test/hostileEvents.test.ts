import {
  endTurn,
  initProposal,
  joinMeeting,
  meetingPeople,
  newId,
  nextStep,
  recordPosition,
  roomName,
  speakingTimes,
  startMeeting,
  startRound,
} from '@ronde/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_EVENT_LEAD_MS } from '../src/processEvents.ts';
import { api, tempDir, waitFor } from './helpers.ts';
import { fold, honest, invited, stored, type Member } from './hostileKit.ts';
import { seedHostileMeeting, startHostileSpace, type HostileSpace } from './hostileMeeting.ts';

/**
 * Signed process events whose author is who they say, but whose content
 * claims what the server can check: refused as SPEC EVT-n says, the log and
 * its fold unchanged, the honest version of the same command accepted.
 */
describe('hostile process events', () => {
  const dir = tempDir('ronde-hostile-events-');
  let space: HostileSpace;
  // The suite's clock is the server's (real) clock: events are dated as the web app dates them.
  let clock = Date.now() - 600_000;

  beforeAll(async () => {
    space = await startHostileSpace(dir.path, (ms) => (clock += ms));
  }, 60_000);

  afterAll(async () => {
    await space.close();
    dir.remove();
  });

  it('EVT-8 a turn ended an hour ahead of the server’s clock is refused (it would credit its speaker an hour)', async () => {
    const { port, admin, bea, cy } = space;
    const { room } = await seedHostileMeeting(space, {
      title: 'Check-in',
      item: { kind: 'information', title: 'News' },
    });
    await space.act(admin, room, startMeeting);
    await space.act(admin, room, (state, by, at) =>
      startRound(state, by, at, [cy.userId, bea.userId, admin.userId]),
    );
    const before = await stored(port, room, admin);
    expect(fold(before).round?.order[0]).toBe(cy.userId);
    const length = before.getArray('log').length;

    const ahead = endTurn(fold(before), cy.userId, Date.now() + 3_600_000);
    const forged = await space.submit(cy, room, cy.sign(room, ahead), ahead.id);
    expect(forged.inLog).toBe(false);
    expect(forged.refusals).toEqual([expect.objectContaining({ id: ahead.id, code: 'clock' })]);
    const after = await stored(port, room, admin);
    expect(after.getArray('log').length).toBe(length);

    // Within the margin the clock measure allows, and at the server's time: accepted.
    const honest = endTurn(fold(after), cy.userId, Date.now() + MAX_EVENT_LEAD_MS / 2);
    const result = await space.submit(cy, room, cy.sign(room, honest), honest.id);
    expect(result).toEqual({ inLog: true, refusals: [] });
    const spoken = speakingTimes(fold(await stored(port, room, admin))).find(
      (s) => s.person === cy.userId,
    );
    expect(spoken?.spokenMs).toBeLessThan(3_600_000);
  });

  it('EVT-9 an event in the name of a removed member or of an observer, signed by them and sent by a member, is refused', async () => {
    const { port, admin, cy } = space;
    const spaceId = admin.spaceId;
    const dan: Member = await invited(port, admin, 'member', 'Dan');
    const observer: Member = await invited(port, admin, 'observer', 'Obs');
    const proposalId = newId();
    const proposal = await honest(
      port,
      roomName({ spaceId, kind: 'proposal', id: proposalId }),
      admin,
    );
    initProposal(proposal.doc, {
      id: proposalId,
      spaceId,
      circleId: 'circle01',
      title: 'Shared tools',
      driver: '',
      createdBy: 'Ada',
      authorId: admin.userId,
      now: clock,
    });
    const { room } = await seedHostileMeeting(space, {
      title: 'Governance',
      item: { kind: 'proposal', title: 'Shared tools', proposalId, process: 'consent' },
    });
    proposal.provider.destroy();
    // Dan takes part, then is removed from the space; his device key stays (KEY-5).
    const danClient = await honest(port, room, dan);
    joinMeeting(danClient.doc, { id: dan.userId, name: 'Dan', now: clock });
    await waitFor(
      async () => meetingPeople(await stored(port, room, admin)).has(dan.userId),
      'Dan joined',
    );
    danClient.provider.destroy();
    await space.act(admin, room, startMeeting);
    for (let i = 0; i < 5; i++) await space.act(admin, room, nextStep);
    expect(fold(await stored(port, room, admin)).step?.kind).toBe('positions');
    const removed = await api(port, 'DELETE', `/api/spaces/${spaceId}/members/${dan.userId}`, {
      token: admin.token,
    });
    expect(removed.status).toBe(204);

    const before = await stored(port, room, admin);
    const length = before.getArray('log').length;
    for (const author of [dan, observer]) {
      const objection = author.sign(
        room,
        recordPosition(fold(before), author.userId, Date.now(), {
          value: 'objection',
          reason: 'Signed by me, sent by Cy',
        }),
      );
      const result = await space.submit(cy, room, objection, objection.id);
      expect(result.inLog).toBe(false);
      expect(result.refusals).toEqual([
        expect.objectContaining({ id: objection.id, code: 'not-author' }),
      ]);
    }
    const after = await stored(port, room, admin);
    expect(after.getArray('log').length).toBe(length);
    expect(fold(after).items[0]?.objections).toEqual([]);

    // A current member's event sent by another (EVT-5, the re-upload after a restore) still goes in.
    const ada = admin.sign(
      room,
      recordPosition(fold(after), admin.userId, Date.now(), { value: 'consent' }),
    );
    expect(await space.submit(cy, room, ada, ada.id)).toEqual({ inLog: true, refusals: [] });
  });
});
