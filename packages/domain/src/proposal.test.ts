import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  initProposal,
  proposalBody,
  proposalDriver,
  proposalTitle,
  readProposal,
  setProposalCircle,
  setProposalStatus,
  summarizeProposal,
} from './proposal.ts';
import { canTransition, isEditable, PROPOSAL_STATUSES } from './proposalStatus.ts';

const input = {
  id: 'prop01',
  spaceId: 'space1',
  circleId: 'circle1',
  title: '  Four-day week ',
  driver: 'People are tired on Fridays.',
  createdBy: 'Awa',
  now: 1234,
};

describe('proposal document', () => {
  it('PROP-1 creates a draft with a trimmed title and the driver', () => {
    const doc = new Y.Doc();
    const meta = initProposal(doc, input);
    expect(meta.status).toBe('draft');
    expect(readProposal(doc)).toEqual({
      id: 'prop01',
      spaceId: 'space1',
      circleId: 'circle1',
      status: 'draft',
      createdAt: 1234,
      createdBy: 'Awa',
      authorId: '',
    });
    expect(proposalTitle(doc).toString()).toBe('Four-day week');
    expect(proposalDriver(doc).toString()).toBe('People are tired on Fridays.');
  });

  it('PROP-6 keeps its author’s user id, its proposer by default', () => {
    const doc = new Y.Doc();
    expect(initProposal(doc, { ...input, authorId: 'awa1234' }).authorId).toBe('awa1234');
    expect(readProposal(doc)?.authorId).toBe('awa1234');
  });

  it('PROP-1 refuses an empty or long title, a long driver, and a second proposal', () => {
    expect(() => initProposal(new Y.Doc(), { ...input, title: ' ' })).toThrow(/title/);
    expect(() => initProposal(new Y.Doc(), { ...input, title: 'x'.repeat(201) })).toThrow(/200/);
    expect(() => initProposal(new Y.Doc(), { ...input, driver: 'x'.repeat(2001) })).toThrow(/2000/);
    const doc = new Y.Doc();
    initProposal(doc, input);
    expect(() => initProposal(doc, input)).toThrow(/already/);
    expect(readProposal(new Y.Doc())).toBeNull();
  });

  it('PROP-2 keeps the body in the Y.XmlFragment named body, merged across replicas', () => {
    const a = new Y.Doc();
    initProposal(a, input);
    const b = new Y.Doc();
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    const paragraph = new Y.XmlElement('paragraph');
    paragraph.insert(0, [new Y.XmlText('Hello')]);
    proposalBody(a).insert(0, [paragraph]);
    proposalTitle(b).insert(0, 'A ');
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    Y.applyUpdate(a, Y.encodeStateAsUpdate(b));
    expect(a.getXmlFragment('body').toString()).toBe('<paragraph>Hello</paragraph>');
    expect(proposalBody(b).toString()).toBe(proposalBody(a).toString());
    expect(proposalTitle(a).toString()).toBe('A Four-day week');
  });

  it('PROP-3 allows only the listed status moves', () => {
    const allowed = PROPOSAL_STATUSES.flatMap((from) =>
      PROPOSAL_STATUSES.filter((to) => canTransition(from, to)).map((to) => `${from}->${to}`),
    );
    expect(allowed.sort()).toEqual(
      [
        'draft->in-consent',
        'draft->withdrawn',
        'in-consent->draft',
        'in-consent->adopted',
        'in-consent->rejected',
        'in-consent->withdrawn',
        'rejected->draft',
        'withdrawn->draft',
      ].sort(),
    );
    const doc = new Y.Doc();
    initProposal(doc, input);
    expect(() => setProposalStatus(doc, 'adopted')).toThrow(/cannot go from draft to adopted/);
    setProposalStatus(doc, 'in-consent');
    setProposalStatus(doc, 'adopted');
    expect(readProposal(doc)?.status).toBe('adopted');
    expect(() => setProposalStatus(doc, 'draft')).toThrow();
    expect(() => setProposalStatus(new Y.Doc(), 'draft')).toThrow(/not loaded/);
  });

  it('PROP-4 only a draft is editable', () => {
    expect(PROPOSAL_STATUSES.filter(isEditable)).toEqual(['draft']);
  });

  it('PROP-5 summarizes title on one line with status and circle', () => {
    const doc = new Y.Doc();
    initProposal(doc, input);
    proposalTitle(doc).insert(proposalTitle(doc).length, '\n  for   all ');
    setProposalCircle(doc, 'circle2');
    expect(summarizeProposal(doc, 99)).toEqual({
      title: 'Four-day week for all',
      status: 'draft',
      circleId: 'circle2',
      updatedAt: 99,
    });
  });
});
