import { generateKeyPairSync, sign } from 'node:crypto';
import {
  foldMeeting,
  circleRosterOf,
  foldTimeLog,
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
import { honest } from '../test/hostileKit.ts';
import { deviceKeyId } from './deviceKeys.ts';
import type { SpaceBackup } from './backup.ts';

type Server = Awaited<ReturnType<typeof startServer>>;

/** The ledger's attested written text (server SPEC LEDGERSRV-1). */
async function ledger(server: Server, token: string): Promise<{ written: unknown[] }> {
  const spaceId = tokenSpace(token);
  const answer = await api<{ written: unknown[] }>(
    server.port,
    'GET',
    `/api/spaces/${spaceId}/contributions`,
    { token },
  );
  if (answer.status !== 200) throw new Error(`ledger: HTTP ${answer.status}`);
  return answer.body;
}

const tokenSpace = (token: string): string => String(tokenPayload(token).space);

/** What the fold of each document gives: what an import must reproduce. */
async function folded(server: Server, meeting: SeededMeeting) {
  const space = await withDoc(server.registry, meeting.spaceRoom, ({ doc }) => ({
    name: readSpace(doc)?.name,
    decisions: listDecisions(doc),
    participation: listParticipation(doc),
    time: foldTimeLog(timeLog(doc).toJSON() as unknown[], circleRosterOf(doc)),
  }));
  const meetingState = await withDoc(server.registry, meeting.room, ({ doc }) =>
    foldMeeting(readLog(doc), { agenda: listAgenda(doc), people: listPeople(doc) }),
  );
  const proposal = await withDoc(server.registry, meeting.proposalRoom, ({ doc }) =>
    proposalBody(doc).toString(),
  );
  return { space, meeting: meetingState, proposal };
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
    let backup: SpaceBackup;
    let backupText = '';

    const importInto = (server: Server, body: unknown) =>
      api<Record<string, unknown> & { error?: { code: string; message: string } }>(
        server.port,
        'POST',
        '/api/backups',
        { body },
      );

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
        [meeting.room, meeting.proposalRoom, meeting.spaceRoom].sort(),
      );
      expect(backup.members.map((m) => m.name).sort()).toEqual(['Ada', 'Bea', 'Cy', 'Dee']);
      expect(backup.deviceKeys.length).toBe(6);
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
      const bad = async (body: unknown, code: string) => {
        const answer = await importInto(b, body);
        expect(answer.status, JSON.stringify(answer.body)).toBe(400);
        expect(answer.body.error?.code).toBe(code);
      };
      await bad({ backup: { ...backup, format: 'other' } }, 'invalid_backup');
      await bad({ backup: { ...backup, documents: [] } }, 'invalid_backup');
      const notState = backup.documents.map((d) => ({ ...d, state: 'AAAA' }));
      await bad({ backup: { ...backup, documents: notState } }, 'invalid_backup');
      const elsewhere = backup.documents.map((d) => ({
        ...d,
        name: d.name.replace(/^[^/]+/, 'otherSpace1'),
      }));
      await bad({ backup: { ...backup, documents: elsewhere } }, 'invalid_backup');
      const wrongKey = backup.deviceKeys.map((k, i) =>
        i === 0 ? { ...k, keyId: 'x'.repeat(22) } : k,
      );
      await bad({ backup: { ...backup, deviceKeys: wrongKey } }, 'invalid_backup');
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
      await bad({ backup: { ...backup, documents: forged } }, 'bad_signature');
      const withoutKeys = { ...backup, deviceKeys: [] };
      await bad({ backup: withoutKeys }, 'bad_signature');
      // Nothing of the space reached the second server: the import below would refuse it (BACKUP-5).
      expect(b.registry.isLoaded(spaceRoom(admin.spaceId))).toBe(false);
    });

    it('BACKUP-5 an import on another server on another data dir folds to the same meeting, decisions, participation and time bank', async () => {
      const answer = await importInto(b, { memberName: 'Zoé', backup });
      expect(answer.status, JSON.stringify(answer.body)).toBe(201);
      expect(answer.body).toMatchObject({
        id: admin.spaceId,
        name: 'Coop',
        member: { role: 'admin', name: 'Zoé' },
        documents: 3,
      });
      expect(answer.body.signedEvents).toBeGreaterThan(10);
      const before = await folded(a, meeting);
      const after = await folded(b, meeting);
      expect(before.space.decisions).toHaveLength(1);
      expect(before.space.participation).toHaveLength(1);
      expect(before.space.time.entries[0]?.status).toBe('confirmed');
      expect(after).toEqual(before);
      // The importer is the admin; the keys verify there; the old members are listed to re-invite.
      const session = (answer.body.session as { token: string }).token;
      const keys = await api<{ keys: unknown[] }>(
        b.port,
        'GET',
        `/api/spaces/${admin.spaceId}/devices`,
        {
          token: session,
        },
      );
      expect(keys.body.keys).toHaveLength(6);
      // The ledger of written text, from the restored contribution rows, is the same.
      const ledgerBefore = await ledger(a, admin.token);
      expect(ledgerBefore.written.length).toBeGreaterThan(0);
      expect((await ledger(b, session)).written).toEqual(ledgerBefore.written);
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
