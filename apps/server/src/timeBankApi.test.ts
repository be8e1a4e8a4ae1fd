import { generateKeyPairSync, sign, type KeyObject } from 'node:crypto';
import {
  addProposalSummary,
  applyChanges,
  circleRosterOf,
  foldTimeLog,
  initSpace,
  newId,
  spaceRoom,
  timeEventSigningPayload,
  timeLog,
  type TimeEvent,
} from '@ronde/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deviceKeyId } from './deviceKeys.ts';
import {
  api,
  createSpaceOverHttp,
  inviteOverHttp,
  redeemOverHttp,
  startServer,
  tempDir,
  type Grant,
} from '../test/helpers.ts';
import { deniedReasons, hostile, stored } from '../test/hostileKit.ts';
import { createDocumentRegistry } from './documents.ts';
import { HttpError } from './httpJson.ts';
import { memoryLogger } from './log.ts';
import { createMemoryStorage } from './memoryStorage.ts';
import { appendTimeEvent, TIME_EVENTS_PER_DAY, type StoredTimeEvent } from './timeBankApi.ts';
import { waitFor } from '../test/helpers.ts';
import { withDoc } from '../test/meetingFixture.ts';

/** A member with a registered device key that signs time events. */
interface Signer extends Grant {
  readonly kid: string;
  readonly privateKey: KeyObject;
}

async function withKey(port: number, grant: Grant): Promise<Signer> {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  const raw = publicKey.export({ format: 'jwk' }).x ?? '';
  const answer = await api(port, 'POST', `/api/spaces/${grant.spaceId}/devices`, {
    token: grant.token,
    body: { publicKey: raw },
  });
  if (answer.status !== 201) throw new Error(`device key: HTTP ${answer.status}`);
  return { ...grant, kid: deviceKeyId(Buffer.from(raw, 'base64url')), privateKey };
}

const signed = (signer: Pick<Signer, 'kid' | 'privateKey' | 'spaceId'>, event: TimeEvent) => ({
  ...event,
  kid: signer.kid,
  sig: sign(
    null,
    timeEventSigningPayload(spaceRoom(signer.spaceId), signer.kid, event),
    signer.privateKey,
  ).toString('base64url'),
});

const CIRCLE_WORK = {
  minutes: 90,
  workedOn: '2026-03-10',
  kind: 'commons' as const,
  subject: 'Translated the charter',
  note: '',
};

