import { describe, expect, it } from 'vitest';
import { proposalDoc, spaceDoc } from '../../test/decisionFixtures.ts';
import { readProposal, setProposalStatus } from '../proposal.ts';
import { listProposals } from '../space.ts';
import { applyOutcomeToProposal, statusAfterOutcome, statusPath } from './proposalOutcome.ts';

describe('the proposal follows its outcome', () => {
  it('DEC-6 adopted, rejected and withdrawn keep their name; deferred goes back to draft', () => {
    expect(statusAfterOutcome('adopted')).toBe('adopted');
    expect(statusAfterOutcome('rejected')).toBe('rejected');
    expect(statusAfterOutcome('withdrawn')).toBe('withdrawn');
    expect(statusAfterOutcome('deferred')).toBe('draft');
  });

  it('DEC-6 moves follow PROP-3: a draft goes through in-consent; adopted is final', () => {
    expect(statusPath('draft', 'adopted')).toEqual(['in-consent', 'adopted']);
    expect(statusPath('in-consent', 'adopted')).toEqual(['adopted']);
    expect(statusPath('draft', 'withdrawn')).toEqual(['withdrawn']);
    expect(statusPath('draft', 'draft')).toEqual([]);
    expect(statusPath('rejected', 'adopted')).toEqual(['draft', 'in-consent', 'adopted']);
    expect(statusPath('adopted', 'draft')).toBeNull();
  });

  it('DEC-6 an adopted draft becomes adopted, and so does its index entry', () => {
    const proposal = proposalDoc();
    const space = spaceDoc();
    expect(applyOutcomeToProposal(proposal, space, 'prop-consent1', 'adopted', 500)).toBe(
      'adopted',
    );
    expect(readProposal(proposal)?.status).toBe('adopted');
    expect(listProposals(space)[0]).toMatchObject({ status: 'adopted', updatedAt: 500 });
  });

  it('DEC-6 deferred returns an in-consent proposal to draft; twice is harmless', () => {
    const proposal = proposalDoc();
    const space = spaceDoc();
    setProposalStatus(proposal, 'in-consent');
    applyOutcomeToProposal(proposal, space, 'prop-consent1', 'deferred', 500);
    expect(applyOutcomeToProposal(proposal, space, 'prop-consent1', 'deferred', 500)).toBe('draft');
    expect(readProposal(proposal)?.status).toBe('draft');
    expect(listProposals(space)[0]?.status).toBe('draft');
  });

  it('DEC-6 an unreachable status or another proposal writes nothing', () => {
    const proposal = proposalDoc();
    const space = spaceDoc();
    applyOutcomeToProposal(proposal, space, 'prop-consent1', 'adopted', 500);
    expect(applyOutcomeToProposal(proposal, space, 'prop-consent1', 'deferred', 600)).toBeNull();
    expect(applyOutcomeToProposal(proposal, space, 'other', 'rejected', 600)).toBeNull();
    expect(readProposal(proposal)?.status).toBe('adopted');
    expect(listProposals(space)[0]?.updatedAt).toBe(500);
  });
});
