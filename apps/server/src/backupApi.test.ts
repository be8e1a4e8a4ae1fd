import { generateKeyPairSync, sign } from 'node:crypto';
import {
  addAction,
  addProposalSummary,
  changeNomination,
  circleRosterOf,
  foldAsyncConsent,
  foldMeeting,
  foldTimeLog,
  gotoItem,
  governanceLog,
  initProposal,
  listActions,
  listTensions,
  logTension,
  openAsyncConsent,
  proposalTextDigest,
  proposeCandidate,
  readConsentLog,
  recordAsyncPosition,
  recordOutcome,
  recordPosition,
  RECORD_ROOTS,
  revealNomination,
  roomName,
  sealNomination,
  skipItem,
  spaceAsyncConsents,
  startMeeting,
  type AsyncPersonEvent,
  type MeetingEvent,
  type MeetingState,
  listAgenda,
  listDecisions,
  listParticipation,
  listPeople,
  newId,
  nextStep,
  proposalBody,
  proposalTitle,
  readLog,
  readSpace,
  spaceRoom,
  timeEventSigningPayload,
  timeLog,
  type TimeEvent,
} from '@ronde/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  adopt,
  createSigners,
  meetingDriver,
  seedMeeting,
  toOutcomeStep,
  withDoc,
  type Cast,
  type SeededMeeting,
} from '../test/meetingFixture.ts';
import {
  api,
  createSpaceOverHttp,
  inviteOverHttp,
  redeemOverHttp,
  startServer,
  tempDir,
  tokenPayload,
  waitFor,
  type CreatedSpace,
  type Grant,
} from '../test/helpers.ts';
import { createTestDatabase, skipWithoutPg } from '../test/pgDatabase.ts';
import type { Config } from './config.ts';
import { seedElection, TERM_END } from '../test/electionFixture.ts';
import {
  deniedReasons,
  encodeEvent,
  hostile,
  honest,
  stored,
  refusals,
  syncPath,
  withDeviceKey,
  type Member,
} from '../test/hostileKit.ts';
import { rawClient } from '../test/helpers.ts';
import { deviceKeyId } from './deviceKeys.ts';
import type { SpaceBackup } from './backup.ts';
import { formerMembers, readFormerNames } from './formerMembers.ts';

type Server = Awaited<ReturnType<typeof startServer>>;

/** The ledger's attested written text (server SPEC LEDGERSRV-1). */
async function ledger(
  server: Server,
  token: string,
): Promise<{ written: unknown[]; names: Record<string, string> }> {
  const spaceId = tokenSpace(token);
  const answer = await api<{ written: unknown[]; names: Record<string, string> }>(
    server.port,
    'GET',
    `/api/spaces/${spaceId}/contributions`,
    { token },
  );
  if (answer.status !== 200) throw new Error(`ledger: HTTP ${answer.status}`);
  return answer.body;
}

const tokenSpace = (token: string): string => String(tokenPayload(token).space);

/** The other documents of the space beside the seeded meeting's. */
interface Others {
  /** The meeting that elected a facilitator (sealed, then revealed nominations). */
  readonly election: SeededMeeting;
  /** An asynchronous consent's room and its proposal's. */
  readonly consentRoom: string;
  readonly consentProposalRoom: string;
}

