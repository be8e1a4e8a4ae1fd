import * as Y from 'yjs';
import {
  linkAmendment,
  nextStep,
  recordOutcome,
  recordPosition,
  startMeeting,
} from '../src/process/commands.ts';
import { initProposal, proposalBody } from '../src/proposal.ts';
import { addProposalSummary, initSpace } from '../src/space.ts';
import { harness, type Harness } from './meetingHarness.ts';

/**
 * A consent meeting whose first item (proposal `prop-consent1` by ana) was
 * adopted after ben's objection was integrated; fac1 recorded the outcome.
 */
export function adoptedMeeting(): Harness {
  const h = harness();
  h.act(startMeeting, 'fac1');
  for (let i = 0; i < 5; i++) h.act(nextStep, 'fac1');
  h.act(recordPosition, 'ana', { value: 'consent' });
  h.act(recordPosition, 'ben', {
    value: 'objection',
    reason: 'Too fast',
    anchor: { start: 'AA', end: 'AA', quote: 'four days' },
  });
  h.act(recordPosition, 'fac2', { value: 'concern', reason: 'Cost', onBehalfOf: 'chloe' });
  h.act(nextStep, 'fac1');
  const objection = h.state().items[0]!.objections[0]!;
  h.act(linkAmendment, 'ana', objection.id, 'Start in September');
  h.act(nextStep, 'fac1');
  h.act(recordPosition, 'ana', { value: 'consent' });
  h.act(recordPosition, 'ben', { value: 'consent' });
  h.act(nextStep, 'fac1');
  h.act(recordOutcome, 'fac1', 'adopted', '2026-09-01');
  return h;
}

/** A proposal document with a title, driver and a formatted body. */
export function proposalDoc(id = 'prop-consent1'): Y.Doc {
  const doc = new Y.Doc();
  initProposal(doc, {
    id,
    spaceId: 'space001',
    circleId: 'circle01',
    title: '  Four-day   week ',
    driver: 'We are tired',
    createdBy: 'Ana',
    now: 1,
  });
  const paragraph = new Y.XmlElement('paragraph');
  const text = new Y.XmlText();
  paragraph.insert(0, [text]);
  proposalBody(doc).insert(0, [paragraph]);
  text.insert(0, 'Work ');
  text.insert(5, 'four days', { bold: {}, 'link--x1': { href: 'https://a.org', target: null } });
  return doc;
}

/** A space document listing the proposal. */
export function spaceDoc(proposalId = 'prop-consent1'): Y.Doc {
  const doc = new Y.Doc();
  const space = initSpace(doc, { id: 'space001', name: 'Coop', circleName: 'General', now: 0 });
  addProposalSummary(doc, {
    id: proposalId,
    title: 'Four-day week',
    status: 'draft',
    circleId: space.defaultCircleId,
    createdAt: 0,
    updatedAt: 0,
  });
  return doc;
}
