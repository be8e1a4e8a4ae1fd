import {
  addProposalSummary,
  amendAsyncConsent,
  closeAsyncConsentEarly,
  consentLog,
  extendAsyncConsent,
  foldAsyncConsent,
  initProposal,
  initSpace,
  newId,
  openAsyncConsent,
  proposalBody,
  proposalFields,
  proposalTextDigest,
  proposalTitle,
  readAsyncConsentSummary,
  readConsentLog,
  readDecision,
  readProposal,
  readSpace,
  recordAsyncPosition,
  roomName,
  spaceAsyncConsents,
  spaceDecisions,
  spaceRoom,
  spaceSettings,
  type AsyncConsentState,
  type AsyncPersonEvent,
  type MeetingEvent,
} from '@ronde/domain';
import * as Y from 'yjs';
import { afterEach, describe, expect, it } from 'vitest';
import type { ServerDeps } from '../src/server.ts';
import {
  connectWithToken,
  createSpaceOverHttp,
  rawClient,
  startServer,
  tempDir,
  waitFor,
  type RawClient,
} from './helpers.ts';
import {
  deniedReasons,
  encodeEvent,
  hostile,
  invited,
  refusals,
  stored,
  syncPath,
  withDeviceKey,
  type Member,
} from './hostileKit.ts';
import { timesWritten, withDoc } from './meetingFixture.ts';

const SECRET = 'async-consent-test-secret-0123456789ab';
const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

type Started = Awaited<ReturnType<typeof startServer>>;