/** What the fold of each document gives: what an import must reproduce. */
async function folded(server: Server, meeting: SeededMeeting, others: Others, token: string) {
  const space = await withDoc(server.registry, meeting.spaceRoom, ({ doc }) => ({
    name: readSpace(doc)?.name,
    decisions: listDecisions(doc),
    participation: listParticipation(doc),
    time: foldTimeLog(timeLog(doc).toJSON() as unknown[], circleRosterOf(doc)),
    roster: circleRosterOf(doc),
    tensions: listTensions(doc),
    actions: listActions(doc),
    consents: spaceAsyncConsents(doc).toJSON(),
    records: Object.values(RECORD_ROOTS).map((root) => doc.getMap(root).toJSON()),
    governance: governanceLog(doc).toJSON(),
  }));
  const meetingOf = (room: string) =>
    withDoc(server.registry, room, ({ doc }) =>
      foldMeeting(readLog(doc), { agenda: listAgenda(doc), people: listPeople(doc) }),
    );
  const textOf = (room: string) =>
    withDoc(server.registry, room, ({ doc }) => proposalBody(doc).toString());
  const consent = await withDoc(server.registry, others.consentRoom, ({ doc }) =>
    foldAsyncConsent(readConsentLog(doc)),
  );
  const versions = await api<{ versions: unknown[]; names: Record<string, string> }>(
    server.port,
    'GET',
    `/api/spaces/${meeting.spaceId}/proposals/${meeting.proposalId}/versions`,
    { token },
  );
  return {
    space,
    meeting: await meetingOf(meeting.room),
    election: await meetingOf(others.election.room),
    proposal: await textOf(meeting.proposalRoom),
    consentProposal: await textOf(others.consentProposalRoom),
    consent,
    versions: versions.body,
    ledger: await ledger(server, token),
  };
}

/**
 * An election on a second meeting of the space, driven by the cast with
 * signed events: sealed nominations, revealed, one changed, a candidate
 * proposed, consented, elected, the meeting ended (ELECT).
 */
async function runElection(
  server: Server,
  election: SeededMeeting,
  signers: ReturnType<typeof createSigners>,
  cast: Cast,
): Promise<void> {
  const { itemId } = await seedElection(server.registry, election);
  const driver = meetingDriver(server.registry, election, signers);
  await driver.act(startMeeting, cast.fac1);
  await driver.act(nextStep, cast.fac1);
  await driver.act(gotoItem, cast.fac1, itemId);
  await driver.act(nextStep, cast.fac1); // → nominate
  const seal = async (by: string, nominee: string, reason: string) => {
    const secret = { nominee, reason, salt: `salt-${by}-0123456789abcdef` };
    let sealId = '';
    await driver.act((state: MeetingState, author, at) => {
      const { event } = sealNomination(state, author, at, { nominee, reason }, secret.salt);
      sealId = event.id;
      return event;
    }, by);
    return { by, sealId, secret };
  };
  const sealed = [
    await seal(cast.ana, cast.ben, 'Calm and fair'),
    await seal(cast.ben, cast.ana, 'Knows the circle'),
  ];
  await driver.act(nextStep, cast.fac1); // → reveal
  for (const s of sealed) {
    await driver.act(
      (_state: MeetingState, author, at) =>
        revealNomination(itemId, author, at, s.sealId, s.secret),
      s.by,
    );
  }
  await driver.act(nextStep, cast.fac1); // → change
  await driver.act(changeNomination, cast.ben, { nominee: cast.ben, reason: 'Happy to serve' });
  await driver.act(nextStep, cast.fac1); // → propose
  await driver.act(proposeCandidate, cast.fac1, {
    nominee: cast.ben,
    focus: 'Governance',
    termEnd: TERM_END,
  });
  await driver.act(nextStep, cast.fac1); // → objections
  await driver.act(recordPosition, cast.ana, { value: 'consent' });
  await driver.act(recordPosition, cast.ben, { value: 'consent' });
  await driver.act(nextStep, cast.fac1); // → outcome
  await driver.act(recordOutcome, cast.fac1, 'adopted', TERM_END);
  // The meeting's proposal item is skipped, then on to the closing and the end.
  await driver.act(skipItem, cast.fac1, election.itemId);
  for (let i = 0; i < 10 && (await driver.state()).phase !== 'ended'; i++) {
    await driver.act(nextStep, cast.fac1);
  }
  await server.consequences.afterAppend(election.room);
}

/**
 * An asynchronous consent on a new draft by `proposer`, opened and answered
 * on the consent room's socket with signed events (ACONS-5); left open.
 */
