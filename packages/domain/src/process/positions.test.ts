import { describe, expect, it } from 'vitest';
import { harness, type Harness } from '../../test/meetingHarness.ts';
import {
  confirmAmendment,
  gotoItem,
  linkAmendment,
  nextStep,
  recordPosition,
  startMeeting,
  testObjection,
} from './commands.ts';
import type { ObjectionTestAnswers } from './events.ts';
import {
  blockingObjections,
  currentItem,
  effectivePositions,
  objectionResolution,
} from './selectors.ts';
import { PROCESS_TEMPLATES } from './templates.ts';

const YES: ObjectionTestAnswers = {
  harm: true,
  createdByProposal: true,
  urgent: true,
  limitsRole: true,
};

/** The consent item at its first consent round. */
function consentRound(): Harness {
  const h = harness();
  h.act(startMeeting, 'fac1');
  for (let i = 0; i < 5; i++) h.act(nextStep, 'fac1');
  return h;
}

/** The IDM item (owner ben) at its first objection round. */
function objectionRound(): Harness {
  const h = harness();
  h.act(startMeeting, 'fac1');
  h.act(gotoItem, 'fac1', 'idm1');
  for (let i = 0; i < 4; i++) h.act(nextStep, 'fac1');
  return h;
}

const item = (h: Harness) => currentItem(h.state())!;

describe('positions and objections', () => {
  it('POS-1 positions are recorded only in a positions step, for its round', () => {
    const h = harness();
    h.act(startMeeting, 'fac1');
    h.act(nextStep, 'fac1');
    expect(h.act(recordPosition, 'ana', { value: 'consent' })).toMatchObject({
      reason: 'wrong-step',
    });
    for (let i = 0; i < 4; i++) h.act(nextStep, 'fac1');
    expect(h.state().step!.positionRound).toBe(1);
    const wrongRound = { ...recordPosition(h.state(), 'ana', 1, { value: 'consent' }), round: 2 };
    expect(h.push(wrongRound)).toMatchObject({ status: 'superseded' });
    expect(h.act(recordPosition, 'ana', { value: 'consent' }).status).toBe('applied');
    expect(item(h).positions[0]).toMatchObject({ round: 1, person: 'ana', value: 'consent' });
  });

  it('POS-2 a facilitator records on behalf of someone, shown; nobody else may; no observers', () => {
    const h = consentRound();
    expect(h.act(recordPosition, 'ana', { value: 'consent', onBehalfOf: 'ben' })).toMatchObject({
      reason: 'not-facilitator',
    });
    expect(h.act(recordPosition, 'fac1', { value: 'consent', onBehalfOf: 'fac1' })).toMatchObject({
      reason: 'on-behalf-of-self',
    });
    expect(h.act(recordPosition, 'fac1', { value: 'consent', onBehalfOf: 'obs' })).toMatchObject({
      reason: 'observer',
    });
    expect(h.act(recordPosition, 'obs', { value: 'consent' })).toMatchObject({
      reason: 'observer',
    });
    expect(h.act(recordPosition, 'fac1', { value: 'stand-aside', onBehalfOf: 'ben' }).status).toBe(
      'applied',
    );
    expect(item(h).positions[0]).toMatchObject({ person: 'ben', by: 'fac1', onBehalfOf: 'ben' });
  });

  it('POS-3 a later position of the same person in the same round replaces the earlier', () => {
    const h = consentRound();
    h.act(recordPosition, 'ana', { value: 'objection', reason: 'Too costly' });
    h.act(recordPosition, 'ben', { value: 'consent' });
    expect(item(h).objections).toHaveLength(1);
    h.act(recordPosition, 'ana', { value: 'concern', reason: 'Still costly' });
    const it1 = item(h);
    expect(it1.positions).toHaveLength(3);
    expect(effectivePositions(it1, 1).map((p) => [p.person, p.value])).toEqual([
      ['ana', 'concern'],
      ['ben', 'consent'],
    ]);
    expect(it1.objections).toEqual([]);
  });

  it('POS-4 values come from the template; an objection needs a reason, a concern does not', () => {
    const h = consentRound();
    expect(h.act(recordPosition, 'ana', { value: 'no-objection' })).toMatchObject({
      reason: 'invalid-position',
    });
    expect(h.act(recordPosition, 'ana', { value: 'objection', reason: '  ' })).toMatchObject({
      reason: 'reason-required',
    });
    expect(h.act(recordPosition, 'ana', { value: 'concern' }).status).toBe('applied');
    const idm = objectionRound();
    expect(idm.act(recordPosition, 'ana', { value: 'consent' })).toMatchObject({
      reason: 'invalid-position',
    });
    expect(idm.act(recordPosition, 'ana', { value: 'no-objection' }).status).toBe('applied');
    expect(PROCESS_TEMPLATES.idm.positions).toEqual(['no-objection', 'objection']);
  });

  it('POS-5 an objection or concern may carry an anchor, stored as given; others may not', () => {
    const h = consentRound();
    const anchor = { start: 'AQID', end: 'BAUG', quote: 'every week' };
    expect(h.act(recordPosition, 'ana', { value: 'consent', anchor })).toMatchObject({
      reason: 'anchor-needs-objection',
    });
    h.act(recordPosition, 'ana', { value: 'objection', reason: 'Too often', anchor });
    expect(item(h).objections[0]!.anchor).toEqual(anchor);
  });

  it('POS-6 an objection blocks unless ruled invalid or converted to a concern', () => {
    const h = objectionRound();
    h.act(recordPosition, 'ana', { value: 'objection', reason: 'A' });
    h.act(recordPosition, 'chloe', { value: 'objection', reason: 'C' });
    h.act(recordPosition, 'fac2', { value: 'objection', reason: 'F' });
    expect(blockingObjections(item(h), 1)).toHaveLength(3);
    h.act(nextStep, 'fac1');
    const [a, c] = item(h).objections;
    h.act(testObjection, 'fac1', a!.id, { ...YES, urgent: false }, 'invalid');
    h.act(testObjection, 'fac1', c!.id, { ...YES, harm: false }, 'concern');
    expect(blockingObjections(item(h), 1).map((o) => o.objector)).toEqual(['fac2']);
  });

  it('POS-7 the proposer or a facilitator links an amendment to a blocking objection', () => {
    const h = consentRound();
    h.act(recordPosition, 'ben', { value: 'objection', reason: 'Too costly' });
    h.act(nextStep, 'fac1');
    const id = item(h).objections[0]!.id;
    expect(h.act(linkAmendment, 'chloe', id, 'Halved')).toMatchObject({ reason: 'not-allowed' });
    expect(h.act(linkAmendment, 'ana', id, ' ')).toMatchObject({ reason: 'summary-required' });
    expect(h.act(linkAmendment, 'ana', 'nope99', 'x')).toMatchObject({
      reason: 'unknown-objection',
    });
    expect(h.act(linkAmendment, 'ana', id, 'Halved the budget').status).toBe('applied');
    expect(h.act(linkAmendment, 'fac2', id, 'And dated it').status).toBe('applied');
    expect(item(h).objections[0]!.amendments.map((a) => [a.by, a.summary])).toEqual([
      ['ana', 'Halved the budget'],
      ['fac2', 'And dated it'],
    ]);
  });
});

