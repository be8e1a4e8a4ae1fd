import { join } from 'node:path';
import {
  foldMeeting,
  listAgenda,
  listPeople,
  nextStep,
  proposalBody,
  readDecision,
  readLog,
  recordOutcome,
  recordPosition,
  startMeeting,
  type MeetingEvent,
  type MeetingState,
  type VersionMeta,
} from '@ronde/domain';
import { afterEach, describe, expect, it } from 'vitest';
import type * as Y from 'yjs';
import { SERVER_AUTHOR } from '../src/authorship.ts';
import { openSqliteStorage } from '../src/sqliteStorage.ts';
import {
  api,
  createSpaceOverHttp,
  rawClient,
  startServer,
  tempDir,
  waitFor,
  type RawClient,
} from './helpers.ts';
import {
  encodeEvent,
  honest,
  invited,
  refusals,
  stored,
  syncPath,
  withDeviceKey,
  type Member,
} from './hostileKit.ts';
import { seedMeeting, withDoc, type SeededMeeting } from './meetingFixture.ts';

const SECRET = 'meeting-versions-secret-0123456789abcdef';

type Started = Awaited<ReturnType<typeof startServer>>;

interface Share {
  readonly author: string | null;
  readonly chars: number;
}

function paragraphText(doc: Y.Doc): Y.XmlText {
  return (proposalBody(doc).get(0) as Y.XmlElement).get(0) as Y.XmlText;
}

/**
 * The versions a real meeting files (SPEC VERS-2, VERS-5), driven by signed
 * events sent over members' sockets to a real server: the text as taken up,
 * the text as amended when the amend step changed it, the adopted text; each
 * version's passages credited to the members whose connections wrote them
 * (AUTHOR-1), the same after compaction and a restart.
 */
