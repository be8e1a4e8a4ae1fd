import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { nextStep, type MeetingEvent } from '@ronde/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../../test/helpers.ts';
import {
  ANA,
  adopt,
  BEN,
  createSigners,
  FAC1,
  meetingDriver,
  seedMeeting,
  toOutcomeStep,
  type SeededMeeting,
} from '../../test/meetingFixture.ts';
import { createConsequences } from '../consequences.ts';
import { createDocumentRegistry, type DocumentRegistry } from '../documents.ts';
import { decisionExport, type DecisionExport } from '../exportApi.ts';
import { memoryLogger } from '../log.ts';
import { createMemoryStorage } from '../memoryStorage.ts';
import { runVerifyDecision, verifyDecisionExport } from './verifyDecision.ts';

type Event = MeetingEvent & { kid: string; sig: string };
type Mutable = Omit<DecisionExport, 'events' | 'keys'> & {
  events: Event[];
  keys: DecisionExport['keys'][number][];
};

const ROOT = fileURLToPath(new URL('../../../../', import.meta.url));

describe('verify-decision', () => {
  const signers = createSigners();
  const intruder = createSigners([BEN]); // another key in ben's name, not registered
  const dir = tempDir('ronde-verify-');
  let registry: DocumentRegistry;
  let meeting: SeededMeeting;
  let valid: DecisionExport;

  /** A deep copy of the valid export to tamper with. */
  const copy = (): Mutable => JSON.parse(JSON.stringify(valid)) as Mutable;
  const positionOf = (data: Mutable, by: string) =>
    data.events.findIndex((e) => e.type === 'position.record' && e.by === by);

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
    const outcome = await adopt(driver);
    await driver.act(nextStep, FAC1);
    await createConsequences({ registry, storage, log }).afterAppend(meeting.room);
    const access = {
      getMember: async () => null,
      listDeviceKeys: async () => signers.keys,
    };
    valid = await decisionExport({ registry, access }, meeting.spaceId, outcome.id);
  });

  afterAll(async () => {
    await registry.close();
    dir.remove();
  });

  it('CONS-11 a valid export verifies', () => {
    const report = verifyDecisionExport(valid);
    expect(report.failures).toEqual([]);
    expect(report.ok).toBe(true);
    expect(report.passed.join('\n')).toMatch(/all \d+ event signatures verify/);
  });

  it('CONS-11 a tampered event fails: its signature no longer verifies', () => {
    const data = copy();
    const index = positionOf(data, BEN);
    data.events[index] = { ...data.events[index]!, reason: 'I never said that' } as Event;
    const report = verifyDecisionExport(data);
    expect(report.ok).toBe(false);
    expect(report.failures).toContainEqual(
      expect.stringMatching(/position\.record by benuser1: the signature does not verify/),
    );
  });

  it('CONS-11 a forged signature fails: made with a key that is not the author’s', () => {
    const data = copy();
    const index = positionOf(data, BEN);
    const { kid: _kid, sig: _sig, ...event } = data.events[index]!;
    const forged = intruder.sign(meeting.room, { ...event, reason: 'forged' } as MeetingEvent);
    // Claims ben's registered key, carries the intruder's signature.
    data.events[index] = { ...forged, kid: data.events[index]!.kid } as Event;
    const report = verifyDecisionExport(data);
    expect(report.ok).toBe(false);
    expect(report.failures).toContainEqual(
      expect.stringMatching(/benuser1: the signature does not verify \(altered or forged\)/),
    );
  });

  it('CONS-11 an event signed by an unknown key fails', () => {
    const data = copy();
    const index = positionOf(data, BEN);
    const { kid: _kid, sig: _sig, ...event } = data.events[index]!;
    data.events[index] = intruder.sign(meeting.room, event as MeetingEvent) as Event;
    const report = verifyDecisionExport(data);
    expect(report.ok).toBe(false);
    expect(report.failures).toContainEqual(
      expect.stringMatching(/by benuser1: signed by an unknown key /),
    );
  });

  it('CONS-11 a removed event fails: the refolded record differs from the entry', () => {
    const data = copy();
    data.events.splice(positionOf(data, ANA), 1);
    const report = verifyDecisionExport(data);
    expect(report.ok).toBe(false);
    expect(report.failures).toContain(
      "the entry's positions differs from the record refolded from the signed events",
    );
  });

  it('CONS-11 an edited entry, a missing outcome or a key whose id lies fail', () => {
    const edited = copy();
    (edited.decision as { outcome: string }).outcome = 'rejected';
    expect(verifyDecisionExport(edited).failures).toContain(
      "the entry's outcome differs from the record refolded from the signed events",
    );
    const cut = copy();
    cut.events.pop();
    expect(verifyDecisionExport(cut).failures).toContainEqual(
      expect.stringMatching(/the outcome event .* is not among the events/),
    );
    const lying = copy();
    lying.keys[0] = { ...lying.keys[0]!, publicKey: intruder.keys[0]!.publicKey };
    expect(verifyDecisionExport(lying).failures).toContainEqual(
      expect.stringMatching(/its id does not match its public key/),
    );
    expect(verifyDecisionExport({ format: 'other' }).failures).toEqual([
      'not a decision export: "format" must be "ronde-decision/1"',
    ]);
  });

  it('CONS-11 the CLI prints a report and exits 0, 1 on a failure, 2 on a usage error', () => {
    const good = join(dir.path, 'good.json');
    const bad = join(dir.path, 'bad.json');
    writeFileSync(good, JSON.stringify(valid));
    const tampered = copy();
    tampered.events.splice(positionOf(tampered, ANA), 1);
    writeFileSync(bad, JSON.stringify(tampered));
    const run = (args: string[]) => {
      const lines: string[] = [];
      const io = { out: (l: string) => lines.push(l), err: (l: string) => lines.push(l) };
      return { code: runVerifyDecision(args, { ...io, cwd: dir.path }), text: lines.join('\n') };
    };
    expect(run(['good.json'])).toMatchObject({
      code: 0,
      text: expect.stringContaining('VERIFIED'),
    });
    const failed = run(['bad.json']);
    expect(failed.code).toBe(1);
    expect(failed.text).toMatch(/FAIL {2}the entry's positions differs/);
    expect(failed.text).toMatch(/NOT VERIFIED: \d+ problem/);
    expect(run([]).code).toBe(2);
    expect(run(['missing.json']).code).toBe(2);
  });

  it('CONS-11 `pnpm verify-decision <file>` runs it from the repository root', async () => {
    const bad = join(dir.path, 'bad-root.json');
    const tampered = copy();
    (tampered.decision as { outcome: string }).outcome = 'rejected';
    writeFileSync(bad, JSON.stringify(tampered));
    const run = (file: string) =>
      new Promise<{ code: number | null; out: string }>((resolve) => {
        const child = spawn('pnpm', ['--silent', 'verify-decision', relative(ROOT, file)], {
          cwd: ROOT,
          stdio: ['ignore', 'pipe', 'pipe'],
        });
        let out = '';
        child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
        child.stderr.on('data', (chunk: Buffer) => (out += chunk.toString()));
        child.on('close', (code) => resolve({ code, out }));
      });
    const good = join(dir.path, 'good-root.json');
    writeFileSync(good, JSON.stringify(valid));
    const ok = await run(good);
    expect(ok.out).toContain('VERIFIED');
    expect(ok.code).toBe(0);
    const failed = await run(bad);
    expect(failed.out).toContain("FAIL  the entry's outcome differs");
    expect(failed.code).not.toBe(0);
  });
});
