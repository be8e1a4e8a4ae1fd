import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { harness, PEOPLE } from '../../test/meetingHarness.ts';
import { adoptedMeeting, proposalDoc } from '../../test/decisionFixtures.ts';
import {
  endTurn,
  nextStep,
  passTurn,
  skipItem,
  startMeeting,
  startRound,
} from '../process/commands.ts';
import { appliedOutcomes, buildDecisionEntry } from './buildDecisionEntry.ts';
import { parseDecisionEntry } from './decisionEntry.ts';
import {
  listParticipation,
  meetingParticipation,
  participationTotals,
  recordParticipation,
  spaceParticipation,
} from './participation.ts';
import { objectionFollowUp } from '../process/objectionFollowUp.ts';

const MEETING = { id: 'meet0001', title: 'Weekly', circleId: 'circle01' };

/** A meeting with a check-in round (ana spoke 1 s, ben passed, chloe spoke 1 s), then ended. */
function endedMeeting() {
  const h = harness();
  h.act(startMeeting, 'fac1');
  h.act(startRound, 'fac1', ['ana', 'ben', 'chloe']);
  h.act(endTurn, 'ana');
  h.act(passTurn, 'ben');
  h.act(endTurn, 'chloe');
  return h;
}

describe('participation across meetings', () => {
  it('EQUITY-5 an ended meeting’s entry lists everyone taking part with time and turns', () => {
    const h = endedMeeting();
    expect(meetingParticipation(h.state(), MEETING, PEOPLE)).toBeNull();
    // Skip every item, then next through closing to the end.
    for (const item of h.state().items) h.act(skipItem, 'fac1', item.id);
    h.act(nextStep, 'fac1');
    h.act(nextStep, 'fac1');
    expect(h.state().phase).toBe('ended');
    const entry = meetingParticipation(h.state(), MEETING, PEOPLE)!;
    expect(entry.people.map((p) => p.id)).toEqual(['ana', 'chloe', 'ben', 'fac1', 'fac2']);
    expect(entry.people[0]).toEqual({
      id: 'ana',
      name: 'ANA',
      spokenMs: 1000,
      turnsSpoken: 1,
      turnsPassed: 0,
      // Everyone joined before the start: present for the whole meeting (TIME-7).
      presentMs: entry.endedAt - entry.startedAt,
    });
    expect(entry.people.find((p) => p.id === 'ben')).toMatchObject({ turnsPassed: 1 });
    const doc = new Y.Doc();
    expect(recordParticipation(doc, entry)).toBe(true);
    expect(recordParticipation(doc, { ...entry, title: 'Other' })).toBe(false);
    expect(listParticipation(doc)).toEqual([entry]);
  });

  it('EQUITY-6 entries list oldest first, malformed ones left out; totals sum across meetings', () => {
    const doc = new Y.Doc();
    const person = (id: string, spokenMs: number) => ({
      id,
      name: id,
      spokenMs,
      turnsSpoken: 1,
      turnsPassed: 0,
    });
    const base = { title: 'M', circleId: 'c', startedAt: 0 };
    recordParticipation(doc, {
      ...base,
      meetingId: 'mB',
      endedAt: 20,
      people: [person('ana', 3000)],
    });
    recordParticipation(doc, {
      ...base,
      meetingId: 'mA',
      endedAt: 10,
      people: [person('ana', 1000), person('ben', 4000)],
    });
    spaceParticipation(doc).set('bad', { meetingId: 'other', people: [] });
    const entries = listParticipation(doc);
    expect(entries.map((e) => e.meetingId)).toEqual(['mA', 'mB']);
    expect(participationTotals(entries)).toEqual([
      {
        id: 'ana',
        name: 'ana',
        spokenMs: 4000,
        share: 0.5,
        meetings: 2,
        turnsSpoken: 2,
        turnsPassed: 0,
      },
      {
        id: 'ben',
        name: 'ben',
        spokenMs: 4000,
        share: 0.5,
        meetings: 1,
        turnsSpoken: 1,
        turnsPassed: 0,
      },
    ]);
  });
});

describe('decision entries: proposer, interests, follow-ups', () => {
  it('DEC-3 a proposer the meeting did not know is named as the proposal names its author', () => {
    const h = adoptedMeeting();
    const [outcome] = appliedOutcomes(h.state(), h.log);
    const doc = proposalDoc();
    doc.getMap('proposal').set('authorId', 'ana');
    const entry = buildDecisionEntry({
      state: h.state(),
      outcome: outcome!,
      meeting: { ...MEETING, circleName: '' },
      people: PEOPLE.filter((p) => p.id !== 'ana'),
      proposalDoc: doc,
      recordedBy: 'fac1',
      recordedAt: 1,
    })!;
    expect(entry.proposerId).toBe('ana');
    expect(entry.names.ana).toBe('Ana');
  });

  it('INTEREST-2 an entry keeps interests and "no" answers through a stored round trip', () => {
    const h = adoptedMeeting();
    const [outcome] = appliedOutcomes(h.state(), h.log);
    const entry = buildDecisionEntry({
      state: h.state(),
      outcome: outcome!,
      meeting: { ...MEETING, circleName: '' },
      people: PEOPLE,
      proposalDoc: proposalDoc(),
      recordedBy: 'fac1',
      recordedAt: 1,
    })!;
    const stored = JSON.parse(
      JSON.stringify({
        ...entry,
        positions: entry.positions.map((p, i) =>
          i === 0 ? { ...p, interest: { text: 'I work Fridays', conflict: true } } : p,
        ),
      }),
    ) as unknown;
    const read = parseDecisionEntry(stored)!;
    expect(read.positions[0]!.interest).toEqual({ text: 'I work Fridays', conflict: true });
    expect(read.positions[1]).not.toHaveProperty('interest');
    // Ben objected in round 1 and consented in round 2: lifted, not "not resolved".
    expect(objectionFollowUp(read.positions, read.objections[0]!)).toMatchObject({
      kind: 'lifted',
      round: 2,
    });
  });
});
