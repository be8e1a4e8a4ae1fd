import { endTurn, speakingTimes, startMeeting, startRound } from '@ronde/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_EVENT_LEAD_MS } from '../src/processEvents.ts';
import { tempDir } from './helpers.ts';
import { fold, stored } from './hostileKit.ts';
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
});
