/**
 * The life of a proposal (SPEC PROP-3). Only `draft` is edited by hand in this
 * release; the other transitions arrive with meetings.
 */
export const PROPOSAL_STATUSES = [
  'draft',
  'in-consent',
  'adopted',
  'rejected',
  'withdrawn',
] as const;
export type ProposalStatus = (typeof PROPOSAL_STATUSES)[number];

const TRANSITIONS: Readonly<Record<ProposalStatus, readonly ProposalStatus[]>> = {
  draft: ['in-consent', 'withdrawn'],
  'in-consent': ['draft', 'adopted', 'rejected', 'withdrawn'],
  adopted: [],
  rejected: ['draft'],
  withdrawn: ['draft'],
};

/**
 * Whether a proposal may move from one status to another.
 *
 * @example
 * canTransition('draft', 'in-consent'); // true
 * canTransition('adopted', 'draft'); // false: an adopted text is a record
 */
export function canTransition(from: ProposalStatus, to: ProposalStatus): boolean {
  return TRANSITIONS[from].includes(to);
}

/** Whether the proposal's text and fields may still be edited (SPEC PROP-4). */
export function isEditable(status: ProposalStatus): boolean {
  return status === 'draft';
}