describe('consent process', () => {
  it('CONSENT-1 the template is present, clarify, react, amend, consent, integrate, outcome', () => {
    expect(PROCESS_TEMPLATES.consent.steps.map((s) => [s.key, s.kind])).toEqual([
      ['present', 'open'],
      ['clarify', 'round'],
      ['react', 'round'],
      ['amend', 'open'],
      ['consent', 'positions'],
      ['integrate', 'integration'],
      ['outcome', 'outcome'],
    ]);
    expect(consentRound().state().step!.key).toBe('consent');
  });

  it('CONSENT-2 from the consent round, next goes to integrate while an objection stands', () => {
    const h = consentRound();
    h.act(recordPosition, 'ben', { value: 'objection', reason: 'No' });
    h.act(recordPosition, 'chloe', { value: 'concern' });
    h.act(nextStep, 'fac1');
    expect(h.state().step).toMatchObject({ key: 'integrate', positionRound: 1 });
  });

  it('CONSENT-3 a linked amendment integrates an objection; then a new consent round opens', () => {
    const h = consentRound();
    h.act(recordPosition, 'ben', { value: 'objection', reason: 'No' });
    h.act(nextStep, 'fac1');
    const objection = item(h).objections[0]!;
    expect(objectionResolution(item(h), objection)).toBe('open');
    h.act(linkAmendment, 'ana', objection.id, 'Changed');
    expect(objectionResolution(item(h), item(h).objections[0]!)).toBe('integrated');
    h.act(nextStep, 'fac1');
    expect(h.state().step).toMatchObject({ key: 'consent', positionRound: 2 });
    h.act(recordPosition, 'ben', { value: 'consent' });
    expect(item(h).positions.map((p) => [p.round, p.value])).toEqual([
      [1, 'objection'],
      [2, 'consent'],
    ]);
    h.act(nextStep, 'fac1');
    expect(h.state().step!.key).toBe('outcome');
  });
});

