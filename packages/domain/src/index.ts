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
export {
  MEETING_KINDS,
  MEETING_ROLES,
  AGENDA_ITEM_KINDS,
  DECISION_PROCESSES,
} from './meeting/types.ts';
export type {
  MeetingKind,
  MeetingRole,
  MeetingPerson,
  AgendaItemKind,
  DecisionProcess,
  AgendaItem,
  MeetingInfo,
} from './meeting/types.ts';
export {
  MEETING_SCHEMA_VERSION,
  MEETING_TITLE_MAX,
  meetingFields,
  initMeeting,
  readMeeting,
  updateMeeting,
} from './meeting/meetingDoc.ts';
export type { InitMeetingInput, MeetingPatch } from './meeting/meetingDoc.ts';
export {
  PERSON_NAME_MAX,
  meetingPeople,
  joinMeeting,
  setPersonRole,
  listPeople,
} from './meeting/people.ts';
export type { JoinInput } from './meeting/people.ts';
export {
  AGENDA_TITLE_MAX,
  TENSION_TEXT_MAX,
  TIMEBOX_MIN,
  TIMEBOX_MAX,
  DEFAULT_TIMEBOX_MINUTES,
  meetingAgenda,
  addAgendaItem,
  updateAgendaItem,
  removeAgendaItem,
  moveAgendaItem,
  listAgenda,
} from './meeting/agenda.ts';
export type { AddAgendaItemInput, AgendaItemPatch } from './meeting/agenda.ts';
export { orderBetween } from './meeting/fractionalOrder.ts';
export {
  MEETING_STATUSES,
  spaceMeetings,
  addMeetingSummary,
  updateMeetingSummary,
  listMeetings,
} from './meeting/meetingIndex.ts';
export type { MeetingStatus, MeetingSummary, MeetingGroups } from './meeting/meetingIndex.ts';
