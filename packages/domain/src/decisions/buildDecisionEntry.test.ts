import { describe, expect, it } from 'vitest';
import { PEOPLE } from '../../test/meetingHarness.ts';
import { adoptedMeeting, proposalDoc } from '../../test/decisionFixtures.ts';
import { nextStep, recordOutcome, startMeeting } from '../process/commands.ts';
import { harness } from '../../test/meetingHarness.ts';
import {
  appliedOutcomes,
  buildDecisionEntry,
  decisionContributors,
  outcomesToRecord,
} from './buildDecisionEntry.ts';
import { parseDecisionEntry } from './decisionEntry.ts';

const MEETING = { id: 'meet0001', title: 'Weekly', circleId: 'circle01', circleName: 'General' };

describe('building a decision entry', () => {
  it('DEC-2 appliedOutcomes names each applied outcome event with its item and author', () => {
    const h = adoptedMeeting();
    const event = h.last();
    expect(appliedOutcomes(h.state(), h.log)).toEqual([
      { eventId: event.id, itemId: 'consent1', by: 'fac1' },
    ]);
  });

  it('DEC-2 a refused or superseded outcome is not one; a deferral at any step is', () => {
    const h = harness();
    h.act(startMeeting, 'fac1');
    h.act(nextStep, 'fac1');
    expect(h.act(recordOutcome, 'ana', 'deferred').status).toBe('refused');
    h.act(recordOutcome, 'fac2', 'deferred');
    const deferral = h.last();
    expect(appliedOutcomes(h.state(), h.log).map((o) => o.eventId)).toEqual([deferral.id]);
  });

  it('DEC-2 outcomesToRecord keeps only this user’s outcomes whose entry is missing', () => {
    const h = adoptedMeeting();
    const id = h.last().id;
    expect(outcomesToRecord(h.state(), h.log, 'fac1', () => false)).toHaveLength(1);
    expect(outcomesToRecord(h.state(), h.log, 'fac2', () => false)).toEqual([]);
    expect(outcomesToRecord(h.state(), h.log, 'fac1', (e) => e === id)).toEqual([]);
  });

  it('DEC-3 an entry carries the record, the proposal as it is and the names it mentions', () => {
    const h = adoptedMeeting();
    const [outcome] = appliedOutcomes(h.state(), h.log);
    const entry = buildDecisionEntry({
      state: h.state(),
      outcome: outcome!,
      meeting: MEETING,
      people: PEOPLE,
      proposalDoc: proposalDoc(),
      recordedBy: 'fac1',
      recordedAt: 42,
    })!;
    expect(entry).toMatchObject({
      id: outcome!.eventId,
      meeting: MEETING,
      itemId: 'consent1',
      proposalId: 'prop-consent1',
      process: 'consent',
      title: 'Four-day week',
      driver: 'We are tired',
      outcome: 'adopted',
      reviewDate: '2026-09-01',
      decidedBy: 'fac1',
      proposerId: 'ana',
      recordedBy: 'fac1',
      recordedAt: 42,
    });
    expect(entry.body[0]).toMatchObject({ type: 'paragraph' });
    expect(entry.durationMs).toBe(entry.decidedAt - entry.startedAt!);
    expect(entry.positions.find((p) => p.onBehalfOf === 'chloe')).toMatchObject({
      person: 'chloe',
      recordedBy: 'fac2',
      value: 'concern',
    });
    expect(entry.objections).toEqual([
      expect.objectContaining({
        objector: 'ben',
        quote: 'four days',
        resolution: 'integrated',
        amendments: [expect.objectContaining({ summary: 'Start in September', by: 'ana' })],
      }),
    ]);
    expect(entry.objections[0]).not.toHaveProperty('anchor');
    expect(entry.names).toEqual({
      fac1: 'FAC1',
      fac2: 'FAC2',
      ana: 'ANA',
      ben: 'BEN',
      chloe: 'CHLOE',
    });
    expect(parseDecisionEntry(JSON.parse(JSON.stringify(entry)))).toEqual(entry);
    expect(decisionContributors(entry)).toEqual(['ana', 'ben', 'chloe', 'fac1', 'fac2']);
  });

  it('DEC-3 without its proposal document an entry falls back to the agenda title', () => {
    const h = adoptedMeeting();
    const entry = buildDecisionEntry({
      state: h.state(),
      outcome: appliedOutcomes(h.state(), h.log)[0]!,
      meeting: MEETING,
      people: PEOPLE,
      proposalDoc: null,
      recordedBy: 'fac1',
      recordedAt: 42,
    });
    expect(entry).toMatchObject({ title: 'Item consent1', driver: '', body: [] });
  });
});
