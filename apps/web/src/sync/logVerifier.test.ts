import { eventSigningPayload, meetingLog, startMeeting, type MeetingEvent } from '@ronde/domain';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { DeviceKeyInfo } from '../api/trust.ts';
import { generateDeviceKey, signBytes, type DeviceKey } from '../identity/deviceKey.ts';
import { testMeeting } from '../process/testMeeting.ts';
import { readMeetingState } from '../process/useMeetingState.ts';
import { configureKeyDirectory, keyDirectory } from './deviceDirectory.ts';
import { clearVerdicts, createLogVerifier, type LogVerifier } from './logVerifier.ts';

const ROOM = 'space001/meeting/meet0001';

async function sign(key: DeviceKey, event: MeetingEvent): Promise<MeetingEvent> {
  const sig = await signBytes(key, eventSigningPayload(ROOM, key.keyId, event));
  return { ...event, kid: key.keyId, sig } as unknown as MeetingEvent;
}

const info = (key: DeviceKey, userId: string): DeviceKeyInfo => ({
  keyId: key.keyId,
  userId,
  publicKey: key.publicKey,
  addedAt: 0,
});

describe('log verification in the browser', () => {
  let awa: DeviceKey;
  let farid: DeviceKey;
  let verifier: LogVerifier | null = null;
  beforeEach(async () => {
    awa = await generateDeviceKey();
    farid = await generateDeviceKey();
    clearVerdicts();
    localStorage.clear();
  });
  afterEach(() => {
    verifier?.dispose();
    verifier = null;
    configureKeyDirectory(null);
  });

  it('folds only the checked prefix, and refuses an entry signed by someone else’s key as unsigned', async () => {
    let answer: (keys: DeviceKeyInfo[]) => void = () => {};
    const fetchKeys = vi.fn(
      () =>
        new Promise<DeviceKeyInfo[]>((resolve) => {
          answer = resolve;
        }),
    );
    configureKeyDirectory(fetchKeys);
    const m = testMeeting();
    const start = await sign(awa, startMeeting(readMeetingState(m.doc), 'fac00001', 1000));
    // Farid signs an event that claims to be Awa's.
    const forged = await sign(farid, {
      ...startMeeting(readMeetingState(m.doc), 'fac00001', 2000),
      id: 'forged01',
    });
    meetingLog(m.doc).push([start, forged, { id: 'nosig001', type: 'step.next' } as never]);
    verifier = createLogVerifier(ROOM, m.doc, keyDirectory('space001'));

    // Nothing checked yet: nothing folded, nothing shown as refused.
    expect(verifier.checkedPrefix()).toBe(0);
    expect(readMeetingState(m.doc, verifier).results).toEqual([]);

    await expect.poll(() => fetchKeys.mock.calls.length).toBe(1);
    expect(verifier.checkedPrefix()).toBe(0);
    answer([info(awa, 'fac00001'), info(farid, 'fac00002')]);
    await expect.poll(() => verifier!.checkedPrefix()).toBe(3);
    const state = readMeetingState(m.doc, verifier);
    expect(state.phase).not.toBe('not-started');
    expect(state.results.map((r) => [r.id, r.status, r.reason])).toEqual([
      [start.id, 'applied', null],
      ['forged01', 'refused', 'unsigned'],
      ['nosig001', 'refused', 'malformed'],
    ]);
    expect(fetchKeys).toHaveBeenCalledTimes(1); // one fetch for both key ids
  });

  it('fetches the key list again when an entry names a key it does not know', async () => {
    const lists = [[info(awa, 'fac00001')], [info(awa, 'fac00001'), info(farid, 'fac00002')]];
    const fetchKeys = vi.fn(async () => lists[Math.min(fetchKeys.mock.calls.length - 1, 1)]!);
    configureKeyDirectory(fetchKeys);
    const m = testMeeting();
    const start = await sign(awa, startMeeting(readMeetingState(m.doc), 'fac00001', 1000));
    meetingLog(m.doc).push([start]);
    verifier = createLogVerifier(ROOM, m.doc, keyDirectory('space001'));
    await expect.poll(() => verifier!.checkedPrefix()).toBe(1);
    expect(verifier.isAuthentic(start)).toBe(true);

    // Farid's key was registered after the first fetch.
    const next = readMeetingState(m.doc, verifier);
    const { nextStep } = await import('@ronde/domain');
    const step = await sign(farid, nextStep(next, 'fac00002', 3000));
    meetingLog(m.doc).push([step]);
    await expect.poll(() => verifier!.checkedPrefix()).toBe(2);
    expect(verifier.isAuthentic(step)).toBe(true);
    expect(fetchKeys).toHaveBeenCalledTimes(2);
  });

  it('keeps an entry unchecked while the keys cannot be fetched, and checks it once they can', async () => {
    vi.useFakeTimers();
    try {
      let offline = true;
      configureKeyDirectory(async () => {
        if (offline) throw new Error('offline');
        return [info(awa, 'fac00001')];
      });
      const m = testMeeting();
      const start = await sign(awa, startMeeting(readMeetingState(m.doc), 'fac00001', 1000));
      meetingLog(m.doc).push([start]);
      verifier = createLogVerifier(ROOM, m.doc, keyDirectory('space001'));
      await vi.advanceTimersByTimeAsync(0);
      expect(verifier.checkedPrefix()).toBe(0);
      offline = false;
      await vi.advanceTimersByTimeAsync(2_000);
      vi.useRealTimers();
      await expect.poll(() => verifier!.checkedPrefix()).toBe(1);
    } finally {
      vi.useRealTimers();
    }
  });
});