async function openConsent(
  server: Server,
  spaceId: string,
  proposer: Member,
  answers: readonly [Member, 'consent' | 'objection', string][],
): Promise<{ room: string; proposalRoom: string }> {
  const proposalId = newId();
  const proposalRoom = roomName({ spaceId, kind: 'proposal', id: proposalId });
  let circleId = '';
  await withDoc(server.registry, spaceRoom(spaceId), (space) =>
    space.write((doc) => {
      circleId = readSpace(doc)!.defaultCircleId;
      addProposalSummary(doc, {
        id: proposalId,
        title: 'Shared tools',
        status: 'draft',
        circleId,
        createdAt: 1,
        updatedAt: 1,
      });
    }),
  );
  await withDoc(server.registry, proposalRoom, (proposal) =>
    proposal.write((doc) => {
      initProposal(doc, {
        id: proposalId,
        spaceId,
        circleId,
        title: 'Shared tools',
        driver: 'Tools get lost',
        createdBy: 'Bea',
        authorId: proposer.userId,
        now: 1,
      });
      const paragraph = new Y.XmlElement('paragraph');
      paragraph.insert(0, [new Y.XmlText('A shelf for the tools.')]);
      proposalBody(doc).insert(0, [paragraph]);
    }),
  );
  const digest = await withDoc(server.registry, proposalRoom, ({ doc }) => proposalTextDigest(doc));
  const room = roomName({ spaceId, kind: 'consent', id: newId() });
  const state = () =>
    withDoc(server.registry, room, ({ doc }) => foldAsyncConsent(readConsentLog(doc)));
  const send = async (member: Member, event: AsyncPersonEvent) => {
    const client = rawClient(server.port, syncPath(room, member.token));
    try {
      await client.opened;
      const signed = member.sign(room, event as unknown as MeetingEvent);
      client.socket.send(encodeEvent(signed));
      await waitFor(async () => {
        const refused = refusals(client).find((r) => r.id === event.id);
        if (refused) throw new Error(`refused: ${refused.code} ${refused.detail}`);
        return (await state()).results.some((r) => r.id === event.id);
      }, `${event.type} in the log`);
    } finally {
      client.socket.terminate();
    }
  };
  const now = Date.now();
  await send(
    proposer,
    openAsyncConsent(proposalId, proposer.userId, now, now + 7 * 86_400_000, digest),
  );
  for (const [member, value, reason] of answers) {
    await send(
      member,
      recordAsyncPosition(await state(), member.userId, Date.now(), value, reason),
    );
  }
  return { room, proposalRoom };
}

/**
 * The suite, with the second server on SQLite (its own data dir) or on
 * PostgreSQL: the import must give the same folds on either store.
 */