describe('integrative decision-making', () => {
  it('IDM-1 the template is present, clarify, react, amend, objections, test, integrate, outcome', () => {
    expect(PROCESS_TEMPLATES.idm.steps.map((s) => s.key)).toEqual([
      'present',
      'clarify',
      'react',
      'amend',
      'objections',
      'test',
      'integrate',
      'outcome',
    ]);
    expect(objectionRound().state().step).toMatchObject({ kind: 'positions', positionRound: 1 });
  });

  it('IDM-2 objections lead to the test; only blocking ones after the test lead to integration', () => {
    const h = objectionRound();
    h.act(recordPosition, 'ana', { value: 'objection', reason: 'Harms the budget' });
    h.act(nextStep, 'fac1');
    expect(h.state().step!.key).toBe('test');
    h.act(testObjection, 'fac1', item(h).objections[0]!.id, { ...YES, harm: false }, 'invalid');
    h.act(nextStep, 'fac1');
    expect(h.state().step!.key).toBe('outcome');
    const clear = objectionRound();
    clear.act(recordPosition, 'ana', { value: 'no-objection' });
    clear.act(nextStep, 'fac1');
    expect(clear.state().step!.key).toBe('outcome');
  });

  it('IDM-3 a facilitator tests an objection of the round; a later test replaces the earlier', () => {
    const h = objectionRound();
    h.act(recordPosition, 'ana', { value: 'objection', reason: 'Harms' });
    const id = item(h).objections[0]!.id;
    expect(h.act(testObjection, 'fac1', id, YES, 'valid')).toMatchObject({ reason: 'wrong-step' });
    h.act(nextStep, 'fac1');
    expect(h.act(testObjection, 'ana', id, YES, 'valid')).toMatchObject({
      reason: 'not-facilitator',
    });
    h.act(testObjection, 'fac1', id, { ...YES, urgent: false }, 'concern');
    h.act(testObjection, 'fac2', id, YES, 'valid');
    expect(item(h).objections[0]!.test).toMatchObject({
      ruling: 'valid',
      by: 'fac2',
      answers: YES,
    });
  });

  it('IDM-4 a ruling of valid needs all four answers yes', () => {
    const h = objectionRound();
    h.act(recordPosition, 'ana', { value: 'objection', reason: 'Harms' });
    h.act(nextStep, 'fac1');
    const id = item(h).objections[0]!.id;
    expect(h.act(testObjection, 'fac1', id, { ...YES, limitsRole: false }, 'valid')).toMatchObject({
      reason: 'valid-needs-four-yes',
    });
  });

  it('IDM-5 from integration, next goes back to a new objection round', () => {
    const h = objectionRound();
    h.act(recordPosition, 'ana', { value: 'objection', reason: 'Harms' });
    h.act(nextStep, 'fac1');
    h.act(nextStep, 'fac1'); // untested objections block: integration
    expect(h.state().step!.key).toBe('integrate');
    h.act(nextStep, 'fac1');
    expect(h.state().step).toMatchObject({ key: 'objections', positionRound: 2 });
  });

  it('IDM-6 an objection is resolved only when objector and proposer both confirm', () => {
    const h = objectionRound();
    h.act(recordPosition, 'ana', { value: 'objection', reason: 'Harms' });
    h.act(nextStep, 'fac1');
    h.act(nextStep, 'fac1');
    const id = item(h).objections[0]!.id;
    const resolution = () => objectionResolution(item(h), item(h).objections[0]!);
    h.act(linkAmendment, 'ben', id, 'Capped at 100');
    expect(h.act(confirmAmendment, 'fac1', id)).toMatchObject({ reason: 'not-allowed' });
    expect(h.act(confirmAmendment, 'ana', id).status).toBe('applied');
    expect(h.act(confirmAmendment, 'ana', id)).toMatchObject({ reason: 'already-confirmed' });
    expect(resolution()).toBe('open');
    const beforeNewAmendment = h.state();
    h.act(linkAmendment, 'ben', id, 'Capped at 80');
    expect(h.push(confirmAmendment(beforeNewAmendment, 'ben', 1, id))).toMatchObject({
      status: 'superseded',
    });
    h.act(confirmAmendment, 'ben', id);
    expect(resolution()).toBe('open');
    h.act(confirmAmendment, 'ana', id);
    expect(resolution()).toBe('confirmed');
  });

  it('IDM-6 when the objector is the proposer, one confirmation resolves it', () => {
    const h = objectionRound();
    h.act(recordPosition, 'ben', { value: 'objection', reason: 'Second thoughts' });
    h.act(nextStep, 'fac1');
    h.act(nextStep, 'fac1');
    const id = item(h).objections[0]!.id;
    h.act(linkAmendment, 'ben', id, 'Fixed');
    h.act(confirmAmendment, 'ben', id);
    expect(objectionResolution(item(h), item(h).objections[0]!)).toBe('confirmed');
  });
});
