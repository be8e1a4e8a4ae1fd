import {
  decisionRecord,
  endTurn,
  foldMeeting,
  gotoItem,
  listParticipation,
  passTurn,
  proposalFields,
  skipItem,
  spaceParticipation,
  startRound,
  listAgenda,
  listPeople,
  nextStep,
  readDecision,
  readLog,
  readProposal,
  recordOutcome,
  setRole,
  spaceDecisions,
  spaceMeetings,
  spaceProposals,
  startMeeting,
} from '@ronde/domain';
import { describe, expect, it } from 'vitest';
import {
  consequencesHarness,
  spaceWritesFailing,
  type StartedConsequences,
} from '../test/consequencesFixture.ts';
import {
  adopt,
  ANA,
  FAC1,
  FAC2,
  meetingDriver,
  seedMeeting,
  timesWritten,
  toOutcomeStep,
  withDoc,
  type SeededMeeting,
} from '../test/meetingFixture.ts';
import { gate, waitFor } from '../test/helpers.ts';
import { createConsequences } from './consequences.ts';
import type { DocumentRegistry } from './documents.ts';
import { createMemoryStorage } from './memoryStorage.ts';
import type { Storage } from './storage.ts';

interface Setup extends StartedConsequences {
  readonly meeting: SeededMeeting;
}

