import {
  eventSigningPayload,
  isId,
  parseRoomName,
  readSignature,
  readSpace,
  spaceRoom,
  timeEventSigningPayload,
  VERSION_KINDS,
  type MeetingEvent,
  type TimeEvent,
} from '@ronde/domain';
import * as Y from 'yjs';
import type { AccessStore } from './accessStore.ts';
import { decodeDevicePublicKey, deviceKeyId } from './deviceKeys.ts';
import { verifyEd25519 } from './signatures.ts';
import { withFormerMembers } from './formerMembers.ts';
import type { ContributionInput, RestoredDocument, Storage, StoredVersion } from './storage.ts';
import { ROLES, type Role } from './tokens.ts';

/**
 * A whole space as one file (server SPEC BACKUP): every document's Yjs
 * state with its client bindings, contribution rows and versions, the
 * memberships without any secret, and the device keys, so another Ronde
 * instance can import it and every signed event still verifies there.
 */

export const BACKUP_FORMAT = 'ronde-backup/1';
/** The largest backup an import reads (BACKUP-4). */
export const BACKUP_MAX_BYTES = 64 * 1024 * 1024;
/** The most documents a backup may hold (BACKUP-4). */
export const BACKUP_MAX_DOCUMENTS = 20_000;

export interface BackupDocument {
  readonly name: string;
  /** base64 of `Y.encodeStateAsUpdate`. */
  readonly state: string;
  readonly bindings: readonly { readonly clientId: number; readonly member: string }[];
  readonly contributions: readonly ContributionInput[];
  readonly versions: readonly (Omit<StoredVersion, 'state'> & { readonly state: string })[];
}

export interface BackupMember {
  readonly userId: string;
  readonly name: string;
  readonly role: Role;
  readonly joinedAt: number;
}

export interface BackupKey {
  readonly keyId: string;
  readonly userId: string;
  readonly publicKey: string;
  readonly addedAt: number;
}

export interface SpaceBackup {
  readonly format: typeof BACKUP_FORMAT;
  readonly createdAt: number;
  readonly space: { readonly id: string; readonly name: string };
  readonly documents: readonly BackupDocument[];
  /** Who belonged to the space: names and roles, never a key, token or invite. */
  readonly members: readonly BackupMember[];
  readonly deviceKeys: readonly BackupKey[];
}

export type BackupStorage = Pick<
  Storage,
  'load' | 'listBindings' | 'listContributions' | 'listVersions' | 'loadVersion'
> &
  Required<Pick<Storage, 'listDocuments' | 'restoreDocuments'>> &
  Pick<Storage, 'deleteDocuments'>;

const b64 = (bytes: Uint8Array): string => Buffer.from(bytes).toString('base64');

/**
 * The backup of a space as stored now (BACKUP-1, BACKUP-2).
 *
 * @example
 * const backup = await buildBackup(storage, access, spaceId, Date.now());
 */
export async function buildBackup(
  storage: BackupStorage,
  access: Pick<AccessStore, 'listMembers' | 'listDeviceKeys'>,
  spaceId: string,
  now: number,
): Promise<SpaceBackup> {
  const names = await storage.listDocuments(`${spaceId}/`);
  const documents: BackupDocument[] = [];
  let spaceName = '';
  for (const name of names) {
    const updates = await storage.load(name);
    const state =
      updates.length === 0 ? Y.encodeStateAsUpdate(new Y.Doc()) : Y.mergeUpdates(updates);
    if (name === spaceRoom(spaceId)) {
      const doc = new Y.Doc();
      Y.applyUpdate(doc, state);
      spaceName = readSpace(doc)?.name ?? '';
      doc.destroy();
    }
    const versions = [];
    for (const meta of await storage.listVersions(name)) {
      const stored = await storage.loadVersion(name, meta.id);
      if (stored) {
        const { id, kind, name: versionName, by, at, meetingId } = stored;
        versions.push({ id, kind, name: versionName, by, at, meetingId, state: b64(stored.state) });
      }
    }
    documents.push({
      name,
      state: b64(state),
      bindings: (await storage.listBindings(name)).map(({ clientId, member }) => ({
        clientId,
        member,
      })),
      contributions: (await storage.listContributions(name)).map(
        ({ member, at, clientIds, inserted, deleted, paths }) => ({
          member,
          at,
          clientIds: [...clientIds],
          inserted,
          deleted,
          paths: [...paths],
        }),
      ),
      versions,
    });
  }
  return {
    format: BACKUP_FORMAT,
    createdAt: now,
    space: { id: spaceId, name: spaceName },
    documents,
    members: (await access.listMembers(spaceId)).map(({ userId, name, role, joinedAt }) => ({
      userId,
      name,
      role,
      joinedAt,
    })),
    deviceKeys: (await access.listDeviceKeys(spaceId)).map(
      ({ keyId, userId, publicKey, addedAt }) => ({ keyId, userId, publicKey, addedAt }),
    ),
  };
}

