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
export {
  AGENDA_ITEMS_MAX,
  cleanItemTitle,
  cleanTensionText,
  tensionTitle,
  isTimebox,
} from './meeting/agendaFields.ts';
export { orderBetween } from './meeting/fractionalOrder.ts';
export {
  MEETING_STATUSES,
  spaceMeetings,
  addMeetingSummary,
  updateMeetingSummary,
  listMeetings,
} from './meeting/meetingIndex.ts';
export type { MeetingStatus, MeetingSummary, MeetingGroups } from './meeting/meetingIndex.ts';
export {
  MEETING_PHASES,
  POSITION_VALUES,
  OBJECTION_RULINGS,
  OUTCOMES,
  REASON_MAX,
  NOTE_MAX,
  INTEREST_MAX,
} from './process/events.ts';
export type {
  MeetingPhase,
  PositionValue,
  ObjectionRuling,
  Outcome,
  Anchor,
  DeclaredInterest,
  ObjectionTestAnswers,
  StepExpects,
  RoundExpects,
  TurnExpects,
  TimeoutExpects,
  MeetingEvent,
  MeetingStartEvent,
  RoleSetEvent,
  LoggedAgendaItem,
  AgendaAddEvent,
  AgendaItemChanges,
  AgendaUpdateEvent,
  AgendaRemoveEvent,
  AgendaMoveEvent,
  MeetingEventType,
} from './process/events.ts';
export { parseEvent } from './process/parseEvent.ts';
export {
  STEP_KINDS,
  DEFAULT_TURN_SECONDS,
  PROCESS_TEMPLATES,
  templateFor,
  templateStep,
} from './process/templates.ts';
export type { StepKind, ProcessStep, ProcessTemplate, TemplateId } from './process/templates.ts';
export type {
  FoldContext,
  StepState,
  TurnState,
  RoundState,
  PositionState,
  ObjectionTestState,
  AmendmentState,
  ConfirmationState,
  ObjectionState,
  OutcomeState,
  ItemStatus,
  ItemState,
  TimeoutState,
  ResultStatus,
  RejectReason,
  EventResult,
  MeetingState,
} from './process/state.ts';
export { initialMeetingState, reduceMeeting, foldMeeting } from './process/fold.ts';
export {
  currentSpeaker,
  isRoundComplete,
  runningRound,
  allRounds,
  activeTimeout,
  findItem,
  currentItem,
  isFacilitator,
  roleOf,
  facilitatorsOf,
  effectivePositions,
  findObjection,
  objectionResolution,
  isBlocking,
  blockingObjections,
} from './process/selectors.ts';
export type { ObjectionResolution } from './process/selectors.ts';
export {
  stepExpects,
  roundExpects,
  startMeeting,
  nextStep,
  undoStep,
  gotoItem,
  skipItem,
  noteItem,
  startRound,
  addToRound,
  endTurn,
  passTurn,
  recordPosition,
  testObjection,
  linkAmendment,
  confirmAmendment,
  recordOutcome,
  callTimeout,
  endTimeout,
  handOver,
  setRole,
  addLiveItem,
  updateLiveItem,
  removeLiveItem,
  moveLiveItem,
} from './process/commands.ts';
export type { PositionInput, LiveItemInput } from './process/commands.ts';
export { pendingItem, documentAgenda, loggedAgenda } from './process/agendaItems.ts';
export { TURN_SECONDS_MIN, TURN_SECONDS_MAX } from './process/rounds.ts';
export { isReviewDate } from './process/outcome.ts';
export { MEETING_LOG, meetingLog, appendEvent, readLog } from './process/log.ts';
export { encodeAnchor, decodeAnchor } from './process/anchor.ts';
export { decisionRecord } from './process/decisionRecord.ts';
export { objectionFollowUp } from './process/objectionFollowUp.ts';
export type { ObjectionFollowUp } from './process/objectionFollowUp.ts';
export { isAmendStep, mayAmendText } from './process/amending.ts';
export { itemElapsedMs, itemTimeboxMs, itemOverrunMs, agendaTime } from './process/itemTime.ts';
export type { AgendaTime } from './process/itemTime.ts';
export { speakingTimes, notYetHeard, quietFirst } from './process/equity.ts';
export type { SpeakerTime, SpeakingScope } from './process/equity.ts';
export {
  spaceParticipation,
  meetingParticipation,
  recordParticipation,
  listParticipation,
  participationTotals,
} from './decisions/participation.ts';
export type {
  ParticipationEntry,
  ParticipationPerson,
  ParticipationTotal,
} from './decisions/participation.ts';
export type {
  DecisionRecord,
  DecisionPosition,
  DecisionObjection,
} from './process/decisionRecord.ts';
export { fragmentToTree, treeText, isDocNode } from './decisions/docTree.ts';
export type { DocNode, DocMark, DocAttr } from './decisions/docTree.ts';
export { DECISION_SCHEMA_VERSION, parseDecisionEntry } from './decisions/decisionEntry.ts';
export type { DecisionEntry, DecisionMeeting, LoggedObjection } from './decisions/decisionEntry.ts';
export type { TextAuthor } from './decisions/decisionEntry.ts';
export {
  spaceDecisions,
  hasDecision,
  recordDecision,
  readDecision,
  listDecisions,
  isDueForReview,
  decisionsDueForReview,
} from './decisions/decisionLog.ts';
export {
  appliedOutcomes,
  outcomesToRecord,
  buildDecisionEntry,
  decisionContributors,
} from './decisions/buildDecisionEntry.ts';
export type { AppliedOutcome, BuildDecisionInput } from './decisions/buildDecisionEntry.ts';
export {
  statusAfterOutcome,
  statusPath,
  applyOutcomeToProposal,
} from './decisions/proposalOutcome.ts';
export { canonicalJson } from './signing/canonicalJson.ts';
export {
  eventSigningPayload,
  readSignature,
  KEY_ID_LENGTH,
  SIGNATURE_LENGTH,
} from './signing/eventSigning.ts';
export type { SignedEvent } from './signing/eventSigning.ts';
export {
  RECORD_KINDS,
  LIST_OWNER_KINDS,
  LIST_NAMES,
  AMENDABLE_FIELDS,
  ENTRY_TEXT_MAX,
  RECORD_ROOTS,
  RECORD_VERSION_KEY,
  recordRoot,
  versionKey,
  entryKey,
  isAmendable,
  fieldRule,
} from './governance/model.ts';
export type {
  RecordKind,
  ListOwnerKind,
  ListName,
  FieldValue,
  FieldRule,
  RecordRef,
  ListEntry,
  RecordBase,
  CircleRecord,
  RoleRecord,
  PolicyRecord,
  AssignmentRecord,
} from './governance/model.ts';
export { compareNames } from './governance/nameOrder.ts';
export {
  readCircle,
  readRole,
  readPolicy,
  readAssignment,
  listCircleRecords,
  circleTree,
  rolesOf,
  policiesOf,
  assignmentsOf,
  assignmentsOfPerson,
} from './governance/readRecords.ts';
export type { CircleNode } from './governance/readRecords.ts';
export { CHANGE_TYPES, changedRecord } from './governance/changes.ts';
export type {
  AddCircleChange,
  AddRoleChange,
  AddPolicyChange,
  AmendChange,
  RemoveChange,
  ListOwnerRef,
  AddEntryChange,
  AmendEntryChange,
  RemoveEntryChange,
  AssignChange,
  UnassignChange,
  GovernanceChange,
  GovernanceChangeType,
} from './governance/changes.ts';
export { parseChange, cleanFieldValue } from './governance/parseChange.ts';
export {
  proposalChanges,
  addChange,
  updateChange,
  removeChange,
  listChanges,
} from './governance/proposalChanges.ts';
export {
  draftAmend,
  draftRemove,
  draftUnassign,
  draftAmendEntry,
  draftRemoveEntry,
} from './governance/draftChanges.ts';
export type { ChangeMeta } from './governance/draftChanges.ts';
export type { ConflictReason, Conflict, FieldDiff, AppliedChange } from './governance/conflict.ts';
export { compareChanges } from './governance/planChanges.ts';
export { diffChange, diffChanges } from './governance/diffChange.ts';
export type { ChangeDiff } from './governance/diffChange.ts';
export { applyChanges, detectConflicts } from './governance/applyChanges.ts';
export type { Provenance, ApplyResult } from './governance/applyChanges.ts';
export {
  GOVERNANCE_LOG_SCHEMA,
  governanceLog,
  parseGovernanceUnit,
  readGovernanceUnit,
  recordHistory,
} from './governance/governanceLog.ts';
export type { GovernanceUnit, HistoryEntry } from './governance/governanceLog.ts';
export { versionTokens, VERSION_SECTIONS } from './history/versionTokens.ts';
export type { VersionToken, VersionTokens, VersionSection } from './history/versionTokens.ts';
export { authoredVersion, authorShares, versionPlainText } from './history/versionText.ts';
export type {
  AuthorOf,
  AuthoredRun,
  AuthoredBlock,
  AuthoredVersion,
  AuthorShare,
} from './history/versionText.ts';
export { diffVersions } from './history/diffVersions.ts';
export type {
  DiffOp,
  DiffRun,
  DiffBlock,
  DiffCounts,
  VersionDiff,
} from './history/diffVersions.ts';
export { VERSION_KINDS, MAX_VERSION_NAME, normalizeVersionName } from './history/versionMeta.ts';
export type { VersionKind, VersionMeta } from './history/versionMeta.ts';
export { LEDGER_KINDS } from './ledger/ledger.ts';
export type {
  LedgerKind,
  LedgerSource,
  LedgerLine,
  LedgerInput,
  WrittenText,
  RoleTerm,
} from './ledger/ledger.ts';
export { deriveLedger } from './ledger/deriveLedger.ts';
export { ledgerInputOf } from './ledger/ledgerInput.ts';
export { ledgerTotals } from './ledger/ledgerTotals.ts';
export type { LedgerTotals } from './ledger/ledgerTotals.ts';
// Time bank (issue 10, SPEC TIME)
export {
  WORK_KINDS,
  MAX_ENTRY_MINUTES,
  TIME_SUBJECT_MAX,
  TIME_NOTE_MAX,
  TIME_REASON_MAX,
  isDay,
  parseTimeEvent,
  timeEventSigningPayload,
  timeLog,
} from './timeBank/timeEvents.ts';
export type { TimeEvent, TimeEventType, WorkFields, WorkKind } from './timeBank/timeEvents.ts';
export { checkTimeEvent, entriesToReview, foldTimeLog } from './timeBank/foldTimeLog.ts';
export type {
  Dispute,
  EntryStatus,
  TimeBankState,
  TimeEntry,
  TimeRefusal,
} from './timeBank/foldTimeLog.ts';
export { dayAtOffset, inPeriod, timeBalances } from './timeBank/balances.ts';
export type {
  Balances,
  BalanceInput,
  CircleBalance,
  PersonBalance,
  Period,
} from './timeBank/balances.ts';
export {
  csvField,
  decimalHours,
  TIME_CSV_HEADER,
  TIME_ENTRIES_CSV_HEADER,
  timeBankCsv,
  timeEntriesCsv,
} from './timeBank/timeBankCsv.ts';
export {
  circleMembersAt,
  circleRosterFrom,
  circleRosterOf,
  isCircleMember,
  isKnownCircle,
} from './timeBank/circleRoster.ts';
export type { CircleRoster, RosterTerm } from './timeBank/circleRoster.ts';
export {
  ASYNC_POSITIONS,
  DEFAULT_ASYNC_POLICY,
  MAX_DEADLINE_MS,
  MIN_DEADLINE_MS,
  REASON_MAX as ASYNC_REASON_MAX,
  SERVER_AUTHOR,
  SUMMARY_MAX as ASYNC_SUMMARY_MAX,
  parseAsyncEntry,
  parseAsyncPersonEvent,
  parsePolicy,
} from './asyncConsent/events.ts';
export type {
  AsyncEvent,
  AsyncPersonEvent,
  AsyncPolicy,
  AsyncPosition,
  TextRef,
} from './asyncConsent/events.ts';
export {
  awaitingPosition,
  everyoneConsented,
  foldAsyncConsent,
  isStale,
  resultNow,
} from './asyncConsent/fold.ts';
export type {
  Amendment,
  AsyncClosing,
  AsyncConsentState,
  AsyncFoldContext,
  AsyncResult,
  RecordedPosition,
} from './asyncConsent/fold.ts';
export {
  ASYNC_POLICY_KEY,
  consentLog,
  listAsyncConsents,
  readAsyncConsentSummary,
  readAsyncPolicy,
  readConsentLog,
  sameSummary,
  setAsyncPolicy,
  spaceAsyncConsents,
  spaceSettings,
  summarizeAsyncConsent,
} from './asyncConsent/consentDoc.ts';
export type { AsyncConsentSummary } from './asyncConsent/consentDoc.ts';
export {
  amendAsyncConsent,
  closeAsyncConsentEarly,
  extendAsyncConsent,
  openAsyncConsent,
  recordAsyncPosition,
  withdrawAsyncConsent,
} from './asyncConsent/commands.ts';
export { buildAsyncDecisionEntry, outcomeOfAsync } from './asyncConsent/asyncDecision.ts';
export { isTextDigest, proposalTextDigest } from './asyncConsent/textDigest.ts';
export type { AsyncDecisionEntry, AsyncDecisionFacts } from './asyncConsent/asyncDecision.ts';
export {
  TENSION_TEXT_LIMIT,
  CLOSE_REASON_MAX,
  ACTION_TITLE_MAX,
  PERSON_NAME_LIMIT,
  TENSION_CLOSINGS,
  TENSION_STATUSES,
  ACTION_KINDS,
  TENSION_CREATE_FIELDS,
  ACTION_CREATE_FIELDS,
  spaceTensions,
  spaceActions,
} from './tensions/model.ts';
export type {
  Tension,
  TensionClosing,
  TensionStatus,
  Action,
  ActionKind,
} from './tensions/model.ts';
export {
  cleanBacklogText,
  logTension,
  editTension,
  linkTensionToProposal,
  putTensionOnAgenda,
  linkTensionToAction,
  closeTension,
  readTension,
  listTensions,
  isTensionPending,
} from './tensions/tensions.ts';
export type { LogTensionInput } from './tensions/tensions.ts';
export {
  cleanActionTitle,
  actionFields,
  addAction,
  setActionDone,
  editAction,
  readAction,
  listActions,
} from './tensions/actions.ts';
export type { AddActionInput } from './tensions/actions.ts';
export {
  TRIAGE_OUTCOMES,
  backlogPayload,
  applyBacklogEvent,
  appliedTriages,
  appliedReviews,
  triageTension,
  reviewAction,
} from './tensions/triage.ts';
export type {
  TriageOutcome,
  TriagedAction,
  TensionTriageEvent,
  ActionReviewEvent,
  BacklogEvent,
} from './tensions/triage.ts';
export { tensionsAndActionsFor } from './tensions/forPerson.ts';
export type { BacklogForPerson } from './tensions/forPerson.ts';
export { buildInbox, byDue, inboxCount } from './inbox/inbox.ts';
export type {
  InboxContext,
  InboxItem,
  InboxSection,
  InboxSource,
  InboxTarget,
} from './inbox/inbox.ts';
export { INBOX_SOURCES } from './inbox/inboxSources.ts';
export { asyncConsentSection } from './inbox/asyncConsentSection.ts';
export { REVIEW_HORIZON_DAYS, reviewSection } from './inbox/reviewSection.ts';
export { backlogSection } from './inbox/backlogSection.ts';
export { INBOX_MEETINGS_MAX, electionSection, inboxMeetingIds } from './inbox/electionSection.ts';
export type { InboxMeeting } from './inbox/inbox.ts';
export { FOCUS_MAX, NOMINATION_REASON_MAX, parseElectionTarget } from './election/target.ts';
export { electedRoleConflicts } from './election/electedRole.ts';
export type { ElectionTarget } from './election/target.ts';
export type {
  ElectionEvent,
  ElectionProposeEvent,
  NominationChangeEvent,
  NominationRevealEvent,
  NominationSealEvent,
} from './election/electionEvents.ts';
export type {
  CandidateProposal,
  ElectionState,
  NominationState,
  SealState,
} from './election/electionState.ts';
export {
  currentCandidate,
  currentNominations,
  isRevealed,
  roundOnCandidate,
} from './election/electionSelectors.ts';
export { newSalt, nominationSeal } from './election/seal.ts';
export {
  changeNomination,
  proposeCandidate,
  revealNomination,
  sealNomination,
} from './election/electionCommands.ts';
export type { NominationInput } from './election/electionCommands.ts';
export { electionDecision, parseElectionDecision } from './election/electionDecision.ts';
export type { ElectionDecision } from './election/electionDecision.ts';
// Commons exports (issue 10, SPEC EXPORT)
export {
  COMMONS_LICENCE,
  CONTRIBUTOR_ROLES,
  decisionCredits,
  decisionsRecord,
  mergeCredits,
  proposalRecord,
} from './commons/commonsRecord.ts';
export type {
  CommonsProposal,
  CommonsRecord,
  Contributor,
  ContributorRole,
  Credit,
} from './commons/commonsRecord.ts';
export { EXPORT_LANGUAGES, exportLabels } from './commons/commonsLabels.ts';
export type { ExportLabels, ExportLanguage } from './commons/commonsLabels.ts';
export { commonsMarkdown, escapeMarkdown } from './commons/commonsMarkdown.ts';
export { commonsHtml, escapeHtml } from './commons/commonsHtml.ts';
export { textBlocks, safeHref, isoDay } from './commons/docText.ts';