describe('time bank API (TIMESRV)', () => {
  const dir = tempDir('ronde-timebank-');
  let server: Awaited<ReturnType<typeof startServer>>;
  let port = 0;
  let ada: Signer;
  let bea: Signer;
  let cy: Signer;
  let obs: Signer;
  let circleId = '';

  const post = (who: Grant, body: unknown, token = who.token) =>
    api<{ id?: string; error?: { code: string } }>(
      port,
      'POST',
      `/api/spaces/${who.spaceId}/time/events`,
      { token, body },
    );
  const declare = (who: Signer, over: Partial<TimeEvent> = {}): TimeEvent =>
    ({
      id: newId(),
      type: 'time.declare',
      by: who.userId,
      name: who.userId,
      at: Date.now(),
      circleId,
      ...CIRCLE_WORK,
      ...over,
    }) as TimeEvent;
  const review = (
    who: Signer,
    type: 'time.confirm' | 'time.dispute',
    entryId: string,
    reason = 'I saw one hour',
  ): TimeEvent =>
    ({
      id: newId(),
      type,
      by: who.userId,
      name: who.userId,
      at: Date.now(),
      entryId,
      ...(type === 'time.dispute' ? { reason } : {}),
    }) as TimeEvent;
  const entries = async () =>
    (async (doc) => foldTimeLog(timeLog(doc).toJSON() as unknown[], circleRosterOf(doc)).entries)(
      await stored(port, spaceRoom(ada.spaceId), ada),
    );

  beforeAll(async () => {
    server = await startServer(dir.path, { auth: 'required' });
    port = server.port;
    const created = await createSpaceOverHttp(port);
    circleId = (created.body as { defaultCircleId: string }).defaultCircleId;
    ada = await withKey(port, created);
    const invite = async (role: string, name: string) =>
      withKey(port, await redeemOverHttp(port, (await inviteOverHttp(port, ada, role)).code, name));
    bea = await invite('member', 'Bea');
    cy = await invite('member', 'Cy');
    obs = await invite('observer', 'Obs');
  });

  afterAll(async () => {
    await server.close();
    dir.remove();
  });

  it('TIMESRV-2 a member declares, another confirms; both are stored signed, in order', async () => {
    const event = declare(bea);
    expect((await post(bea, signed(bea, event))).status).toBe(201);
    expect((await post(cy, signed(cy, review(cy, 'time.confirm', event.id)))).status).toBe(201);
    const found = (await entries()).find((e) => e.id === event.id);
    expect(found).toMatchObject({ status: 'confirmed', declarer: bea.userId, minutes: 90 });
    expect(found?.confirmedBy?.id).toBe(cy.userId);
    const log = timeLog(await stored(port, spaceRoom(ada.spaceId), ada)).toJSON() as {
      id: string;
      kid: string;
      sig: string;
    }[];
    expect(log.find((e) => e.id === event.id)).toMatchObject({ kid: bea.kid });
    expect(log.every((e) => typeof e.sig === 'string' && e.sig.length === 86)).toBe(true);
  });

  it('TIMESRV-2 declaring for someone else is refused, even signed with one’s own key', async () => {
    const forBea = declare(bea);
    const answer = await post(cy, signed(cy, forBea));
    expect(answer.status).toBe(403);
    expect(answer.body.error?.code).toBe('not-author');
    // Bea's own event, signed by Cy's key: the key is not Bea's.
    const answer2 = await post(bea, signed(cy, forBea));
    expect(answer2.body.error?.code).toBe('unknown-key');
    expect((await entries()).some((e) => e.id === forBea.id)).toBe(false);
  });

  it('TIMESRV-3 an unsigned, badly signed or tampered event is refused', async () => {
    const event = declare(bea);
    const good = signed(bea, event);
    expect((await post(bea, event)).body.error?.code).toBe('bad-signature');
    expect((await post(bea, { ...good, minutes: 600 })).body.error?.code).toBe('bad-signature');
    const elsewhere = signed({ ...bea, spaceId: 'otherSpace1' }, event);
    expect((await post(bea, elsewhere)).body.error?.code).toBe('bad-signature');
    expect((await post(bea, { ...good, minutes: 0 })).body.error?.code).toBe('malformed');
  });

  it('TIMESRV-4 an event dated far from the server’s clock is refused', async () => {
    const old = declare(bea, { at: Date.now() - 3_600_000 });
    const answer = await post(bea, signed(bea, old));
    expect(answer.status).toBe(400);
    expect(answer.body.error?.code).toBe('clock');
  });

  it('TIMESRV-5 confirming one’s own entry, re-confirming, amending someone else’s are refused (409)', async () => {
    const event = declare(bea);
    expect((await post(bea, signed(bea, event))).status).toBe(201);
    const own = await post(bea, signed(bea, review(bea, 'time.confirm', event.id)));
    expect([own.status, own.body.error?.code]).toEqual([409, 'own-entry']);
    const disputed = await post(cy, signed(cy, review(cy, 'time.dispute', event.id)));
    expect(disputed.status).toBe(201);
    const amendByOther = {
      ...declare(cy),
      type: 'time.amend',
      entryId: event.id,
      minutes: 1,
    } as TimeEvent;
    const other = await post(cy, signed(cy, amendByOther));
    expect([other.status, other.body.error?.code]).toEqual([409, 'not-declarer']);
    const replay = await post(bea, signed(bea, event));
    expect([replay.status, replay.body.error?.code]).toEqual([409, 'duplicate-id']);
    const amend = {
      ...declare(bea),
      type: 'time.amend',
      entryId: event.id,
      minutes: 60,
    } as TimeEvent;
    expect((await post(bea, signed(bea, amend))).status).toBe(201);
    const found = (await entries()).find((e) => e.id === event.id);
    expect(found).toMatchObject({ status: 'pending', minutes: 60, amendments: 1 });
    expect(found?.disputes).toHaveLength(1);
  });

  it('TIMESRV-2 observers and strangers are refused', async () => {
    const event = declare(obs);
    const answer = await post(obs, signed(obs, event));
    expect([answer.status, answer.body.error?.code]).toEqual([403, 'read-only']);
    expect((await post(bea, signed(bea, declare(bea)), 'not-a-token')).status).toBe(401);
  });

  it('TIMESRV-1 a stock client writing the time log directly is refused and nothing is stored', async () => {
    const room = spaceRoom(ada.spaceId);
    const before = timeLog(await stored(port, room, ada)).length;
    const attacker = await hostile(port, room, bea, await stored(port, room, ada));
    attacker.edit((doc) => timeLog(doc).push([{ ...declare(bea), minutes: 1440 }]));
    await waitFor(
      () => deniedReasons(attacker.client).some((r) => r.includes('WRITE-2')),
      'the write refused',
    );
    expect((await attacker.client.closed).code).toBe(4409);
    expect(timeLog(await stored(port, room, ada)).length).toBe(before);
  });
  it('TIMESRV-7 work names a circle of the space, commons work the anchor, role work its role in that circle; TIME-12 only the circle’s members confirm or dispute', async () => {
    const sub = newId();
    const role = newId();
    const handle = server.registry.open(spaceRoom(ada.spaceId));
    const base = { by: ada.userId, at: Date.now() - 60_000 };
    await (
      await handle.ready
    ).write((doc) => {
      const result = applyChanges(
        doc,
        [
          {
            ...base,
            id: newId(),
            type: 'circle.add',
            circleId: sub,
            parentId: circleId,
            name: 'Kitchen',
            purpose: '',
          },
          {
            ...base,
            id: newId(),
            type: 'role.add',
            roleId: role,
            circleId: sub,
            name: 'Cook',
            purpose: '',
            elected: false,
          },
          {
            ...base,
            id: newId(),
            type: 'person.assign',
            assignmentId: newId(),
            roleId: role,
            personId: bea.userId,
            focus: '',
            termEnd: null,
          },
        ],
        { decisionId: newId(), proposalId: null, at: Date.now() - 60_000 },
      );
      expect(result.type).toBe('applied');
    });
    handle.release();
    const unknown = await post(
      ada,
      signed(ada, declare(ada, { circleId: newId(), kind: 'project' })),
    );
    expect([unknown.status, unknown.body.error?.code]).toEqual([409, 'unknown-circle']);
    const commons = await post(ada, signed(ada, declare(ada, { circleId: sub, kind: 'commons' })));
    expect([commons.status, commons.body.error?.code]).toEqual([409, 'not-anchor']);
    const roleWork = { circleId: sub, kind: 'role', subject: 'Cook' } as Partial<TimeEvent>;
    const unnamed = await post(ada, signed(ada, declare(ada, roleWork)));
    expect([unnamed.status, unnamed.body.error?.code]).toEqual([409, 'no-subject']);
    const elsewhere = await post(
      ada,
      signed(ada, declare(ada, { ...roleWork, circleId, subjectId: role } as Partial<TimeEvent>)),
    );
    expect([elsewhere.status, elsewhere.body.error?.code]).toEqual([409, 'wrong-circle']);
    const work = declare(ada, { ...roleWork, subjectId: role } as Partial<TimeEvent>);
    expect((await post(ada, signed(ada, work))).status).toBe(201);
    // Cy is a member of the space but fills no role of the Kitchen circle.
    for (const type of ['time.confirm', 'time.dispute'] as const) {
      const outsider = await post(cy, signed(cy, review(cy, type, work.id)));
      expect([outsider.status, outsider.body.error?.code]).toEqual([409, 'not-circle-member']);
    }
    expect((await entries()).find((e) => e.id === work.id)?.status).toBe('pending');
    expect((await post(bea, signed(bea, review(bea, 'time.confirm', work.id)))).status).toBe(201);
    expect((await entries()).find((e) => e.id === work.id)?.confirmedBy?.id).toBe(bea.userId);
  });

  it('TIMESRV-7 proposal work names a listed proposal and belongs to its circle', async () => {
    const sub = newId();
    const proposalId = newId();
    await withDoc(server.registry, spaceRoom(ada.spaceId), (space) =>
      space.write((doc) => {
        const base = { by: ada.userId, at: Date.now() - 60_000 };
        applyChanges(
          doc,
          [
            {
              ...base,
              id: newId(),
              type: 'circle.add',
              circleId: sub,
              parentId: circleId,
              name: 'Garden',
              purpose: '',
            },
          ],
          { decisionId: newId(), proposalId: null, at: Date.now() - 60_000 },
        );
        addProposalSummary(doc, {
          id: proposalId,
          title: 'Compost',
          status: 'draft',
          circleId: sub,
          createdAt: 1,
          updatedAt: 1,
        });
      }),
    );
    const onProposal = (over: Partial<TimeEvent>) =>
      declare(ada, { kind: 'proposal', subject: 'Compost', ...over } as Partial<TimeEvent>);
    const unknown = await post(
      ada,
      signed(ada, onProposal({ circleId: sub, subjectId: newId() } as Partial<TimeEvent>)),
    );
    expect([unknown.status, unknown.body.error?.code]).toEqual([409, 'no-subject']);
    const anchor = await post(
      ada,
      signed(ada, onProposal({ circleId, subjectId: proposalId } as Partial<TimeEvent>)),
    );
    expect([anchor.status, anchor.body.error?.code]).toEqual([409, 'wrong-circle']);
    const right = onProposal({ circleId: sub, subjectId: proposalId } as Partial<TimeEvent>);
    expect((await post(ada, signed(ada, right))).status).toBe(201);
    expect((await entries()).find((e) => e.id === right.id)).toMatchObject({
      subjectId: proposalId,
      circleId: sub,
    });
  });
});

