import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { PEOPLE, agendaItem } from '../../test/meetingHarness.ts';
import { addAgendaItem, listAgenda } from '../meeting/agenda.ts';
import { documentAgenda } from '../process/agendaItems.ts';
import {
  addLiveItem,
  confirmAmendment,
  linkAmendment,
  recordOutcome,
  recordPosition,
  startMeeting,
  undoStep,
} from '../process/commands.ts';
import { foldMeeting } from '../process/fold.ts';
import { parseEvent } from '../process/parseEvent.ts';
import { currentItem } from '../process/selectors.ts';
import { PROCESS_TEMPLATES } from '../process/templates.ts';
import { buildDecisionEntry } from '../decisions/buildDecisionEntry.ts';
import { parseDecisionEntry } from '../decisions/decisionEntry.ts';
import { changeNomination } from './electionCommands.ts';
import { currentCandidate, currentNominations, isRevealed } from './electionSelectors.ts';
import { nominationSeal } from './seal.ts';
import {
  ELECTION_CONTEXT,
  TARGET,
  electionHarness,
  propose,
  saltOf,
  type ElectionHarness,
} from '../../test/electionHarness.ts';

const election = (h: ElectionHarness) => currentItem(h.state())!.election!;

/** At the objection round on ben, every nomination revealed. */
function atObjections(): ElectionHarness {
  const h = electionHarness();
  h.next(); // present → nominate
  h.seal('ana', { nominee: 'ben', reason: 'Calm and fair' });
  h.seal('ben', { nominee: 'ana', reason: 'Knows the circle' });
  h.next(); // reveal: nominate → nominations round
  h.reveal('ana');
  h.reveal('ben');
  h.next(2); // → change → propose
  propose(h, 'ben');
  h.next(); // → objections
  return h;
}