/** Why a backup cannot be imported: a code and a sentence naming what is wrong. */
export class BackupError extends Error {
  override name = 'BackupError';
  constructor(
    readonly code: 'invalid_backup' | 'bad_signature',
    message: string,
    readonly problem: BackupProblem = code === 'bad_signature' ? 'signature' : 'format',
    /** Where in the file: `documents[3] (<room>)`, `members[2]`, `<room> #4`… */
    readonly where = '',
  ) {
    super(message);
  }
}

export interface CheckedBackup {
  readonly spaceId: string;
  readonly spaceName: string;
  readonly defaultCircleId: string;
  readonly documents: readonly RestoredDocument[];
  readonly members: readonly BackupMember[];
  readonly deviceKeys: readonly BackupKey[];
  /** Signed entries checked (BACKUP-4), for the import's answer. */
  readonly signedEvents: number;
}

type Raw = Record<string, unknown>;
const isObject = (v: unknown): v is Raw => typeof v === 'object' && v !== null && !Array.isArray(v);
const isCount = (v: unknown): v is number =>
  typeof v === 'number' && Number.isSafeInteger(v) && v >= 0;
const isTime = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v) && v >= 0;
const isText = (v: unknown, max: number): v is string => typeof v === 'string' && v.length <= max;

/**
 * What is wrong, for the importer's screen to say in their language
 * (BACKUP-7): the file's format, a document not of this space, a damaged
 * state, malformed attribution records, a member, a device key, a log
 * entry, or a signature (unsigned, a key not its author's, not verifying).
 */
export type BackupProblem =
  | 'format'
  | 'document'
  | 'state'
  | 'record'
  | 'member'
  | 'key'
  | 'event'
  | 'not-signed'
  | 'foreign-key'
  | 'signature';

function fail(message: string, problem: BackupProblem = 'format', where = ''): never {
  throw new BackupError('invalid_backup', message, problem, where);
}

function decodeState(text: unknown, where: string): Uint8Array {
  if (typeof text !== 'string' || !/^[A-Za-z0-9+/]*={0,2}$/.test(text)) {
    fail(`${where}: the state is not base64`, 'state', where);
  }
  return new Uint8Array(Buffer.from(text, 'base64'));
}

function docOf(state: Uint8Array, where: string): Y.Doc {
  const doc = new Y.Doc();
  try {
    Y.applyUpdate(doc, state);
  } catch (error) {
    doc.destroy();
    fail(
      `${where}: the state does not parse as a Yjs update (${(error as Error).message})`,
      'state',
      where,
    );
  }
  // An update whose dependencies are missing leaves pending structs: not a whole state.
  if (doc.store.pendingStructs !== null || doc.store.pendingDs !== null) {
    doc.destroy();
    fail(
      `${where}: the state is incomplete (it depends on updates it does not hold)`,
      'state',
      where,
    );
  }
  return doc;
}

/**
 * Checks a backup file strictly (BACKUP-4) and turns it into what the
 * storage restores: the format, the space, each document's name (a room of
 * this space, once), state (a whole Yjs state that parses), bindings,
 * contribution rows and versions, each member and device key (its id is the
 * hash of its public key), and every signed event of every log — meeting
 * and consent logs, the space's time log — against those keys. Throws a
 * {@link BackupError} naming the first problem.
 *
 * @example
 * const checked = checkBackup(JSON.parse(body));
 */