describe('consequences', () => {
  const { start } = consequencesHarness();

  async function setup(storage: Storage = createMemoryStorage()): Promise<Setup> {
    const started = start(storage);
    return { ...started, meeting: await seedMeeting(started.registry) };
  }

  const space = (s: Pick<Setup, 'registry' | 'meeting'>) =>
    withDoc(s.registry, s.meeting.spaceRoom, ({ doc }) => doc);
  const proposal = (s: Pick<Setup, 'registry' | 'meeting'>) =>
    withDoc(s.registry, s.meeting.proposalRoom, ({ doc }) => readProposal(doc));

  it('CONS-1 after an outcome the server writes its decision entry, with no client', async () => {
    const s = await setup();
    const driver = meetingDriver(s.registry, s.meeting);
    await toOutcomeStep(driver);
    const outcome = await adopt(driver);
    await s.consequences.afterAppend(s.meeting.room);
    const entry = readDecision(await space(s), outcome.id);
    expect(entry).toMatchObject({
      id: outcome.id,
      meeting: { id: s.meeting.meetingId, title: 'Weekly', circleName: 'General' },
      itemId: s.meeting.itemId,
      proposalId: s.meeting.proposalId,
      title: 'Four-day week',
      driver: 'We are tired',
      outcome: 'adopted',
      reviewDate: '2027-01-01',
      decidedBy: FAC1,
      proposerId: ANA,
      recordedBy: FAC1,
      recordedAt: 42,
    });
    expect(entry?.body[0]).toMatchObject({ type: 'paragraph' });
  });

  it('CONS-2 each outcome gets one entry: called twice, at once, and again later', async () => {
    const s = await setup();
    const driver = meetingDriver(s.registry, s.meeting);
    await toOutcomeStep(driver);
    const outcome = await adopt(driver);
    await Promise.all([
      s.consequences.afterAppend(s.meeting.room),
      s.consequences.afterAppend(s.meeting.room),
      s.consequences.afterAppend(s.meeting.room),
    ]);
    await s.consequences.afterAppend(s.meeting.room);
    await driver.act(nextStep, FAC1);
    await s.consequences.afterAppend(s.meeting.room);
    const doc = await space(s);
    expect([...spaceDecisions(doc).keys()]).toEqual([outcome.id]);
    expect(timesWritten(spaceDecisions(doc), outcome.id)).toBe(1);
  });

  it('CONS-2 of two outcomes recorded at once, only the applied one gets an entry', async () => {
    const s = await setup();
    const driver = meetingDriver(s.registry, s.meeting);
    await toOutcomeStep(driver);
    const first = await driver.build(recordOutcome, FAC1, 'adopted', '2027-01-01');
    const second = await driver.build(recordOutcome, FAC2, 'rejected', null);
    await driver.append(first, second);
    await Promise.all([
      s.consequences.afterAppend(s.meeting.room),
      s.consequences.afterAppend(s.meeting.room),
    ]);
    const doc = await space(s);
    expect([...spaceDecisions(doc).keys()]).toEqual([first.id]);
    expect(readDecision(doc, first.id)?.outcome).toBe('adopted');
    expect((await proposal(s))?.status).toBe('adopted');
  });

  it('CONS-3 the proposal goes in consent when taken up, then takes the outcome’s status; so does the index', async () => {
    const s = await setup();
    const driver = meetingDriver(s.registry, s.meeting);
    const indexed = async () =>
      spaceProposals(await space(s))
        .get(s.meeting.proposalId)
        ?.toJSON();
    await driver.act(startMeeting, FAC1);
    await s.consequences.afterAppend(s.meeting.room);
    expect((await proposal(s))?.status).toBe('draft'); // the check-in takes nothing up
    await driver.act(nextStep, FAC1);
    await s.consequences.afterAppend(s.meeting.room);
    expect((await proposal(s))?.status).toBe('in-consent');
    expect(await indexed()).toMatchObject({ status: 'in-consent' });
    for (let i = 0; i < 4; i++) await driver.act(nextStep, FAC1);
    const deferral = await driver.act(recordOutcome, FAC1, 'deferred', null);
    await s.consequences.afterAppend(s.meeting.room);
    expect((await proposal(s))?.status).toBe('draft');
    expect(await indexed()).toMatchObject({ status: 'draft', updatedAt: deferral.at });
    // Applied once: a later run does not take the deferred proposal up again.
    await driver.act(nextStep, FAC1);
    await s.consequences.afterAppend(s.meeting.room);
    expect((await proposal(s))?.status).toBe('draft');
  });

  it('CONS-12 a skipped proposal goes back to draft (and in consent again when gone back to)', async () => {
    const s = await setup();
    const driver = meetingDriver(s.registry, s.meeting);
    const indexed = async () =>
      spaceProposals(await space(s))
        .get(s.meeting.proposalId)
        ?.get('status');
    await driver.act(startMeeting, FAC1);
    await driver.act(nextStep, FAC1);
    await s.consequences.afterAppend(s.meeting.room);
    expect((await proposal(s))?.status).toBe('in-consent');
    await driver.act(skipItem, FAC1, s.meeting.itemId);
    await s.consequences.afterAppend(s.meeting.room);
    expect((await proposal(s))?.status).toBe('draft');
    expect(await indexed()).toBe('draft');
    await driver.act(gotoItem, FAC1, s.meeting.itemId);
    await s.consequences.afterAppend(s.meeting.room);
    expect((await proposal(s))?.status).toBe('in-consent');
  });

  it('CONS-12 only the meeting that took a proposal up gives it back, also once it has ended', async () => {
    const s = await setup();
    const driver = meetingDriver(s.registry, s.meeting);
    await driver.act(startMeeting, FAC1);
    await driver.act(nextStep, FAC1);
    await s.consequences.afterAppend(s.meeting.room);
    // Another meeting took it up meanwhile: this meeting's end leaves it alone.
    await withDoc(s.registry, s.meeting.proposalRoom, ({ write }) =>
      write((doc) => proposalFields(doc).set('consentMeetingId', 'othermeet1')),
    );
    await driver.act(skipItem, FAC1, s.meeting.itemId);
    await s.consequences.afterAppend(s.meeting.room);
    expect((await proposal(s))?.status).toBe('in-consent');
    await withDoc(s.registry, s.meeting.proposalRoom, ({ write }) =>
      write((doc) => proposalFields(doc).set('consentMeetingId', s.meeting.meetingId)),
    );
    await driver.act(nextStep, FAC1); // closing
    await driver.act(nextStep, FAC1); // ended
    await s.consequences.afterAppend(s.meeting.room);
    expect((await driver.state()).phase).toBe('ended');
    expect((await proposal(s))?.status).toBe('draft');
  });

  it('CONS-13 an ended meeting’s participation is filed in the space once', async () => {
    const s = await setup();
    const driver = meetingDriver(s.registry, s.meeting);
    await driver.act(startMeeting, FAC1);
    await driver.act(startRound, FAC1, [ANA, FAC1]);
    await driver.act(endTurn, ANA);
    await driver.act(passTurn, FAC1);
    await s.consequences.afterAppend(s.meeting.room);
    expect(listParticipation(await space(s))).toEqual([]);
    await driver.act(skipItem, FAC1, s.meeting.itemId);
    await driver.act(nextStep, FAC1); // closing
    await driver.act(nextStep, FAC1); // ended
    await s.consequences.afterAppend(s.meeting.room);
    const [entry] = listParticipation(await space(s));
    expect(entry).toMatchObject({ meetingId: s.meeting.meetingId, title: 'Weekly' });
    expect(entry!.people.find((p) => p.id === ANA)).toMatchObject({ turnsSpoken: 1 });
    expect(entry!.people.find((p) => p.id === FAC1)).toMatchObject({ turnsPassed: 1 });
    await s.consequences.afterAppend(s.meeting.room);
    expect(timesWritten(spaceParticipation(await space(s)), s.meeting.meetingId)).toBe(1);
  });

  it('CONS-4 the meetings index says live once started, ended once ended', async () => {
    const s = await setup();
    const driver = meetingDriver(s.registry, s.meeting);
    const listed = async () =>
      spaceMeetings(await space(s))
        .get(s.meeting.meetingId)
        ?.toJSON();
    await toOutcomeStep(driver);
    await s.consequences.afterAppend(s.meeting.room);
    const started = (await driver.state()).startedAt;
    expect(await listed()).toMatchObject({ status: 'live', updatedAt: started });
    await adopt(driver);
    await driver.act(nextStep, FAC1); // to closing
    const end = await driver.act(nextStep, FAC1);
    await s.consequences.afterAppend(s.meeting.room);
    expect((await driver.state()).phase).toBe('ended');
    expect(await listed()).toMatchObject({ status: 'ended', updatedAt: end.at });
  });

  it('CONS-5 a run that fails after marking is finished by resumePending after a restart, once', async () => {
    const disk = spaceWritesFailing();
    const first = await setup(disk.storage);
    const driver = meetingDriver(first.registry, first.meeting);
    await toOutcomeStep(driver);
    await first.consequences.afterAppend(first.meeting.room);
    const outcome = await adopt(driver);
    disk.failSpaceWrites();
    await first.consequences.afterAppend(first.meeting.room); // resolves: errors are logged
    expect(first.log.lines.map((l) => l.msg)).toContain(
      'consequences failed; the meeting stays pending',
    );
    expect(await disk.memory.listPending()).toEqual([first.meeting.room]);
    await first.consequences.close();
    await first.registry.close();

    const second = { ...start(disk.restarted()), meeting: first.meeting };
    expect(readDecision(await space(second), outcome.id)).toBeNull();
    await second.consequences.resumePending();
    const doc = await space(second);
    expect(readDecision(doc, outcome.id)?.outcome).toBe('adopted');
    expect(timesWritten(spaceDecisions(doc), outcome.id)).toBe(1);
    expect(disk.memory.pending.size).toBe(0);
  });

  it('CONS-6 runs of one meeting never overlap; requests made while one waits join it', async () => {
    const memory = createMemoryStorage();
    const held = gate();
    let holding = false;
    const slow: Storage = {
      ...memory,
      append: async (name, update) => {
        if (holding && name.includes('/space/')) await held.promise;
        return memory.append(name, update);
      },
    };
    const s = await setup(slow);
    const driver = meetingDriver(s.registry, s.meeting);
    await toOutcomeStep(driver);
    let active = 0;
    let most = 0;
    let runs = 0;
    const watched: Pick<DocumentRegistry, 'open'> = {
      open(name) {
        const handle = s.registry.open(name);
        if (name !== s.meeting.room) return handle;
        runs++;
        most = Math.max(most, ++active);
        return { ready: handle.ready, release: () => (active--, handle.release()) };
      },
    };
    const consequences = createConsequences({
      registry: watched,
      storage: slow,
      log: s.log,
    });
    await adopt(driver);
    holding = true;
    const calls = [consequences.afterAppend(s.meeting.room)];
    await waitFor(() => runs === 1, 'the first run to start');
    calls.push(consequences.afterAppend(s.meeting.room), consequences.afterAppend(s.meeting.room));
    held.open();
    await Promise.all(calls);
    expect(most).toBe(1);
    expect(runs).toBe(2);
    await consequences.close();
  });

  it('CONS-7 a meeting loaded for the first time is reconciled', async () => {
    const logs = new Map<string, Uint8Array[]>();
    const first = await setup(createMemoryStorage(logs));
    const driver = meetingDriver(first.registry, first.meeting);
    await toOutcomeStep(driver);
    const outcome = await adopt(driver); // no afterAppend: as if the server died right after
    await first.registry.close();

    const second = {
      ...start(createMemoryStorage(logs), { onLoad: true }),
      meeting: first.meeting,
    };
    const handle = second.registry.open(first.meeting.room);
    await handle.ready;
    handle.release();
    await waitFor(
      async () => readDecision(await space(second), outcome.id) !== null,
      'the entry written after the load',
    );
  });

  it('CONS-8 a failure is logged, never thrown, and leaves the meeting pending', async () => {
    const storage = createMemoryStorage();
    const s = await setup(storage);
    await s.registry.close();
    await expect(s.consequences.afterAppend(s.meeting.room)).resolves.toBeUndefined();
    expect(s.log.lines.map((l) => l.msg)).toContain(
      'consequences failed; the meeting stays pending',
    );
    expect(await storage.listPending()).toEqual([s.meeting.room]);
    await expect(s.consequences.afterAppend('not a room')).resolves.toBeUndefined();
  });

  it('CONS-9 the entry is the record of the log up to its outcome, whatever follows it', async () => {
    const s = await setup();
    const driver = meetingDriver(s.registry, s.meeting);
    await toOutcomeStep(driver);
    const outcome = await adopt(driver);
    await driver.act(setRole, FAC1, ANA, 'facilitator'); // before the run: must not count
    await s.consequences.afterAppend(s.meeting.room);
    const entry = readDecision(await space(s), outcome.id);
    const [prefix, full] = await withDoc(s.registry, s.meeting.room, ({ doc }) => {
      const log = readLog(doc);
      const context = { agenda: listAgenda(doc), people: listPeople(doc) };
      const upTo = log.slice(0, log.findIndex((e) => (e as { id: string }).id === outcome.id) + 1);
      return [foldMeeting(upTo, context), foldMeeting(log, context)] as const;
    });
    const record = decisionRecord(prefix, s.meeting.itemId);
    // The role change counts in the whole log's record, not in the entry's.
    expect(decisionRecord(full, s.meeting.itemId)?.facilitators).toContain(ANA);
    expect(entry?.facilitators).toEqual(record?.facilitators);
    expect(entry?.facilitators).not.toContain(ANA);
    expect(entry?.positions).toEqual(record?.positions);
  });
});
