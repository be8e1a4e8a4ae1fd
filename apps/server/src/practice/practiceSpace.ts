import { generateKeyPairSync, type KeyObject } from 'node:crypto';
import {
  addAgendaItem,
  addMeetingSummary,
  addProposalSummary,
  initMeeting,
  initSpace,
  initProposal,
  joinMeeting,
  newId,
  proposalBody,
  roomName,
  spaceRoom,
} from '@ronde/domain';
import * as Y from 'yjs';
import type { AccessStore, Invite, NewMember, PracticeSpace } from '../accessStore.ts';
import type { DocumentRegistry, LoadedDocument } from '../documents.ts';
import {
  practiceBotNames,
  PRACTICE_TEXTS,
  type PracticeLanguage,
  type PracticeProcess,
} from './practiceScripts.ts';

export interface PracticeRequest {
  readonly adminName: string;
  readonly process: PracticeProcess;
  readonly language: PracticeLanguage;
  readonly now: number;
}

export interface SeededPractice {
  readonly space: { id: string; name: string; defaultCircleId: string };
  readonly admin: NewMember & { invite: Invite };
  readonly practice: PracticeSpace;
}

/** A bot's device key pair: the public half is registered, the private one never leaves memory. */
export interface BotKey {
  readonly kid: string;
  readonly privateKey: KeyObject;
}

/** Registers a fresh Ed25519 device key for a bot (KEY-1), as its device would. */
export async function registerBotKey(
  access: AccessStore,
  spaceId: string,
  userId: string,
  now: number,
): Promise<BotKey> {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  const raw = publicKey.export({ format: 'jwk' }).x ?? '';
  const added = await access.addDeviceKey({ spaceId, userId, publicKey: raw, now });
  if (!added.ok) throw new Error(`a practice bot's device key was refused: ${added.reason}`);
  return { kid: added.key.keyId, privateKey };
}

async function write(
  registry: DocumentRegistry,
  room: string,
  change: (doc: Y.Doc) => void,
): Promise<void> {
  const handle = registry.open(room);
  try {
    const loaded: LoadedDocument = await handle.ready;
    await loaded.write(change);
  } finally {
    handle.release();
  }
}

/**
 * Creates a practice space (SPEC PRACTICE-1): the space with the caller as
 * its admin, a sample proposal by them, a meeting they facilitate with one
 * proposal item (their choice of process) that they own, and the bots as
 * members (invited with a one-off invite, then revoked). The bots join the
 * meeting themselves, over their sockets. Marked practice last: a failure
 * before leaves an ordinary, unmarked space.
 */
export async function seedPracticeSpace(
  registry: DocumentRegistry,
  access: AccessStore & { markPractice: NonNullable<AccessStore['markPractice']> },
  request: PracticeRequest,
): Promise<SeededPractice> {
  const { language, now } = request;
  const spaceId = newId();
  let defaultCircleId = '';
  await write(registry, spaceRoom(spaceId), (doc) => {
    defaultCircleId = initSpace(doc, {
      id: spaceId,
      name: PRACTICE_TEXTS.spaceName[language],
      circleName: PRACTICE_TEXTS.circleName[language],
      now,
    }).defaultCircleId;
  });
  const space = { id: spaceId, name: PRACTICE_TEXTS.spaceName[language], defaultCircleId };
  const admin = await access.createSpace({ spaceId, adminName: request.adminName, now });
  const names = practiceBotNames(language, request.adminName);
  const invite = await access.createInvite({
    spaceId,
    role: 'member',
    expiresAt: null,
    maxUses: names.length,
    now,
  });
  const bots: { userId: string; name: string }[] = [];
  for (const name of names) {
    const joined = await access.redeemInvite(invite.code, name, now);
    if (!joined.ok) throw new Error(`a practice bot could not join: ${joined.reason}`);
    bots.push({ userId: joined.member.userId, name });
  }
  await access.revokeInvite(spaceId, invite.id, now);

  const me = admin.member.userId;
  const proposalId = newId();
  const meetingId = newId();
  const title = PRACTICE_TEXTS.proposalTitle[language];
  await write(registry, roomName({ spaceId, kind: 'proposal', id: proposalId }), (doc) => {
    initProposal(doc, {
      id: proposalId,
      spaceId,
      circleId: space.defaultCircleId,
      title,
      driver: PRACTICE_TEXTS.proposalDriver[language],
      createdBy: request.adminName,
      now,
    });
    const paragraph = new Y.XmlElement('paragraph');
    paragraph.insert(0, [new Y.XmlText(PRACTICE_TEXTS.proposalBody[language])]);
    proposalBody(doc).insert(0, [paragraph]);
  });
  await write(registry, roomName({ spaceId, kind: 'meeting', id: meetingId }), (doc) => {
    const meetingTitle = PRACTICE_TEXTS.meetingTitle[language];
    initMeeting(doc, {
      id: meetingId,
      spaceId,
      title: meetingTitle,
      circleId: space.defaultCircleId,
      kind: 'governance',
      startsAt: now,
      createdBy: me,
      now,
    });
    joinMeeting(doc, { id: me, name: request.adminName, role: 'facilitator', now });
    addAgendaItem(doc, {
      id: newId(),
      kind: 'proposal',
      title,
      proposalId,
      process: request.process,
      ownerId: me,
      createdBy: me,
      now,
    });
  });
  await write(registry, spaceRoom(spaceId), (doc) => {
    const circleId = space.defaultCircleId;
    addProposalSummary(doc, {
      id: proposalId,
      title,
      status: 'draft',
      circleId,
      createdAt: now,
      updatedAt: now,
    });
    addMeetingSummary(doc, {
      id: meetingId,
      title: PRACTICE_TEXTS.meetingTitle[language],
      circleId,
      kind: 'governance',
      startsAt: now,
      status: 'upcoming',
      updatedAt: now,
      createdBy: me,
    });
  });
  const practice: PracticeSpace = {
    spaceId,
    meetingId,
    proposalId,
    process: request.process,
    language,
    bots,
    createdAt: now,
  };
  await access.markPractice(practice);
  return { space, admin, practice };
}