export function checkBackup(raw: unknown): CheckedBackup {
  if (!isObject(raw) || raw.format !== BACKUP_FORMAT) fail(`"format" must be "${BACKUP_FORMAT}"`);
  const space = raw.space;
  if (!isObject(space) || typeof space.id !== 'string' || !isId(space.id)) {
    fail('"space.id" must be a space id');
  }
  const spaceId = space.id;
  if (!Array.isArray(raw.documents) || raw.documents.length === 0) {
    fail('"documents" must be a non-empty array');
  }
  if (raw.documents.length > BACKUP_MAX_DOCUMENTS) {
    fail(`"documents": at most ${BACKUP_MAX_DOCUMENTS}`);
  }
  if (!Array.isArray(raw.members) || !Array.isArray(raw.deviceKeys)) {
    fail('"members" and "deviceKeys" must be arrays');
  }
  const deviceKeys = raw.deviceKeys.map((k, i) => checkKey(k, `deviceKeys[${i}]`));
  const keys = new Map(deviceKeys.map((k) => [k.keyId, k]));
  if (keys.size !== deviceKeys.length)
    fail('"deviceKeys": a key id appears twice', 'key', 'deviceKeys');
  const members = raw.members.map((m, i) => checkMember(m, `members[${i}]`));
  if (new Set(members.map((m) => m.userId)).size !== members.length) {
    fail('"members": a user id appears twice', 'member', 'members');
  }

  const seen = new Set<string>();
  const documents: RestoredDocument[] = [];
  let spaceName: string | null = null;
  let defaultCircleId = '';
  let signedEvents = 0;
  raw.documents.forEach((d: unknown, i: number) => {
    const where = `documents[${i}]`;
    if (!isObject(d) || typeof d.name !== 'string')
      fail(`${where}: needs a name`, 'document', where);
    const room = parseRoomName(d.name);
    if (!room || room.spaceId !== spaceId)
      fail(`${where}: "${d.name}" is not a room of this space`, 'document', where);
    if (seen.has(d.name)) fail(`${where}: "${d.name}" appears twice`, 'document', where);
    seen.add(d.name);
    const state = decodeState(d.state, `${where} (${d.name})`);
    const doc = docOf(state, `${where} (${d.name})`);
    try {
      if (room.kind === 'space') {
        const info = readSpace(doc);
        if (!info || info.id !== spaceId)
          fail(`${where}: the space document is not this space's`, 'document', where);
        spaceName = info.name;
        defaultCircleId = info.defaultCircleId;
        signedEvents += checkLog(
          doc.getArray('timeLog').toJSON() as unknown[],
          d.name,
          keys,
          'time',
        );
      } else if (room.kind === 'meeting' || room.kind === 'consent') {
        signedEvents += checkLog(
          doc.getArray('log').toJSON() as unknown[],
          d.name,
          keys,
          'process',
        );
      }
    } finally {
      doc.destroy();
    }
    const bindings = checkArray(d.bindings, `${where}.bindings`).map((b, j) => {
      if (!isObject(b) || !isCount(b.clientId) || !isText(b.member, 64)) {
        fail(`${where}.bindings[${j}]: needs a client id and a member`, 'record', where);
      }
      return { clientId: b.clientId, member: b.member };
    });
    documents.push({
      name: d.name,
      // The space keeps its former members' names (BACKUP-6).
      state:
        room.kind === 'space'
          ? withFormerMembers(state, members, new Set(bindings.map((b) => b.clientId)))
          : state,
      bindings,
      contributions: checkArray(d.contributions, `${where}.contributions`).map((c, j) =>
        checkContribution(c, `${where}.contributions[${j}]`),
      ),
      versions: checkArray(d.versions, `${where}.versions`).map((v, j) =>
        checkVersion(v, `${where}.versions[${j}] (${d.name})`),
      ),
    });
  });
  if (spaceName === null)
    fail(`the space document ${spaceRoom(spaceId)} is missing`, 'document', spaceRoom(spaceId));
  return { spaceId, spaceName, defaultCircleId, documents, members, deviceKeys, signedEvents };
}

function checkArray(v: unknown, where: string): unknown[] {
  if (v === undefined) return [];
  if (!Array.isArray(v)) fail(`${where} must be an array`, 'record', where);
  return v;
}