describe('time bank quota (TIMESRV-6)', () => {
  it('TIMESRV-6 a member adds at most 200 time events a day; others still can', async () => {
    const registry = createDocumentRegistry({
      storage: createMemoryStorage(),
      log: memoryLogger('debug'),
      unloadGraceMs: 60_000,
      compactAfterUpdates: 1000,
      compactAfterBytes: 1 << 24,
    });
    const spaceId = 'quotaSpace1';
    const now = Date.now();
    const handle = registry.open(spaceRoom(spaceId));
    let anchor = '';
    await (
      await handle.ready
    ).write((doc) => {
      anchor = initSpace(doc, {
        id: spaceId,
        name: 'Quota',
        circleName: 'All',
        now,
      }).defaultCircleId;
    });
    handle.release();
    const event = (by: string, i: number) =>
      ({
        id: `ev${by}${String(i).padStart(6, '0')}`,
        type: 'time.declare',
        by,
        name: by,
        at: now + i,
        minutes: 30,
        workedOn: '2026-03-10',
        kind: 'project',
        subject: 'Flood',
        circleId: anchor,
        note: '',
        kid: 'k'.repeat(22),
        sig: 's'.repeat(86),
      }) as StoredTimeEvent;
    for (let i = 0; i < TIME_EVENTS_PER_DAY; i++) {
      await appendTimeEvent(registry, spaceId, event('flooder', i));
    }
    const refused = await appendTimeEvent(registry, spaceId, event('flooder', 999)).catch(
      (e: unknown) => e,
    );
    expect(refused).toBeInstanceOf(HttpError);
    expect((refused as HttpError).status).toBe(429);
    expect((refused as HttpError).code).toBe('quota');
    await appendTimeEvent(registry, spaceId, event('another', 1));
    await registry.close();
  });
});