describe('versions filed by a meeting', () => {
  const cleanups: (() => Promise<void> | void)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  const state = (s: Started, meeting: SeededMeeting): Promise<MeetingState> =>
    withDoc(s.registry, meeting.room, ({ doc }) =>
      foldMeeting(readLog(doc), { agenda: listAgenda(doc), people: listPeople(doc) }),
    );

  /** A member's meeting socket sending signed events (message 5), each awaited in the log. */
  async function socketOf(s: Started, meeting: SeededMeeting, member: Member) {
    const client: RawClient = rawClient(s.port, syncPath(meeting.room, member.token));
    cleanups.push(() => client.socket.terminate());
    await client.opened;
    return async <A extends unknown[]>(
      command: (state: MeetingState, by: string, at: number, ...args: A) => MeetingEvent,
      ...args: A
    ): Promise<MeetingEvent> => {
      const event = member.sign(
        meeting.room,
        command(await state(s, meeting), member.userId, Date.now(), ...args),
      );
      client.socket.send(encodeEvent(event));
      await waitFor(async () => {
        const refused = refusals(client).find((r) => r.id === event.id);
        if (refused) throw new Error(`refused: ${refused.code} ${refused.detail}`);
        return withDoc(s.registry, meeting.room, ({ doc }) =>
          readLog(doc).some((e) => (e as { id?: unknown }).id === event.id),
        );
      }, `${event.type} in the log`);
      return event;
    };
  }

  it('VERS-2 VERS-5 a meeting files taken-up, amended and adopted versions, each credited to the attested authors, after compaction and a restart too', async () => {
    const dir = tempDir('ronde-meeting-versions-');
    cleanups.push(dir.remove);
    const data = join(dir.path, 'data');
    const config = { auth: 'required' as const, secret: SECRET, compactAfterUpdates: 3 };
    let s = await startServer(data, config);
    cleanups.push(() => s.close());
    const port = s.port;
    const admin = await withDeviceKey(port, await createSpaceOverHttp(port));
    const fay = await invited(port, admin, 'facilitator', 'Fay');
    const ana = await invited(port, admin, 'member', 'Ana');
    const ben = await invited(port, admin, 'member', 'Ben');
    const cast = { fac1: admin.userId, fac2: fay.userId, ana: ana.userId, ben: ben.userId };
    const meeting = await seedMeeting(s.registry, { spaceId: admin.spaceId, cast });
    const base = `/api/spaces/${meeting.spaceId}/proposals/${meeting.proposalId}/versions`;
    const storedText = async (): Promise<string> =>
      (await stored(port, meeting.proposalRoom, ana)).getXmlFragment('body').toString();

    // Before the meeting, Ana and Ben co-write on the seeded text ("Work four days.").
    const anaDoc = await honest(port, meeting.proposalRoom, ana);
    cleanups.push(() => anaDoc.provider.destroy());
    const benDoc = await honest(port, meeting.proposalRoom, ben);
    cleanups.push(() => benDoc.provider.destroy());
    paragraphText(anaDoc.doc).insert(15, ' Fridays off.');
    await waitFor(() => paragraphText(benDoc.doc).length === 28, 'Ben has Ana’s words');
    paragraphText(benDoc.doc).insert(28, ' For all.');
    await waitFor(async () => (await storedText()).includes('For all.'), 'Ben’s words stored');

    const fac = await socketOf(s, meeting, admin);
    await fac(startMeeting);
    await fac(nextStep); // the proposal item is presented: taken up
    const list = async (): Promise<VersionMeta[]> =>
      (await api<{ versions: VersionMeta[] }>(port, 'GET', base, { token: ben.token })).body
        .versions;
    await waitFor(async () => (await list()).length === 1, 'the taken-up version');
    await fac(nextStep); // clarifying questions
    await fac(nextStep); // quick reactions
    await fac(nextStep); // the proposer amends
    expect((await state(s, meeting)).step?.key).toBe('amend');
    // Nothing is filed while the text may still change.
    paragraphText(anaDoc.doc).insert(37, ' Pay unchanged.');
    await waitFor(async () => (await storedText()).includes('Pay unchanged.'), 'the amendment');
    expect(await list()).toHaveLength(1);
    await fac(nextStep); // the consent round: the amended text is filed
    const consentStep = (await state(s, meeting)).step;
    await waitFor(async () => (await list()).length === 2, 'the amended version');
    await (
      await socketOf(s, meeting, ana)
    )(recordPosition, { value: 'consent' });
    await (
      await socketOf(s, meeting, ben)
    )(recordPosition, { value: 'consent' });
    await fac(nextStep); // the outcome step: the text did not change, nothing filed
    const outcome = await fac(recordOutcome, 'adopted', '2027-01-01');
    await waitFor(async () => (await list()).length === 3, 'the adopted version');

    const server = { by: SERVER_AUTHOR, meetingId: meeting.meetingId };
    const versions = await list();
    expect(
      versions.map((v) => ({ id: v.id, kind: v.kind, by: v.by, meetingId: v.meetingId })),
    ).toEqual([
      { id: `taken-up-${meeting.itemId}`, kind: 'taken-up', ...server },
      { id: `amended-${consentStep?.id}`, kind: 'amended', ...server },
      { id: `adopted-${outcome.id}`, kind: 'adopted', ...server },
    ]);

    const seeded = (shares: readonly Share[]) =>
      shares.filter((x) => x.author !== ana.userId && x.author !== ben.userId);
    const read = async () => {
      const views = [];
      for (const v of versions) {
        const view = await api<{ shares: Share[]; text: { body: { runs: unknown[] }[] } }>(
          port,
          'GET',
          `${base}/${v.id}`,
          { token: ben.token },
        );
        views.push({ shares: view.body.shares, body: view.body.text.body });
      }
      const diff = await api<{ diff: { counts: unknown; sections: { body: unknown } } }>(
        port,
        'GET',
        `${base}/${versions[0]!.id}/diff/${versions[2]!.id}`,
        { token: ana.token },
      );
      return { views, diff: diff.body.diff };
    };
    const before = await read();
    const [takenUp, amended, adopted] = before.views;
    const seededChars = 'Four-day week'.length + 'We are tired'.length + 'Work four days.'.length;
    // Taken up: the seeded text (not a member's), Ana's 13 and Ben's 9 characters.
    expect(takenUp?.shares.filter((x) => !seeded([x]).length)).toEqual([
      { author: ana.userId, chars: ' Fridays off.'.length },
      { author: ben.userId, chars: ' For all.'.length },
    ]);
    expect(seeded(takenUp?.shares ?? []).reduce((sum, x) => sum + x.chars, 0)).toBe(seededChars);
    expect(takenUp?.body).toEqual([
      {
        type: 'paragraph',
        runs: [
          { text: 'Work four days.', author: seeded(takenUp?.shares ?? [])[0]?.author },
          { text: ' Fridays off.', author: ana.userId },
          { text: ' For all.', author: ben.userId },
        ],
      },
    ]);
    // Amended: Ana's amendment is hers; adopted: the same text.
    expect(amended?.shares.find((x) => x.author === ana.userId)?.chars).toBe(13 + 15);
    expect(adopted).toEqual(amended);
    expect(before.diff.counts).toEqual({ inserted: 15, deleted: 0 });
    expect(before.diff.sections.body).toEqual([
      {
        type: 'paragraph',
        op: 'same',
        runs: [
          { text: 'Work four days.', op: 'same', author: seeded(takenUp!.shares)[0]?.author },
          { text: ' Fridays off.', op: 'same', author: ana.userId },
          { text: ' For all.', op: 'same', author: ben.userId },
          { text: ' Pay unchanged.', op: 'inserted', author: ana.userId },
        ],
      },
    ]);
    // The decision names the adopted text's authors with their shares (HIST-6).
    await waitFor(
      () =>
        withDoc(s.registry, meeting.spaceRoom, ({ doc }) => readDecision(doc, outcome.id) !== null),
      'the decision recorded',
    );
    const authors = await withDoc(
      s.registry,
      meeting.spaceRoom,
      ({ doc }) => readDecision(doc, outcome.id)?.authors,
    );
    expect(authors?.filter((a) => a.id === ana.userId || a.id === ben.userId)).toEqual([
      { id: ana.userId, chars: 28 },
      { id: ben.userId, chars: 9 },
    ]);

    // The proposal's log compacts, the server restarts: the same versions, the same answers.
    await s.registry.flush();
    const reader = await openSqliteStorage(data);
    await waitFor(
      async () => (await reader.load(meeting.proposalRoom)).length === 1,
      'the proposal log compacted',
    );
    await reader.close();
    // Clients and sockets gone, then the server (the directory stays).
    for (const cleanup of cleanups.splice(1).reverse()) await cleanup();
    s = await startServer(data, { ...config, port });
    cleanups.push(() => s.close());
    expect(await list()).toEqual(versions);
    expect(await read()).toEqual(before);
  });
});