function checkKey(k: unknown, where: string): BackupKey {
  if (!isObject(k) || typeof k.publicKey !== 'string' || typeof k.userId !== 'string') {
    fail(`${where}: needs a public key and a user id`, 'key', where);
  }
  const bytes = decodeDevicePublicKey(k.publicKey);
  if (!bytes) fail(`${where}: not an Ed25519 public key`, 'key', where);
  if (k.keyId !== deviceKeyId(bytes)) {
    fail(`${where}: the key id does not match the public key`, 'key', where);
  }
  if (!isId(k.userId) || !isTime(k.addedAt)) {
    fail(`${where}: needs a user id and a time`, 'key', where);
  }
  return { keyId: k.keyId, userId: k.userId, publicKey: k.publicKey, addedAt: k.addedAt };
}

function checkMember(m: unknown, where: string): BackupMember {
  if (!isObject(m) || typeof m.userId !== 'string' || !isId(m.userId)) {
    fail(`${where}: needs a user id`, 'member', where);
  }
  if (!isText(m.name, 200)) fail(`${where}: needs a name`, 'member', where);
  if (!(ROLES as readonly unknown[]).includes(m.role))
    fail(`${where}: unknown role`, 'member', where);
  if (!isTime(m.joinedAt)) fail(`${where}: needs a join time`, 'member', where);
  return { userId: m.userId, name: m.name, role: m.role as Role, joinedAt: m.joinedAt };
}

function checkContribution(c: unknown, where: string): ContributionInput {
  if (
    !isObject(c) ||
    !isText(c.member, 64) ||
    !isTime(c.at) ||
    !Array.isArray(c.clientIds) ||
    !c.clientIds.every(isCount) ||
    !isCount(c.inserted) ||
    !isCount(c.deleted) ||
    !Array.isArray(c.paths) ||
    !c.paths.every((p) => isText(p, 200))
  ) {
    fail(`${where}: not a contribution row`, 'record', where);
  }
  return {
    member: c.member,
    at: c.at,
    clientIds: c.clientIds as number[],
    inserted: c.inserted,
    deleted: c.deleted,
    paths: c.paths as string[],
  };
}

function checkVersion(v: unknown, where: string): StoredVersion {
  if (
    !isObject(v) ||
    !isText(v.id, 200) ||
    !(VERSION_KINDS as readonly unknown[]).includes(v.kind) ||
    !isText(v.name, 200) ||
    !isText(v.by, 64) ||
    !isTime(v.at) ||
    !(v.meetingId === null || isText(v.meetingId, 64))
  ) {
    fail(`${where}: not a version`, 'record', where);
  }
  const state = decodeState(v.state, where);
  docOf(state, where).destroy();
  return {
    id: v.id,
    kind: v.kind as StoredVersion['kind'],
    name: v.name,
    by: v.by,
    at: v.at,
    meetingId: v.meetingId as string | null,
    state,
  };
}

/** Authors the server writes as itself (never signed). */
const SERVER_AUTHORS = new Set(['@server', 'server']);

/**
 * Every entry of a log that carries a signature must verify with its
 * author's key; an unsigned entry must be the server's. Returns how many
 * signatures were checked.
 */
function checkLog(
  log: readonly unknown[],
  room: string,
  keys: ReadonlyMap<string, BackupKey>,
  kind: 'process' | 'time',
): number {
  let checked = 0;
  log.forEach((entry, index) => {
    const where = `${room} #${index}`;
    if (!isObject(entry) || typeof entry.by !== 'string')
      fail(`${where}: not an event`, 'event', where);
    const signature = readSignature(entry);
    if (!signature) {
      if (kind === 'process' && SERVER_AUTHORS.has(entry.by)) return;
      throw new BackupError('bad_signature', `${where}: not signed`, 'not-signed', where);
    }
    const key = keys.get(signature.kid);
    if (!key || key.userId !== entry.by) {
      throw new BackupError(
        'bad_signature',
        `${where}: signed with a key that is not its author's`,
        'foreign-key',
        where,
      );
    }
    const payload =
      kind === 'time'
        ? timeEventSigningPayload(room, signature.kid, entry as unknown as TimeEvent)
        : eventSigningPayload(room, signature.kid, entry as unknown as MeetingEvent);
    if (!verifyEd25519(key.publicKey, payload, signature.sig)) {
      throw new BackupError(
        'bad_signature',
        `${where}: the signature does not verify`,
        'signature',
        where,
      );
    }
    checked++;
  });
  return checked;
}
