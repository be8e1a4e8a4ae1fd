export { newId, isId } from './ids.ts';
export { DOC_KINDS, roomName, spaceRoom, parseRoomName } from './room.ts';
export type { DocKind, RoomRef } from './room.ts';
export { replaceText, toWellFormed } from './text.ts';
export { PROPOSAL_STATUSES, canTransition, isEditable } from './proposalStatus.ts';
export type { ProposalStatus } from './proposalStatus.ts';
export {
  SPACE_SCHEMA_VERSION,
  SPACE_NAME_MAX,
  CIRCLE_NAME_MAX,
  cleanName,
  compareIds,
  spaceFields,
  spaceCircles,
  spaceProposals,
  initSpace,
  readSpace,
  renameSpace,
  listCircles,
  addProposalSummary,
  updateProposalSummary,
  listProposals,
} from './space.ts';
export type { SpaceInfo, Circle, ProposalSummary, InitSpaceInput } from './space.ts';
export {
  PROPOSAL_SCHEMA_VERSION,
  PROPOSAL_BODY_FIELD,
  TITLE_MAX,
  DRIVER_MAX,
  proposalFields,
  proposalTitle,
  proposalDriver,
  proposalBody,
  initProposal,
  readProposal,
  setProposalStatus,
  setProposalCircle,
  summarizeProposal,
} from './proposal.ts';
export type { ProposalMeta, InitProposalInput } from './proposal.ts';