/** Asynchronous consents: signed events, the server's roll and its decision at the deadline (SPEC ACONS). */
describe('asynchronous consent on the server', () => {
  const cleanups: (() => Promise<void> | void)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });
  /** The server's clock for deadlines: moved by hand, never by waiting. */
  let clock = Date.UTC(2026, 0, 5, 9);
  const deps: ServerDeps = { asyncConsentNow: () => clock };

  /** A test deployment: deadlines from a minute away (ACONS-16). */
  async function server(dataDir: string, asyncMinDeadlineMs = MINUTE): Promise<Started> {
    const started = await startServer(
      dataDir,
      { auth: 'required', secret: SECRET, asyncMinDeadlineMs },
      deps,
    );
    cleanups.push(() => started.close());
    return started;
  }

  function dir(): string {
    const made = tempDir('ronde-async-');
    cleanups.push(made.remove);
    return made.path;
  }

  /** A space with its admin, two members (Ana proposes) and an observer; a draft proposal by Ana. */
  async function spaceOn(s: Started) {
    const admin = await withDeviceKey(s.port, await createSpaceOverHttp(s.port));
    const ana = await invited(s.port, admin, 'member', 'Ana');
    const bo = await invited(s.port, admin, 'member', 'Bo');
    const obs = await invited(s.port, admin, 'observer', 'Obs');
    const proposalId = newId();
    const spaceId = admin.spaceId;
    let circleId = '';
    await withDoc(s.registry, spaceRoom(spaceId), (space) =>
      space.write((doc) => {
        circleId =
          readSpace(doc)?.defaultCircleId ??
          initSpace(doc, { id: spaceId, name: 'Coop', circleName: 'General', now: 1 })
            .defaultCircleId;
        addProposalSummary(doc, {
          id: proposalId,
          title: 'Four-day week',
          status: 'draft',
          circleId,
          createdAt: 1,
          updatedAt: 1,
        });
      }),
    );
    const proposalRoom = roomName({ spaceId, kind: 'proposal', id: proposalId });
    await withDoc(s.registry, proposalRoom, (proposal) =>
      proposal.write((doc) => {
        initProposal(doc, {
          id: proposalId,
          spaceId,
          circleId,
          title: 'Four-day week',
          driver: 'We are tired',
          createdBy: 'Ana',
          authorId: ana.userId,
          now: 1,
        });
        const paragraph = new Y.XmlElement('paragraph');
        paragraph.insert(0, [new Y.XmlText('Work four days.')]);
        proposalBody(doc).insert(0, [paragraph]);
      }),
    );
    const room = roomName({ spaceId, kind: 'consent', id: newId() });
    const sent = await withDoc(s.registry, proposalRoom, ({ doc }) => proposalTextDigest(doc));
    return { admin, ana, bo, obs, spaceId, proposalId, proposalRoom, room, sent };
  }

  const state = (s: Started, room: string): Promise<AsyncConsentState> =>
    withDoc(s.registry, room, ({ doc }) => foldAsyncConsent(readConsentLog(doc)));

  /** A member's consent socket, sending signed events as the web app does (message 5). */
  async function socketOf(s: Started, room: string, member: Member) {
    const client: RawClient = rawClient(s.port, syncPath(room, member.token));
    cleanups.push(() => client.socket.terminate());
    await client.opened;
    const sign = (event: AsyncPersonEvent) =>
      member.sign(room, event as unknown as MeetingEvent) as unknown as AsyncPersonEvent;
    return {
      client,
      /** Sends and waits until it is in the log. */
      async send(event: AsyncPersonEvent): Promise<void> {
        client.socket.send(encodeEvent(sign(event)));
        await waitFor(async () => {
          const refused = refusals(client).find((r) => r.id === event.id);
          if (refused) throw new Error(`refused: ${refused.code} ${refused.detail}`);
          return (await state(s, room)).results.some((r) => r.id === event.id);
        }, `${event.type} in the log`);
      },
      /** Sends and waits for the refusal's code. */
      async refused(event: AsyncPersonEvent): Promise<string> {
        client.socket.send(encodeEvent(sign(event)));
        return waitFor(
          () => refusals(client).find((r) => r.id === event.id)?.code,
          `${event.type} refused`,
        );
      },
      async act(build: (state: AsyncConsentState, by: string, at: number) => AsyncPersonEvent) {
        await this.send(build(await state(s, room), member.userId, clock));
      },
    };
  }

  it('ACONS-8 ACONS-10 ACONS-11 ACONS-12 an asynchronous consent closes at its deadline with the server down at that moment and up again later', async () => {
    const data = dir();
    let s = await server(data);
    const cast = await spaceOn(s);
    const { admin, ana, bo, room } = cast;
    // Lazy consent, set by the admin through a stock client (ACONS-3).
    const adminSpace = connectWithToken(s.port, spaceRoom(cast.spaceId), admin.token);
    cleanups.push(() => adminSpace.provider.destroy());
    await waitFor(() => adminSpace.provider.synced, 'admin synced');
    spaceSettings(adminSpace.doc).set('asyncConsent', { lazy: true, quorumPercent: 100 });
    await waitFor(
      () =>
        withDoc(s.registry, spaceRoom(cast.spaceId), ({ doc }) =>
          spaceSettings(doc).has('asyncConsent'),
        ),
      'policy stored',
    );
    const deadline = clock + 10 * MINUTE;
    const anaSocket = await socketOf(s, room, ana);
    const boSocket = await socketOf(s, room, bo);
    await anaSocket.send(openAsyncConsent(cast.proposalId, ana.userId, clock, deadline, cast.sent));
    const opened = await state(s, room);
    expect(opened.voters).toEqual([admin.userId, ana.userId, bo.userId].sort());
    expect(opened.policy).toEqual({ lazy: true, quorumPercent: 100 });
    // ACONS-8: the proposal is held in consent; the index lists who is awaited.
    await waitFor(
      () =>
        withDoc(
          s.registry,
          cast.proposalRoom,
          ({ doc }) => readProposal(doc)?.status === 'in-consent',
        ),
      'proposal in consent',
    );
    await boSocket.act((st, by, at) => recordAsyncPosition(st, by, at, 'objection', 'No budget'));
    await anaSocket.act((st, by, at) => amendAsyncConsent(st, by, at, 'Budget added', cast.sent));
    await boSocket.act((st, by, at) => recordAsyncPosition(st, by, at, 'consent', ''));
    await waitFor(
      () =>
        withDoc(
          s.registry,
          spaceRoom(cast.spaceId),
          ({ doc }) => readAsyncConsentSummary(doc, room.split('/')[2] ?? '')?.revision === 1,
        ),
      'index at revision 1',
    );
    await s.close();

    // Down at the deadline; up again an hour later.
    clock = deadline + 60 * MINUTE;
    s = await server(data);
    const closed = await waitFor(async () => {
      const st = await state(s, room);
      return st.phase === 'closed' ? st : null;
    }, 'closed at start');
    expect(closed.closing).toMatchObject({ reason: 'deadline', result: 'adopted', at: clock });
    const entryId = closed.closing?.eventId ?? '';
    const entry = await waitFor(
      () => withDoc(s.registry, spaceRoom(cast.spaceId), ({ doc }) => readDecision(doc, entryId)),
      'decision entry',
    );
    expect(entry).toMatchObject({ outcome: 'adopted', proposalId: cast.proposalId });
    expect(
      await withDoc(s.registry, cast.proposalRoom, ({ doc }) => readProposal(doc)?.status),
    ).toBe('adopted');
    await waitFor(
      () =>
        withDoc(
          s.registry,
          spaceRoom(cast.spaceId),
          ({ doc }) => readAsyncConsentSummary(doc, room.split('/')[2] ?? '')?.status === 'closed',
        ),
      'index closed',
    );
    // ACONS-12: run again, nothing is written twice.
    await s.registry.open(room).ready;
    await withDoc(s.registry, spaceRoom(cast.spaceId), ({ doc }) => {
      expect(timesWritten(spaceDecisions(doc), entryId)).toBe(1);
    });
    expect((await state(s, room)).results.filter((r) => r.status === 'applied')).toHaveLength(6);
  });

  it('ACONS-5 ACONS-6 ACONS-7 the opening is its proposer’s; refusals say why; the deadline is the server’s', async () => {
    const s = await server(dir());
    const { ana, bo, obs, room, proposalId, sent } = await spaceOn(s);
    const boSocket = await socketOf(s, room, bo);
    const anaSocket = await socketOf(s, room, ana);
    const obsSocket = await socketOf(s, room, obs);
    expect(
      await boSocket.refused(
        openAsyncConsent(proposalId, bo.userId, clock, clock + 10 * MINUTE, sent),
      ),
    ).toBe('not-allowed');
    expect(
      await anaSocket.refused(openAsyncConsent(proposalId, ana.userId, clock, clock + 1000, sent)),
    ).toBe('not-allowed');
    await anaSocket.send(
      openAsyncConsent(proposalId, ana.userId, clock, clock + 10 * MINUTE, sent),
    );
    const open = await state(s, room);
    expect(
      await obsSocket.refused(recordAsyncPosition(open, obs.userId, clock, 'consent', '')),
    ).toBe('read-only');
    expect(
      await boSocket.refused(recordAsyncPosition(open, bo.userId, clock, 'objection', '')),
    ).toBe('not-allowed');
    expect(
      await boSocket.refused(amendAsyncConsent(open, bo.userId, clock, 'mine now', sent)),
    ).toBe('not-allowed');
    expect(
      await anaSocket.refused(
        openAsyncConsent(proposalId, ana.userId, clock, clock + 20 * MINUTE, sent),
      ),
    ).toBe('not-allowed');
    // Past the deadline on the server's clock, before its run: positions are refused as closed.
    const saved = clock;
    clock += 11 * MINUTE;
    try {
      expect(
        await boSocket.refused(recordAsyncPosition(open, bo.userId, clock, 'consent', '')),
      ).toBe('closed');
    } finally {
      clock = saved;
    }
  });

  it('ACONS-9 an early close once everyone consented adopts at once, and extensions move the deadline', async () => {
    const s = await server(dir());
    const { admin, ana, bo, room, proposalId, spaceId, proposalRoom, sent } = await spaceOn(s);
    const anaSocket = await socketOf(s, room, ana);
    const boSocket = await socketOf(s, room, bo);
    const adminSocket = await socketOf(s, room, admin);
    await anaSocket.send(
      openAsyncConsent(proposalId, ana.userId, clock, clock + 10 * MINUTE, sent),
    );
    await adminSocket.send(extendAsyncConsent(admin.userId, clock, clock + 30 * MINUTE));
    expect((await state(s, room)).deadline).toBe(clock + 30 * MINUTE);
    for (const [socket, member] of [
      [anaSocket, ana],
      [boSocket, bo],
      [adminSocket, admin],
    ] as const) {
      await socket.send(
        recordAsyncPosition(await state(s, room), member.userId, clock, 'consent', ''),
      );
    }
    await anaSocket.send(closeAsyncConsentEarly(await state(s, room), ana.userId, clock));
    await waitFor(
      () => withDoc(s.registry, proposalRoom, ({ doc }) => readProposal(doc)?.status === 'adopted'),
      'adopted',
    );
    const closing = (await state(s, room)).closing;
    expect(closing).toMatchObject({ reason: 'early', result: 'adopted' });
    await waitFor(
      () =>
        withDoc(s.registry, spaceRoom(spaceId), ({ doc }) =>
          readDecision(doc, closing?.eventId ?? ''),
        ),
      'entry',
    );
  });

  it('EVT-8 an opening or an extension dated a year ahead of the server’s clock is refused (its deadline would pass the 90-day bound)', async () => {
    const s = await server(dir());
    const { admin, ana, proposalId, room, sent } = await spaceOn(s);
    const anaSocket = await socketOf(s, room, ana);
    const adminSocket = await socketOf(s, room, admin);
    const year = 365 * DAY;
    const early = openAsyncConsent(proposalId, ana.userId, clock + year, clock + year + DAY, sent);
    expect(await anaSocket.refused(early)).toBe('clock');
    await anaSocket.send(openAsyncConsent(proposalId, ana.userId, clock, clock + DAY, sent));
    const far = extendAsyncConsent(admin.userId, clock + year, clock + year + 80 * DAY);
    expect(await adminSocket.refused(far)).toBe('clock');
    expect((await state(s, room)).deadline).toBe(clock + DAY);
    // Dated on the server's clock, an extension goes in.
    await adminSocket.send(extendAsyncConsent(admin.userId, clock, clock + 2 * DAY));
    expect((await state(s, room)).deadline).toBe(clock + 2 * DAY);
  });

  it('ACONS-1 ACONS-2 ACONS-3 ACONS-4 WRITE-19 WRITE-20 WRITE-21 hostile writes to the consent log, the index, the settings and the text are refused', async () => {
    const s = await server(dir());
    const cast = await spaceOn(s);
    const { admin, ana, bo, room } = cast;
    const anaSocket = await socketOf(s, room, ana);
    await anaSocket.send(
      openAsyncConsent(cast.proposalId, ana.userId, clock, clock + 10 * MINUTE, cast.sent),
    );
    await waitFor(
      () =>
        withDoc(
          s.registry,
          cast.proposalRoom,
          ({ doc }) => readProposal(doc)?.status === 'in-consent',
        ),
      'held',
    );

    const logBefore = (await state(s, room)).results.length;
    const onLog = await hostile(s.port, room, bo, await stored(s.port, room, bo));
    onLog.edit((doc) =>
      consentLog(doc).push([{ id: 'forged1', type: 'async.deadline', by: 'server', at: clock }]),
    );
    await waitFor(() => deniedReasons(onLog.client).some((r) => r.includes('WRITE-19')), 'ACONS-1');
    expect((await state(s, room)).results).toHaveLength(logBefore);

    const space = spaceRoom(cast.spaceId);
    const onIndex = await hostile(s.port, space, bo, await stored(s.port, space, bo));
    onIndex.edit((doc) => spaceAsyncConsents(doc).set('fake1', { id: 'fake1', proposalId: 'x' }));
    await waitFor(
      () => deniedReasons(onIndex.client).some((r) => r.includes('WRITE-20')),
      'ACONS-2',
    );

    const onSettings = await hostile(s.port, space, bo, await stored(s.port, space, bo));
    onSettings.edit((doc) =>
      spaceSettings(doc).set('asyncConsent', { lazy: true, quorumPercent: 1 }),
    );
    await waitFor(
      () => deniedReasons(onSettings.client).some((r) => r.includes('WRITE-21')),
      'ACONS-3 member',
    );
    const badAdmin = await hostile(s.port, space, admin, await stored(s.port, space, admin));
    badAdmin.edit((doc) =>
      spaceSettings(doc).set('asyncConsent', { lazy: true, quorumPercent: 0 }),
    );
    await waitFor(
      () => deniedReasons(badAdmin.client).some((r) => r.includes('WRITE-21')),
      'ACONS-3 invalid',
    );
    await withDoc(s.registry, space, ({ doc }) => {
      expect(spaceSettings(doc).has('asyncConsent')).toBe(false);
      expect(spaceAsyncConsents(doc).has('fake1')).toBe(false);
    });

    const onText = await hostile(
      s.port,
      cast.proposalRoom,
      bo,
      await stored(s.port, cast.proposalRoom, bo),
    );
    onText.edit((doc) => proposalTitle(doc).insert(0, 'Not '));
    await waitFor(
      () => deniedReasons(onText.client).some((r) => r.includes('only its proposer amends')),
      'ACONS-4 (under WRITE-8)',
    );
    const byAna = await hostile(
      s.port,
      cast.proposalRoom,
      ana,
      await stored(s.port, cast.proposalRoom, ana),
    );
    byAna.edit((doc) => proposalTitle(doc).insert(0, 'A '));
    await waitFor(
      () =>
        withDoc(s.registry, cast.proposalRoom, ({ doc }) =>
          proposalTitle(doc).toString().startsWith('A '),
        ),
      'the proposer amends',
    );
    expect(deniedReasons(byAna.client)).toEqual([]);
  });
  it('ACONS-13 ACONS-14 ACONS-15 a text changed after the positions and never amended is not decided as the text they consented to', async () => {
    const data = dir();
    let s = await server(data);
    const cast = await spaceOn(s);
    const { admin, ana, bo, room, proposalRoom } = cast;
    const anaSocket = await socketOf(s, room, ana);
    const boSocket = await socketOf(s, room, bo);
    const adminSocket = await socketOf(s, room, admin);
    const deadline = clock + 10 * MINUTE;
    await anaSocket.send(openAsyncConsent(cast.proposalId, ana.userId, clock, deadline, cast.sent));
    for (const socket of [anaSocket, boSocket, adminSocket]) {
      await socket.act((st, by, at) => recordAsyncPosition(st, by, at, 'consent', ''));
    }
    // The proposer's stock Yjs client changes the text and records nothing.
    const text = await hostile(s.port, proposalRoom, ana, await stored(s.port, proposalRoom, ana));
    text.edit((doc) => proposalTitle(doc).insert(0, 'Mandatory '));
    const edited = await waitFor(
      () =>
        withDoc(s.registry, proposalRoom, ({ doc }) =>
          proposalTitle(doc).toString().startsWith('Mandatory ') ? proposalTextDigest(doc) : null,
        ),
      'the edit stored',
    );
    const open = await state(s, room);
    // ACONS-13: a position naming the text on screen is not one on the revision's text.
    expect(
      await boSocket.refused(recordAsyncPosition(open, bo.userId, clock, 'consent', '', edited)),
    ).toBe('not-allowed');
    // An amendment must name the text the server holds.
    expect(
      await anaSocket.refused(amendAsyncConsent(open, ana.userId, clock, 'Tidy', 'f'.repeat(64))),
    ).toBe('not-allowed');
    expect(refusals(anaSocket.client).at(-1)?.detail).toMatch(/^text-differs/);
    // ACONS-14: everyone consented, but to another text: no early close, and no freeze left.
    expect(await anaSocket.refused(closeAsyncConsentEarly(open, ana.userId, clock))).toBe(
      'not-allowed',
    );
    expect(refusals(anaSocket.client).at(-1)?.detail).toMatch(/^text-changed/);
    expect(
      await withDoc(s.registry, proposalRoom, ({ doc }) => proposalFields(doc).has('asyncClosing')),
    ).toBe(false);
    await s.close();

    // ACONS-15: the deadline passes; the server files the change as a revision first.
    clock = deadline + MINUTE;
    s = await server(data);
    const closed = await waitFor(async () => {
      const st = await state(s, room);
      return st.phase === 'closed' ? st : null;
    }, 'closed');
    const log = await withDoc(s.registry, room, ({ doc }) => readConsentLog(doc));
    expect(log.slice(-2)).toMatchObject([
      { type: 'async.revision', by: 'server', expects: { revision: 0 }, digest: edited },
      { type: 'async.deadline', by: 'server' },
    ]);
    // Nobody positioned on the edited text: under the default policy (everyone), no quorum.
    expect(closed.closing).toMatchObject({ reason: 'deadline', result: 'no-quorum' });
    const entry = await waitFor(
      () =>
        withDoc(s.registry, spaceRoom(cast.spaceId), ({ doc }) =>
          readDecision(doc, closed.closing?.eventId ?? ''),
        ),
      'decision entry',
    );
    expect(entry).toMatchObject({ outcome: 'deferred', title: 'Mandatory Four-day week' });
    expect(entry?.positions.every((p) => p.round === 1)).toBe(true);
    await withDoc(s.registry, proposalRoom, ({ doc }) => {
      expect(readProposal(doc)?.status).toBe('draft');
      expect(proposalFields(doc).has('asyncClosing')).toBe(false);
    });
  });

  it('ACONS-4 ACONS-14 while a closing freezes the text, nobody edits it, its proposer neither', async () => {
    const s = await server(dir());
    const cast = await spaceOn(s);
    const { ana, room, proposalRoom } = cast;
    const anaSocket = await socketOf(s, room, ana);
    await anaSocket.send(
      openAsyncConsent(cast.proposalId, ana.userId, clock, clock + 10 * MINUTE, cast.sent),
    );
    await waitFor(
      () =>
        withDoc(s.registry, proposalRoom, ({ doc }) => readProposal(doc)?.status === 'in-consent'),
      'held',
    );
    await withDoc(s.registry, proposalRoom, (proposal) =>
      proposal.write((doc) => proposalFields(doc).set('asyncClosing', 'closing1')),
    );
    const text = await hostile(s.port, proposalRoom, ana, await stored(s.port, proposalRoom, ana));
    text.edit((doc) => proposalTitle(doc).insert(0, 'Late '));
    await waitFor(
      () => deniedReasons(text.client).some((r) => r.includes('its text is frozen')),
      'frozen',
    );
    expect(
      await withDoc(s.registry, proposalRoom, ({ doc }) => proposalTitle(doc).toString()),
    ).toBe('Four-day week');
  });

  it('ACONS-13 an amendment that arrives before the edits it names waits for them, then is appended', async () => {
    const s = await server(dir());
    const cast = await spaceOn(s);
    const { ana, room, proposalRoom } = cast;
    const anaSocket = await socketOf(s, room, ana);
    await anaSocket.send(
      openAsyncConsent(cast.proposalId, ana.userId, clock, clock + 10 * MINUTE, cast.sent),
    );
    const text = await hostile(s.port, proposalRoom, ana, await stored(s.port, proposalRoom, ana));
    // The digest of the text once edited, computed on a copy before the edit is sent.
    const copy = new Y.Doc();
    Y.applyUpdate(copy, Y.encodeStateAsUpdate(text.doc));
    proposalTitle(copy).insert(0, 'Paid ');
    const amended = proposalTextDigest(copy);
    const amend = amendAsyncConsent(await state(s, room), ana.userId, clock, 'Paid', amended);
    const sending = anaSocket.send(amend);
    text.edit((doc) => proposalTitle(doc).insert(0, 'Paid '));
    await sending;
    const after = await state(s, room);
    expect(after.revision).toBe(1);
    expect(after.digest).toBe(amended);
  });

  it('ACONS-16 by default a deadline is at least an hour away, and the deployment says so', async () => {
    const s = await server(dir(), 3_600_000);
    const settings = await fetch(`http://127.0.0.1:${s.port}/api/settings`);
    expect(await settings.json()).toEqual({ asyncConsent: { minDeadlineMs: 3_600_000 } });
    const { ana, room, proposalId, sent } = await spaceOn(s);
    const anaSocket = await socketOf(s, room, ana);
    expect(
      await anaSocket.refused(
        openAsyncConsent(proposalId, ana.userId, clock, clock + 59 * MINUTE, sent),
      ),
    ).toBe('not-allowed');
    expect(refusals(anaSocket.client).at(-1)?.detail).toMatch(/^bad-deadline: .* 60 minutes/);
    await anaSocket.send(
      openAsyncConsent(proposalId, ana.userId, clock, clock + 61 * MINUTE, sent),
    );
    expect(
      await anaSocket.refused(extendAsyncConsent(ana.userId, clock, clock + 30 * MINUTE)),
    ).toBe('not-allowed');
  });
});
