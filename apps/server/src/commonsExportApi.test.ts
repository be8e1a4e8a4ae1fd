import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { proposalBody, proposalTitle, COMMONS_LICENCE } from '@ronde/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  adopt,
  ANA,
  BEN,
  createSigners,
  FAC1,
  FAC2,
  meetingDriver,
  seedMeeting,
  toOutcomeStep,
  type SeededMeeting,
} from '../test/meetingFixture.ts';
import type { Member } from './accessStore.ts';
import { runVerifyDecision, verifyDecisionExport } from './cli/verifyDecision.ts';
import { verifyCollectionExport } from './commonsExportVerify.ts';
import { handleCommonsExportApi, type CommonsApiContext } from './commonsExportApi.ts';
import { createConsequences } from './consequences.ts';
import { createDocumentRegistry, type DocumentRegistry } from './documents.ts';
import { HttpError, sendError } from './httpJson.ts';
import { memoryLogger } from './log.ts';
import { createMemoryStorage } from './memoryStorage.ts';
import { signToken } from './tokens.ts';

const SECRET = new Uint8Array(32).fill(9);
const EVIL = '<script>alert("x")</script> # [click](javascript:alert(1))';

describe('commons exports API (COMMONS)', () => {
  const signers = createSigners();
  let registry: DocumentRegistry;
  let meeting: SeededMeeting;
  let outcomeId = '';
  let http: Server;
  let port = 0;
  const members = new Map<string, Member>();

  const token = (userId = ANA, space = meeting.spaceId) =>
    signToken(SECRET, { space, sub: userId, role: 'member' }, { lifetimeSeconds: 600 }).token;
  const get = async (path: string, auth: string | null = token()) => {
    const res = await fetch(`http://127.0.0.1:${port}${path}`, {
      headers: auth ? { authorization: `Bearer ${auth}` } : {},
    });
    return { status: res.status, headers: res.headers, text: await res.text() };
  };
  const base = () => `/api/spaces/${meeting.spaceId}/commons`;

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
    // A hostile title and text, written before the decision copies them.
    const handle = registry.open(meeting.proposalRoom);
    const proposal = await handle.ready;
    await proposal.write((doc) => {
      const title = proposalTitle(doc);
      title.delete(0, title.length);
      title.insert(0, EVIL);
      const p = new Y.XmlElement('paragraph');
      p.insert(0, [new Y.XmlText(EVIL)]);
      proposalBody(doc).insert(0, [p]);
    });
    handle.release();
    const driver = meetingDriver(registry, meeting, signers);
    await toOutcomeStep(driver);
    outcomeId = (await adopt(driver)).id;
    await createConsequences({ registry, storage, log }).afterAppend(meeting.room);
    for (const userId of [ANA, BEN, FAC1, FAC2]) {
      members.set(userId, {
        spaceId: meeting.spaceId,
        userId,
        name: userId.toUpperCase(),
        role: 'member',
        joinedAt: 1,
        inviteId: null,
      });
    }
    const ctx: CommonsApiContext = {
      registry,
      secret: SECRET,
      access: {
        getMember: async (spaceId, userId) => {
          const m = members.get(userId);
          return m?.spaceId === spaceId ? m : null;
        },
        listMembers: async (spaceId) => [...members.values()].filter((m) => m.spaceId === spaceId),
        listDeviceKeys: async (spaceId) => (spaceId === meeting.spaceId ? signers.keys : []),
      },
    };
    http = createServer((req, res) => {
      const path = new URL(req.url ?? '/', 'http://localhost').pathname;
      handleCommonsExportApi(req, res, path, ctx)
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

  it('COMMONS-1 a decision as JSON is the verifiable export, with the licence and contributors', async () => {
    const answer = await get(`${base()}/decisions/${outcomeId}?format=json`);
    expect(answer.status).toBe(200);
    expect(answer.headers.get('content-disposition')).toBe(
      `attachment; filename="decision-${outcomeId}.json"`,
    );
    const body = JSON.parse(answer.text) as Record<string, unknown>;
    expect(body).toMatchObject({
      format: 'ronde-decision/1',
      licence: COMMONS_LICENCE.name,
      licenceUrl: COMMONS_LICENCE.url,
      space: { id: meeting.spaceId, name: 'Coop' },
    });
    const ids = (body.contributors as { id: string }[]).map((c) => c.id);
    expect(ids).toEqual(expect.arrayContaining([ANA, FAC1]));
    const report = verifyDecisionExport(body);
    expect(report.failures).toEqual([]);
    expect(report.ok).toBe(true);
  });

  it('COMMONS-2 Markdown and HTML carry the licence URL and escape the proposal’s text', async () => {
    const md = await get(`${base()}/decisions/${outcomeId}?format=md`);
    expect(md.status).toBe(200);
    expect(md.headers.get('content-type')).toBe('text/markdown; charset=utf-8');
    expect(md.text).toContain(`[CC BY-SA 4.0](${COMMONS_LICENCE.url})`);
    expect(md.text).not.toContain('<script');
    expect(md.text).not.toContain('](javascript');
    const html = await get(`${base()}/decisions/${outcomeId}?format=html&lang=fr`);
    expect(html.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(html.text).toMatch(/^<!doctype html>\n<html lang="fr">/);
    expect(html.text).not.toMatch(/<script/i);
    expect(html.text).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;');
    expect(html.text).toContain(`<a rel="license" href="${COMMONS_LICENCE.url}">CC BY-SA 4.0</a>`);
  });

  it('COMMONS-3 the whole log and a proposal list their decisions, each verifiable', async () => {
    const log = JSON.parse((await get(`${base()}/decisions`)).text) as {
      format: string;
      decisions: { decision: { id: string }; export: unknown }[];
      licenceUrl: string;
    };
    expect(log.format).toBe('ronde-decision-log/1');
    expect(log.licenceUrl).toBe(COMMONS_LICENCE.url);
    expect(log.decisions.map((d) => d.decision.id)).toEqual([outcomeId]);
    expect(verifyDecisionExport(log.decisions[0]!.export).ok).toBe(true);
    const proposal = await get(`${base()}/proposals/${meeting.proposalId}?format=md`);
    expect(proposal.status).toBe(200);
    expect(proposal.text).toContain('Proposal: ');
    expect(proposal.text).toContain('&lt;script&gt;');
    expect(proposal.text).not.toContain('<script');
    const json = JSON.parse((await get(`${base()}/proposals/${meeting.proposalId}`)).text) as {
      format: string;
      proposal: { status: string; version: null };
      decisions: unknown[];
    };
    expect(json.format).toBe('ronde-proposal/1');
    expect(json.proposal).toMatchObject({ status: 'adopted', version: null });
    expect(json.decisions).toHaveLength(1);
  });

  it('COMMONS-5 pnpm verify-decision checks every decision of a log export offline', async () => {
    const text = (await get(`${base()}/decisions`)).text;
    const dir = mkdtempSync(join(tmpdir(), 'ronde-commons-'));
    try {
      const out: string[] = [];
      const io = { out: (l: string) => out.push(l), err: (l: string) => out.push(l), cwd: dir };
      writeFileSync(join(dir, 'log.json'), text);
      expect(runVerifyDecision(['log.json'], io)).toBe(0);
      expect(out.at(-1)).toBe('VERIFIED: every decision follows from its signed events.');
      const forged = JSON.parse(text) as {
        decisions: { export: { decision: Record<string, unknown> } }[];
      };
      forged.decisions[0]!.export.decision.outcome = 'rejected';
      writeFileSync(join(dir, 'forged.json'), JSON.stringify(forged));
      expect(runVerifyDecision(['forged.json'], io)).toBe(1);
      expect(verifyCollectionExport(forged, verifyDecisionExport).ok).toBe(false);
      expect(
        verifyCollectionExport({ format: 'other' }, verifyDecisionExport).failures,
      ).toHaveLength(1);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('COMMONS-4 refuses strangers, bad formats, unknown records and other methods', async () => {
    expect((await get(`${base()}/decisions`, null)).status).toBe(401);
    expect((await get(`${base()}/decisions`, token(ANA, 'otherSpace1'))).status).toBe(401);
    expect((await get(`${base()}/decisions`, token('nobody01'))).status).toBe(401);
    expect((await get(`${base()}/decisions?format=pdf`)).status).toBe(400);
    expect((await get(`${base()}/decisions?lang=de`)).status).toBe(400);
    expect((await get(`${base()}/decisions/nosuchid1`)).status).toBe(404);
    expect((await get(`${base()}/proposals/nosuchid1`)).status).toBe(404);
    expect((await get(`${base()}/proposals/${meeting.proposalId}?version=nope`)).status).toBe(404);
    const post = await fetch(`http://127.0.0.1:${port}${base()}/decisions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token()}` },
    });
    expect(post.status).toBe(405);
  });
});