describe('integrative election', () => {
  it('ELECT-1 an election item names a role and a term end; without them it is not added', () => {
    const doc = new Y.Doc();
    const base = {
      kind: 'election' as const,
      title: 'Elect a facilitator',
      createdBy: 'fac1',
      now: 1,
    };
    expect(() => addAgendaItem(doc, { ...base, id: 'elect000000000001' })).toThrow(
      /role and a term end/,
    );
    expect(() =>
      addAgendaItem(doc, {
        ...base,
        id: 'elect000000000001',
        election: { ...TARGET, termEnd: '2031-02-30' },
      }),
    ).toThrow(RangeError);
    addAgendaItem(doc, { ...base, id: 'elect000000000001', election: TARGET });
    expect(listAgenda(doc)[0]).toMatchObject({ kind: 'election', election: TARGET });
    // An item a stock client wrote without a target is left out of the start, not fatal to it.
    const broken = agendaItem('el2', 'election', { order: 2 });
    expect(documentAgenda([...listAgenda(doc), broken]).map((i) => i.id)).toEqual([
      'elect000000000001',
    ]);
    // The start carries the target, and so does every replica's fold of it.
    const state = foldMeeting([], { agenda: listAgenda(doc), people: PEOPLE });
    const start = startMeeting(state, 'fac1', 5);
    expect(start.agenda?.[0]).toMatchObject({ election: TARGET });
    expect(parseEvent(JSON.parse(JSON.stringify(start)))).toEqual(start);
  });

  it('ELECT-1 an election added live must carry its target', () => {
    const h = electionHarness();
    const bare = h.act(addLiveItem, 'fac1', { kind: 'election', title: 'Elect a secretary' });
    expect(bare).toMatchObject({ status: 'refused', reason: 'malformed' });
    const input = { kind: 'election' as const, title: 'Elect a secretary', election: TARGET };
    expect(h.act(addLiveItem, 'fac1', input).status).toBe('applied');
    expect(h.state().items.at(-1)?.election?.target).toEqual(TARGET);
  });

  it('ELECT-2 the election template walks present, nominate, the two rounds, propose, objections, outcome', () => {
    expect(PROCESS_TEMPLATES.election.steps.map((s) => `${s.key}:${s.kind}`)).toEqual([
      'present:open',
      'nominate:nominate',
      'nominations:round',
      'change:round',
      'propose:propose',
      'objections:positions',
      'integrate:integration',
      'outcome:outcome',
    ]);
    const h = atObjections();
    expect(h.state().step).toMatchObject({ key: 'objections', positionRound: 1 });
  });

  it('ELECT-3 a nomination is sealed: the log holds neither whom nor why before the reveal', () => {
    const h = electionHarness();
    expect(h.seal('ana', { nominee: 'ben', reason: 'x' })).toMatchObject({ reason: 'wrong-step' });
    h.next();
    expect(h.seal('ana', { nominee: 'chloe', reason: 'First thought' }).status).toBe('applied');
    expect(h.seal('ana', { nominee: 'ben', reason: 'Calm and fair' }).status).toBe('applied');
    expect(h.seal('obs', { nominee: 'ben', reason: 'x' })).toMatchObject({ reason: 'observer' });
    const text = JSON.stringify(h.log);
    expect(text).not.toContain('Calm and fair');
    expect(text).not.toContain('"nominee"');
    // One seal per person: the later replaced the earlier.
    expect(election(h).seals).toHaveLength(1);
    expect(election(h).seals[0]!.seal).toBe(
      nominationSeal({
        by: 'ana',
        itemId: 'elect1',
        nominee: 'ben',
        reason: 'Calm and fair',
        salt: saltOf('ana'),
      }),
    );
    expect(isRevealed(currentItem(h.state())!)).toBe(false);
    h.next();
    expect(h.seal('ben', { nominee: 'ana', reason: 'late' })).toMatchObject({
      reason: 'wrong-step',
    });
    h.act(undoStep, 'fac1');
    expect(h.seal('ben', { nominee: 'ana', reason: 'late' })).toMatchObject({
      reason: 'nominations-revealed',
    });
  });

  it('ELECT-4 after the reveal each author opens their latest seal, once, and only with its content', () => {
    const h = electionHarness();
    h.next();
    h.seal('ana', { nominee: 'ben', reason: 'Calm and fair' });
    h.seal('chloe', { nominee: 'obs', reason: 'Watches closely' });
    expect(h.reveal('ana')).toMatchObject({ reason: 'not-revealed' });
    h.next();
    const sealId = election(h).seals[0]!.id;
    // Someone else cannot open ana's seal: the seal covers its author.
    const stolen = h.push({
      id: 'steal1',
      type: 'nomination.reveal',
      by: 'ben',
      at: 3,
      expects: { itemId: 'elect1' },
      sealId,
      nominee: 'ben',
      reason: 'Calm and fair',
      salt: saltOf('ana'),
    });
    expect(stolen).toMatchObject({ reason: 'unknown-seal' });
    const wrong = h.push({
      id: 'wrong1',
      type: 'nomination.reveal',
      by: 'ana',
      at: 3,
      expects: { itemId: 'elect1' },
      sealId,
      nominee: 'chloe',
      reason: 'Calm and fair',
      salt: saltOf('ana'),
    });
    expect(wrong).toMatchObject({ reason: 'seal-mismatch' });
    expect(h.reveal('ana').status).toBe('applied');
    expect(h.reveal('ana')).toMatchObject({ reason: 'already-revealed' });
    // An observer cannot be nominated: the sealed choice fails at its opening.
    expect(h.reveal('chloe')).toMatchObject({ reason: 'observer' });
    expect(currentNominations(currentItem(h.state())!)).toEqual([
      expect.objectContaining({
        by: 'ana',
        nominee: 'ben',
        reason: 'Calm and fair',
        stage: 'revealed',
      }),
    ]);
  });

  it('ELECT-5 in the change round anyone may change their nomination openly, with a reason', () => {
    const h = atObjections();
    expect(h.act(changeNomination, 'ana', { nominee: 'chloe', reason: 'x' })).toMatchObject({
      reason: 'wrong-step',
    });
    const g = electionHarness();
    g.next();
    g.seal('ana', { nominee: 'ben', reason: 'Calm' });
    g.next(2); // → change
    expect(g.act(changeNomination, 'ana', { nominee: 'chloe', reason: ' ' })).toMatchObject({
      reason: 'reason-required',
    });
    expect(g.act(changeNomination, 'ana', { nominee: 'chloe', reason: 'Heard Ben' }).status).toBe(
      'applied',
    );
    // A reveal that arrives after the change is filed before it: the change stands.
    expect(g.reveal('ana').status).toBe('applied');
    expect(g.act(changeNomination, 'chloe', { nominee: 'ana', reason: 'Also' }).status).toBe(
      'applied',
    );
    const now = currentNominations(currentItem(g.state())!);
    expect(now.map((n) => [n.by, n.nominee, n.stage])).toEqual([
      ['ana', 'chloe', 'changed'],
      ['chloe', 'ana', 'changed'],
    ]);
    expect(election(g).nominations.map((n) => n.stage)).toEqual(['revealed', 'changed', 'changed']);
  });

  it('ELECT-6 the facilitator proposes a participant, in the propose or integration step, within the term', () => {
    const h = electionHarness();
    h.next(4); // → propose
    expect(propose(h, 'ben', TARGET.termEnd, 'ana')).toMatchObject({ reason: 'not-facilitator' });
    expect(propose(h, 'obs')).toMatchObject({ reason: 'observer' });
    expect(propose(h, 'nobody')).toMatchObject({ reason: 'unknown-person' });
    expect(propose(h, 'ben', '2031-07-01')).toMatchObject({ reason: 'term-too-long' });
    expect(propose(h, 'ben', '1970-01-01')).toMatchObject({ reason: 'invalid-date' });
    expect(propose(h, 'ben', '2030-12-31').status).toBe('applied');
    expect(currentCandidate(currentItem(h.state())!)).toMatchObject({
      nominee: 'ben',
      termEnd: '2030-12-31',
      focus: 'Weekly meetings',
      afterRound: 0,
    });
    h.next();
    expect(propose(h, 'ana')).toMatchObject({ reason: 'wrong-step' });
  });

  it('ELECT-7 the role is filled only after a clear round on the standing proposal, the candidate included', () => {
    const h = atObjections();
    h.act(recordPosition, 'ana', { value: 'consent' });
    h.next(); // clear → outcome
    expect(h.act(recordOutcome, 'fac1', 'adopted', TARGET.termEnd)).toMatchObject({
      reason: 'candidate-not-consented',
    });
    h.act(undoStep, 'fac1');
    h.act(recordPosition, 'ben', { value: 'consent' });
    h.next();
    expect(h.act(recordOutcome, 'fac1', 'adopted', '2031-01-01')).toMatchObject({
      status: 'superseded',
    });
    expect(h.act(recordOutcome, 'fac1', 'adopted', TARGET.termEnd).status).toBe('applied');
    expect(h.state().items[0]).toMatchObject({ status: 'done', outcome: { outcome: 'adopted' } });
  });

  it('ELECT-7 an objection is integrated by a new proposal (a shorter term) and a new round', () => {
    const h = atObjections();
    h.act(recordPosition, 'chloe', { value: 'objection', reason: 'Two years is long' });
    h.act(recordPosition, 'ben', { value: 'consent' });
    h.next(); // blocking → integrate
    expect(h.state().step?.key).toBe('integrate');
    const objection = currentItem(h.state())!.objections[0]!;
    expect(propose(h, 'ben', '2030-12-31').status).toBe('applied');
    h.act(linkAmendment, 'fac1', objection.id, 'Term shortened to one year');
    h.act(confirmAmendment, 'chloe', objection.id);
    h.next(); // → objections, round 2
    expect(h.state().step).toMatchObject({ key: 'objections', positionRound: 2 });
    h.act(recordPosition, 'chloe', { value: 'consent' });
    h.act(recordPosition, 'ben', { value: 'consent' });
    h.next();
    expect(h.act(recordOutcome, 'fac1', 'adopted', TARGET.termEnd)).toMatchObject({
      status: 'superseded',
    });
    expect(h.act(recordOutcome, 'fac1', 'adopted', '2030-12-31').status).toBe('applied');
  });

  it('ELECT-7 a proposal made after the round (undo back to it) cannot be adopted on that round', () => {
    const h = atObjections();
    h.act(recordPosition, 'chloe', { value: 'objection', reason: 'No' });
    h.act(recordPosition, 'ben', { value: 'consent' });
    h.next(); // integrate
    propose(h, 'ana');
    h.act(undoStep, 'fac1'); // back to the objections round 1, on ben's positions
    const item = currentItem(h.state())!;
    expect(item.positionRound).toBe(1);
    h.act(recordPosition, 'chloe', { value: 'consent' });
    h.act(recordPosition, 'ana', { value: 'consent' });
    h.next(); // clear → outcome
    expect(h.act(recordOutcome, 'fac1', 'adopted', TARGET.termEnd)).toMatchObject({
      reason: 'candidate-not-consented',
    });
  });

  it('ELECT-8 the decision entry names the role, the person, the term and every nomination', () => {
    const h = atObjections();
    h.act(recordPosition, 'ben', { value: 'consent' });
    h.next();
    h.act(recordOutcome, 'fac1', 'adopted', TARGET.termEnd);
    const state = h.state();
    const result = state.results.at(-1)!;
    const entry = buildDecisionEntry({
      state,
      outcome: { eventId: result.id!, itemId: 'elect1', by: 'fac1' },
      meeting: { id: 'm1', title: 'Gov', circleId: 'circle1', circleName: 'Core' },
      people: ELECTION_CONTEXT.people,
      proposalDoc: null,
      recordedBy: 'fac1',
      recordedAt: 9,
    })!;
    expect(entry.election).toMatchObject({
      roleId: 'role1',
      circleId: 'circle1',
      personId: 'ben',
      focus: 'Weekly meetings',
      termEnd: TARGET.termEnd,
      nominations: [
        { by: 'ana', nominee: 'ben', reason: 'Calm and fair', stage: 'revealed' },
        { by: 'ben', nominee: 'ana', reason: 'Knows the circle', stage: 'revealed' },
      ],
    });
    expect(entry.names).toMatchObject({ ana: 'ANA', ben: 'BEN' });
    expect(parseDecisionEntry(JSON.parse(JSON.stringify(entry)))).toEqual(entry);
  });

  it('MEET-12 election events of the wrong shape are malformed', () => {
    const expects = { phase: 'item', itemId: 'elect1', stepId: 's1' };
    const base = { id: 'e1', by: 'ana', at: 1, expects };
    expect(parseEvent({ ...base, type: 'nomination.seal', seal: 'XYZ' })).toBeNull();
    expect(parseEvent({ ...base, type: 'nomination.seal', seal: 'a'.repeat(64) })).not.toBeNull();
    expect(
      parseEvent({
        ...base,
        type: 'nomination.reveal',
        sealId: 's',
        nominee: 'b',
        reason: '',
        salt: 'short',
      }),
    ).toBeNull();
    expect(
      parseEvent({
        ...base,
        type: 'election.propose',
        nominee: 'b',
        focus: '',
        termEnd: '2031-13-01',
      }),
    ).toBeNull();
  });
});