function backupSuite(
  label: string,
  configB: () => Promise<{ config: Partial<Config>; drop: () => Promise<void> }>,
) {
  describe(`whole-space backup (BACKUP), importing into ${label}`, () => {
    let dropB: () => Promise<void> = async () => {};
    const dirA = tempDir('ronde-backup-a-');
    const dirB = tempDir('ronde-backup-b-');
    let a: Server;
    let b: Server;
    let admin: CreatedSpace;
    let grants: Grant[];
    let meeting: SeededMeeting;
    let others: Others;
    let imported: { userId: string; key: string } = { userId: '', key: '' };
    let backup: SpaceBackup;
    let backupText = '';

    const importInto = (server: Server, body: unknown) =>
      api<
        Record<string, unknown> & {
          error?: { code: string; message: string; problem?: string; where?: string };
        }
      >(server.port, 'POST', '/api/backups', { body });

    beforeAll(async () => {
      a = await startServer(dirA.path, { auth: 'required' });
      const storeB = await configB();
      dropB = storeB.drop;
      b = await startServer(dirB.path, { auth: 'required', ...storeB.config });
      admin = await createSpaceOverHttp(a.port);
      grants = [admin];
      for (const name of ['Bea', 'Cy', 'Dee']) {
        const invite = await inviteOverHttp(a.port, admin, 'member');
        grants.push(await redeemOverHttp(a.port, invite.code, name));
      }
      const cast: Cast = {
        fac1: grants[0]!.userId,
        fac2: grants[1]!.userId,
        ana: grants[2]!.userId,
        ben: grants[3]!.userId,
      };
      const signers = createSigners(grants.map((g) => g.userId));
      for (const [i, key] of signers.keys.entries()) {
        const answer = await api(a.port, 'POST', `/api/spaces/${admin.spaceId}/devices`, {
          token: grants[i]!.token,
          body: { publicKey: key.publicKey },
        });
        expect(answer.status).toBe(201);
      }
      meeting = await seedMeeting(a.registry, { spaceId: admin.spaceId, cast });
      // Dee edits the proposal's title with a stock client: an attested contribution row (AUTHOR-3).
      const dee = await honest(a.port, meeting.proposalRoom, grants[3]!);
      proposalTitle(dee.doc).insert(proposalTitle(dee.doc).length, ' (Dee)');
      await waitFor(
        async () => (await ledger(a, admin.token)).written.length > 0,
        'the row stored',
      );
      dee.provider.destroy();
      const driver = meetingDriver(a.registry, meeting, signers);
      await toOutcomeStep(driver, cast);
      await adopt(driver, cast.fac1);
      for (let i = 0; i < 6 && (await driver.state()).phase !== 'ended'; i++) {
        await driver.act(nextStep, cast.fac1);
      }
      await a.consequences.afterAppend(meeting.room);

      // A time bank entry declared by Bea and confirmed by Cy, signed over HTTP.
      const timeKey = async (grant: Grant) => {
        const { publicKey, privateKey } = generateKeyPairSync('ed25519');
        const raw = publicKey.export({ format: 'jwk' }).x ?? '';
        await api(a.port, 'POST', `/api/spaces/${admin.spaceId}/devices`, {
          token: grant.token,
          body: { publicKey: raw },
        });
        const kid = deviceKeyId(Buffer.from(raw, 'base64url'));
        return (event: TimeEvent) => ({
          ...event,
          kid,
          sig: sign(
            null,
            timeEventSigningPayload(meeting.spaceRoom, kid, event),
            privateKey,
          ).toString('base64url'),
        });
      };
      const bea = grants[1]!;
      const cy = grants[2]!;
      const declare: TimeEvent = {
        id: newId(),
        type: 'time.declare',
        by: bea.userId,
        name: 'Bea',
        at: Date.now(),
        minutes: 90,
        workedOn: '2026-03-10',
        kind: 'commons',
        subject: 'Charter',
        circleId: meeting.circleId,
        note: '',
      };
      const post = (grant: Grant, body: unknown) =>
        api(a.port, 'POST', `/api/spaces/${admin.spaceId}/time/events`, {
          token: grant.token,
          body,
        });
      expect((await post(bea, (await timeKey(bea))(declare))).status).toBe(201);
      const confirm: TimeEvent = {
        id: newId(),
        type: 'time.confirm',
        by: cy.userId,
        name: 'Cy',
        at: Date.now(),
        entryId: declare.id,
      };
      expect((await post(cy, (await timeKey(cy))(confirm))).status).toBe(201);
      // A disputed entry amended (pending again with its dispute) and one left pending.
      const deeGrant = grants[3]!;
      const deeSigns = await timeKey(deeGrant);
      const beaSigns = await timeKey(bea);
      const disputed: TimeEvent = {
        ...declare,
        id: newId(),
        by: deeGrant.userId,
        name: 'Dee',
        at: Date.now(),
        minutes: 300,
        subject: 'Garden',
      };
      expect((await post(deeGrant, deeSigns(disputed))).status).toBe(201);
      const dispute: TimeEvent = {
        id: newId(),
        type: 'time.dispute',
        by: bea.userId,
        name: 'Bea',
        at: Date.now(),
        entryId: disputed.id,
        reason: 'Two hours, I was there',
      };
      expect((await post(bea, beaSigns(dispute))).status).toBe(201);
      const amend: TimeEvent = {
        ...disputed,
        id: newId(),
        type: 'time.amend',
        entryId: disputed.id,
        minutes: 120,
        at: Date.now(),
      };
      expect((await post(deeGrant, deeSigns(amend))).status).toBe(201);
      const pending: TimeEvent = { ...declare, id: newId(), subject: 'Newsletter', at: Date.now() };
      expect((await post(bea, beaSigns(pending))).status).toBe(201);

      // The backlog: a tension Bea raised and an action, written with a stock client.
      const beaSpace = await honest(a.port, meeting.spaceRoom, bea);
      logTension(beaSpace.doc, {
        id: newId(),
        by: bea.userId,
        byName: 'Bea',
        what: 'No bike racks',
        couldBe: 'Racks by the door',
        now: Date.now(),
      });
      addAction(beaSpace.doc, {
        id: newId(),
        kind: 'action',
        title: 'Ask the landlord',
        ownerId: bea.userId,
        ownerName: 'Bea',
        by: bea.userId,
        now: Date.now(),
      });
      await waitFor(
        () =>
          withDoc(
            a.registry,
            meeting.spaceRoom,
            ({ doc }) => listTensions(doc).length === 1 && listActions(doc).length === 1,
          ),
        'the backlog stored',
      );
      beaSpace.provider.destroy();

      // A named version of the adopted proposal, on demand (VERS).
      const named = await api(
        a.port,
        'POST',
        `/api/spaces/${admin.spaceId}/proposals/${meeting.proposalId}/versions`,
        { token: admin.token, body: { name: 'As adopted, for the newsletter' } },
      );
      expect(named.status).toBe(201);

      // An election on a second meeting, and an asynchronous consent left open.
      const election = await seedMeeting(a.registry, { spaceId: admin.spaceId, cast });
      await runElection(a, election, signers, cast);
      const [beaKey, cyKey, deeKey] = await Promise.all(
        grants.slice(1).map((g) => withDeviceKey(a.port, g)),
      );
      const consent = await openConsent(a, admin.spaceId, beaKey!, [
        [cyKey!, 'consent', ''],
        [deeKey!, 'objection', 'No room for a shelf'],
      ]);
      others = { election, consentRoom: consent.room, consentProposalRoom: consent.proposalRoom };

      const answer = await api<SpaceBackup>(a.port, 'GET', `/api/spaces/${admin.spaceId}/backup`, {
        token: admin.token,
      });
      expect(answer.status).toBe(200);
      backup = answer.body;
      backupText = JSON.stringify(backup);
    });

    afterAll(async () => {
      await a.close();
      await b.close();
      await dropB();
      dirA.remove();
      dirB.remove();
    });

    it('BACKUP-2 holds every document, members and device keys, and no secret', async () => {
      expect(backup.format).toBe('ronde-backup/1');
      expect(backup.documents.map((d) => d.name)).toEqual(
        [
          meeting.room,
          meeting.proposalRoom,
          meeting.spaceRoom,
          others.election.room,
          others.election.proposalRoom,
          others.consentRoom,
          others.consentProposalRoom,
        ].sort(),
      );
      expect(backup.documents.some((d) => d.versions.length > 0)).toBe(true);
      expect(backup.members.map((m) => m.name).sort()).toEqual(['Ada', 'Bea', 'Cy', 'Dee']);
      expect(backup.deviceKeys.length).toBe(11);
      expect(backup.documents.some((d) => d.bindings.length > 0)).toBe(true);
      for (const grant of grants) {
        expect(backupText).not.toContain(grant.key);
        expect(backupText).not.toContain(grant.token);
      }
      expect(backupText).not.toContain(admin.inviteCode);
      for (const m of backup.members)
        expect(Object.keys(m).sort()).toEqual(['joinedAt', 'name', 'role', 'userId']);
    });

    it('BACKUP-3 only an admin of the space downloads it', async () => {
      const path = `/api/spaces/${admin.spaceId}/backup`;
      expect((await api(a.port, 'GET', path, { token: grants[1]!.token })).status).toBe(403);
      expect((await api(a.port, 'GET', path)).status).toBe(401);
    });

    it('BACKUP-4 refuses a malformed backup or a forged event, importing nothing', async () => {
      // BACKUP-7: each refusal names its kind of problem and where, for the screen to word.
      const bad = async (body: unknown, code: string, problem: string, where = '') => {
        const answer = await importInto(b, body);
        expect(answer.status, JSON.stringify(answer.body)).toBe(400);
        expect(answer.body.error).toMatchObject({ code, problem });
        expect(answer.body.error?.where).toContain(where);
      };
      await bad({ backup: { ...backup, format: 'other' } }, 'invalid_backup', 'format');
      await bad({ backup: { ...backup, documents: [] } }, 'invalid_backup', 'format');
      const notState = backup.documents.map((d) => ({ ...d, state: 'AAAA' }));
      // Empty states parse, but the space document is then not this space's.
      await bad(
        { backup: { ...backup, documents: notState } },
        'invalid_backup',
        'document',
        'documents[',
      );
      const cut = backup.documents.map((d) => ({ ...d, state: d.state.slice(0, 8) }));
      await bad(
        { backup: { ...backup, documents: cut } },
        'invalid_backup',
        'state',
        'documents[0]',
      );
      const elsewhere = backup.documents.map((d) => ({
        ...d,
        name: d.name.replace(/^[^/]+/, 'otherSpace1'),
      }));
      await bad(
        { backup: { ...backup, documents: elsewhere } },
        'invalid_backup',
        'document',
        'documents[0]',
      );
      const wrongKey = backup.deviceKeys.map((k, i) =>
        i === 0 ? { ...k, keyId: 'x'.repeat(22) } : k,
      );
      await bad(
        { backup: { ...backup, deviceKeys: wrongKey } },
        'invalid_backup',
        'key',
        'deviceKeys[0]',
      );
      // The meeting's log with one event changed after it was signed.
      const forged = backup.documents.map((d) => {
        if (d.name !== meeting.room) return d;
        const doc = new Y.Doc();
        Y.applyUpdate(doc, Buffer.from(d.state, 'base64'));
        const log = doc.getArray<Record<string, unknown>>('log');
        const first = log.get(0);
        doc.transact(() => {
          log.delete(0, 1);
          log.insert(0, [{ ...first, at: (first.at as number) + 1 }]);
        });
        return { ...d, state: Buffer.from(Y.encodeStateAsUpdate(doc)).toString('base64') };
      });
      await bad(
        { backup: { ...backup, documents: forged } },
        'bad_signature',
        'signature',
        `${meeting.room} #0`,
      );
      const withoutKeys = { ...backup, deviceKeys: [] };
      await bad({ backup: withoutKeys }, 'bad_signature', 'foreign-key');
      // Nothing of the space reached the second server: the import below would refuse it (BACKUP-5).
      expect(b.registry.isLoaded(spaceRoom(admin.spaceId))).toBe(false);
    });

    it('BACKUP-5 an import on another server on another data dir folds to the same meetings, election, consent, decisions, records, backlog, versions, ledger and time bank', async () => {
      const answer = await importInto(b, { memberName: 'Zoé', backup });
      expect(answer.status, JSON.stringify(answer.body)).toBe(201);
      imported = answer.body.member as { userId: string; key: string };
      expect(answer.body).toMatchObject({
        id: admin.spaceId,
        name: 'Coop',
        member: { role: 'admin', name: 'Zoé' },
        documents: 7,
      });
      expect(answer.body.signedEvents).toBeGreaterThan(30);
      const session = (answer.body.session as { token: string }).token;
      const before = await folded(a, meeting, others, admin.token);
      const after = await folded(b, meeting, others, session);
      // What is compared holds every kind of record.
      expect(before.space.decisions.map((d) => d.outcome)).toEqual(['adopted', 'adopted']);
      expect(before.election.phase).toBe('ended');
      expect(before.space.participation).toHaveLength(2);
      expect(before.space.time.entries.map((e) => e.status)).toEqual([
        'confirmed',
        'pending',
        'pending',
      ]);
      expect(before.space.time.entries[1]?.disputes).toHaveLength(1);
      expect(before.space.roster.terms.length).toBeGreaterThan(0);
      expect(before.space.tensions).toHaveLength(1);
      expect(before.space.actions).toHaveLength(1);
      expect(before.election.phase).toBe('ended');
      expect(before.consent.phase).toBe('open');
      // The opening, the server's roll and two signed positions.
      expect(before.consent.results.filter((r) => r.status === 'applied')).toHaveLength(4);
      expect(before.versions.versions.length).toBeGreaterThan(1);
      expect(before.ledger.written.length).toBeGreaterThan(0);
      // The names: every former member's as before (BACKUP-6), and the importer's.
      const zoe = { [(answer.body.member as { userId: string }).userId]: 'Zoé' };
      expect(after.ledger.names).toEqual({ ...before.ledger.names, ...zoe });
      expect(after.versions.names).toEqual({ ...before.versions.names, ...zoe });
      const withoutNames = (f: typeof before) => ({
        ...f,
        ledger: { ...f.ledger, names: null },
        versions: { ...f.versions, names: null },
      });
      expect(withoutNames(after)).toEqual(withoutNames(before));
      // The importer is the admin; the keys verify there; the old members are listed to re-invite.
      const keys = await api<{ keys: unknown[] }>(
        b.port,
        'GET',
        `/api/spaces/${admin.spaceId}/devices`,
        {
          token: session,
        },
      );
      expect(keys.body.keys).toHaveLength(backup.deviceKeys.length);
      expect((answer.body.formerMembers as { name: string }[]).map((m) => m.name).sort()).toEqual([
        'Ada',
        'Bea',
        'Cy',
        'Dee',
      ]);
      // Nobody signs in with a former key: none was exported.
      const signIn = await api(b.port, 'POST', '/api/session', {
        body: { spaceId: admin.spaceId, userId: admin.userId, key: admin.key },
      });
      expect(signIn.status).toBe(401);
    });

    it('BACKUP-6 the former members are the server’s record: a stock client cannot write them', async () => {
      const session = await api<{ token: string }>(b.port, 'POST', '/api/session', {
        body: { spaceId: admin.spaceId, userId: imported.userId, key: imported.key },
      });
      expect(session.status).toBe(200);
      const grant = { ...admin, ...imported, token: session.body.token };
      const room = spaceRoom(admin.spaceId);
      const state = await stored(b.port, room, grant);
      expect(formerMembers(state).toJSON()).toMatchObject({
        [grants[1]!.userId]: { name: 'Bea', role: 'member' },
      });
      const attacker = await hostile(b.port, room, grant, state);
      attacker.edit((doc) => formerMembers(doc).set(grants[1]!.userId, { name: 'Mallory' }));
      await waitFor(
        () => deniedReasons(attacker.client).some((r) => r.includes('WRITE-2')),
        'the write refused',
      );
      expect((await attacker.client.closed).code).toBe(4409);
      expect(readFormerNames(await stored(b.port, room, grant))[grants[1]!.userId]).toBe('Bea');
    });

    it('BACKUP-5 a second import of the same space is refused', async () => {
      const again = await importInto(b, { backup });
      expect(again.status).toBe(409);
      expect(again.body.error?.code).toBe('space_exists');
    });
  });
}

backupSuite('a second server on SQLite', async () => ({ config: {}, drop: async () => {} }));

describe.skipIf(skipWithoutPg('backup import on PostgreSQL'))('on PostgreSQL', () => {
  backupSuite('a second server on PostgreSQL', async () => {
    const database = await createTestDatabase();
    return { config: { databaseUrl: database.url }, drop: () => database.drop() };
  });
});
