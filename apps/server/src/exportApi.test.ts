import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { nextStep, readLog, spaceDecisions } from '@ronde/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  adopt,
  createSigners,
  FAC1,
  meetingDriver,
  seedMeeting,
  toOutcomeStep,
  withDoc,
  type SeededMeeting,
} from '../test/meetingFixture.ts';
import type { Member } from './accessStore.ts';
import { createConsequences } from './consequences.ts';
import { createDocumentRegistry, type DocumentRegistry } from './documents.ts';
import { handleExportApi, type ExportApiContext } from './exportApi.ts';
import { HttpError, sendError } from './httpJson.ts';
import { memoryLogger } from './log.ts';
import { createMemoryStorage } from './memoryStorage.ts';
import { signToken, type Role } from './tokens.ts';

const SECRET = new Uint8Array(32).fill(7);

describe('decision export API', () => {
  const signers = createSigners();
  const members = new Map<string, Member>();
  let registry: DocumentRegistry;
  let meeting: SeededMeeting;
  let outcomeId = '';
  let http: Server;
  let port = 0;

  const tokenFor = (spaceId: string, userId: string, role: Role = 'observer') =>
    signToken(SECRET, { space: spaceId, sub: userId, role }, { lifetimeSeconds: 600 }).token;
  const get = async (path: string, token?: string, method = 'GET') => {
    const res = await fetch(`http://127.0.0.1:${port}${path}`, {
      method,
      headers: token ? { authorization: `Bearer ${token}` } : {},
    });
    return { status: res.status, headers: res.headers, body: (await res.json()) as unknown };
  };
  const exportPath = (decisionId = outcomeId, spaceId = meeting.spaceId) =>
    `/api/spaces/${spaceId}/decisions/${decisionId}/export`;

  beforeAll(async () => {
    const storage = createMemoryStorage();
    const log = memoryLogger('debug');
    registry = createDocumentRegistry({
      storage,
      log,
      unloadGraceMs: 60_000,
      compactAfterUpdates: 1000,
      compactAfterBytes: 1 << 24,
    });
    meeting = await seedMeeting(registry);
    const driver = meetingDriver(registry, meeting, signers);
    await toOutcomeStep(driver);
    outcomeId = (await adopt(driver)).id;
    await driver.act(nextStep, FAC1); // after the outcome: not part of its export
    await createConsequences({ registry, storage, log }).afterAppend(meeting.room);
    for (const [userId, role] of [
      ['watcher1', 'observer'],
      ['gone0001', 'member'],
    ] as const) {
      members.set(userId, {
        spaceId: meeting.spaceId,
        userId,
        name: userId,
        role,
        joinedAt: 1,
        inviteId: null,
      });
    }
    const ctx: ExportApiContext = {
      registry,
      secret: SECRET,
      access: {
        getMember: async (spaceId, userId) => {
          const member = members.get(userId);
          return member?.spaceId === spaceId ? member : null;
        },
        listDeviceKeys: async (spaceId) =>
          spaceId === meeting.spaceId
            ? signers.keys.map((key) => ({ ...key, spaceId, extra: 'not exported' }))
            : [],
      },
    };
    http = createServer((req, res) => {
      const path = new URL(req.url ?? '/', 'http://localhost').pathname;
      handleExportApi(req, res, path, ctx)
        .then((handled) => {
          if (!handled) sendError(res, new HttpError(404, 'not_found', 'elsewhere'));
        })
        .catch((error: unknown) => sendError(res, error as HttpError));
    });
    await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
    port = (http.address() as AddressInfo).port;
  });

  afterAll(async () => {
    await new Promise((resolve) => http.close(resolve));
    await registry.close();
  });

  it('CONS-10 any member gets the entry, the log up to its outcome as stored, and the keys', async () => {
    const answer = await get(exportPath(), tokenFor(meeting.spaceId, 'watcher1'));
    expect(answer.status).toBe(200);
    expect(answer.headers.get('content-disposition')).toBe(
      `attachment; filename="decision-${outcomeId}.json"`,
    );
    const [stored, log] = await Promise.all([
      withDoc(registry, meeting.spaceRoom, ({ doc }) => spaceDecisions(doc).get(outcomeId)),
      withDoc(registry, meeting.room, ({ doc }) => readLog(doc)),
    ]);
    const outcomeAt = log.findIndex((e) => (e as { id: string }).id === outcomeId);
    expect(outcomeAt).toBe(log.length - 2);
    expect(answer.body).toEqual({
      format: 'ronde-decision/1',
      licence: 'CC BY-SA 4.0',
      room: meeting.room,
      decision: stored,
      events: log.slice(0, outcomeAt + 1),
      context: { agenda: expect.any(Array), people: expect.any(Array) },
      keys: signers.keys,
    });
    const events = (answer.body as { events: { kid?: string; sig?: string }[] }).events;
    expect(events.every((e) => typeof e.kid === 'string' && typeof e.sig === 'string')).toBe(true);
  });

  it('CONS-10 refuses strangers, other spaces, unknown decisions and other methods', async () => {
    expect((await get(exportPath())).status).toBe(401);
    expect((await get(exportPath(), 'forged.token')).status).toBe(401);
    expect((await get(exportPath(), tokenFor('otherSpace1', 'watcher1'))).status).toBe(401);
    expect((await get(exportPath(), tokenFor(meeting.spaceId, 'stranger1'))).status).toBe(401);
    const token = tokenFor(meeting.spaceId, 'gone0001', 'member');
    expect((await get(exportPath('unknownDecision1'), token)).status).toBe(404);
    expect((await get(exportPath(), token, 'DELETE')).status).toBe(405);
    members.delete('gone0001');
    expect((await get(exportPath(), token)).status).toBe(401);
    expect((await get('/api/spaces/x/decisions', token)).status).toBe(404);
  });
});
