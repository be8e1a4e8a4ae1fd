import {
  SERVER_AUTHOR,
  consentLog,
  eventSigningPayload,
  openAsyncConsent,
  parseAsyncPersonEvent,
  recordAsyncPosition,
  foldAsyncConsent,
  type AsyncPersonEvent,
  type MeetingEvent,
} from '@ronde/domain';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import type { DeviceKeyInfo } from '../api/trust.ts';
import { generateDeviceKey, signBytes, type DeviceKey } from '../identity/deviceKey.ts';
import { configureKeyDirectory, keyDirectory } from '../sync/deviceDirectory.ts';
import { clearVerdicts, createLogVerifier, type LogVerifier } from '../sync/logVerifier.ts';
import { readAsyncConsentState } from './useAsyncConsent.ts';

const ROOM = 'space001/consent/cons0001';
const T0 = 1_700_000_000_000;
const TEXT = 'a'.repeat(64);

async function sign(key: DeviceKey, event: AsyncPersonEvent): Promise<AsyncPersonEvent> {
  const payload = eventSigningPayload(ROOM, key.keyId, event as unknown as MeetingEvent);
  const sig = await signBytes(key, payload);
  return { ...event, kid: key.keyId, sig } as unknown as AsyncPersonEvent;
}

const info = (key: DeviceKey, userId: string): DeviceKeyInfo => ({
  keyId: key.keyId,
  userId,
  publicKey: key.publicKey,
  addedAt: 0,
});

const roll = {
  id: 'roll0001',
  type: 'async.roll',
  by: SERVER_AUTHOR,
  at: T0,
  voters: ['ana00001', 'bea00001'],
  facilitators: [],
  policy: { lazy: false, quorumPercent: 100 },
  names: {},
};

describe('an asynchronous consent’s log verified in the browser (ASYNC-18)', () => {
  let ana: DeviceKey;
  let bea: DeviceKey;
  let verifier: LogVerifier | null = null;
  beforeEach(async () => {
    ana = await generateDeviceKey();
    bea = await generateDeviceKey();
    clearVerdicts();
    localStorage.clear();
  });
  afterEach(() => {
    verifier?.dispose();
    verifier = null;
    configureKeyDirectory(null);
  });

  it('folds only the checked prefix; a position signed with another’s key is ignored as unsigned; the server’s entries need no signature', async () => {
    let answer: (keys: DeviceKeyInfo[]) => void = () => {};
    const fetchKeys = vi.fn(
      () =>
        new Promise<DeviceKeyInfo[]>((resolve) => {
          answer = resolve;
        }),
    );
    configureKeyDirectory(fetchKeys);
    const doc = new Y.Doc();
    const open = await sign(
      ana,
      openAsyncConsent('pr1proposal', 'ana00001', T0, T0 + 3_600_000, TEXT),
    );
    const opened = foldAsyncConsent([open, roll]);
    // Bea signs a position that claims to be Ana's objection.
    const forged = await sign(bea, {
      ...recordAsyncPosition(opened, 'ana00001', T0 + 1, 'objection', 'Not mine'),
      id: 'forged01',
    });
    const honest = await sign(bea, recordAsyncPosition(opened, 'bea00001', T0 + 2, 'consent', ''));
    consentLog(doc).push([open, roll, forged, honest]);
    verifier = createLogVerifier(ROOM, doc, keyDirectory('space001'), parseAsyncPersonEvent);

    // Nothing checked: nothing folded, the consent not even open on this screen.
    expect(verifier.checkedPrefix()).toBe(0);
    expect(readAsyncConsentState(doc, verifier).phase).toBe('empty');

    await expect.poll(() => fetchKeys.mock.calls.length).toBe(1);
    answer([info(ana, 'ana00001'), info(bea, 'bea00001')]);
    await expect.poll(() => verifier!.checkedPrefix()).toBe(4);
    const state = readAsyncConsentState(doc, verifier);
    expect(state.results.map((r) => [r.id, r.status, r.why])).toEqual([
      [open.id, 'applied', null],
      ['roll0001', 'applied', null],
      ['forged01', 'ignored', 'unsigned'],
      [honest.id, 'applied', null],
    ]);
    expect(state.latest.has('ana00001')).toBe(false);
    expect(state.latest.get('bea00001')?.value).toBe('consent');
    // Without a verifier (a document no room holds) the log is folded as it is.
    expect(readAsyncConsentState(doc).latest.get('ana00001')?.value).toBe('objection');
  });
});
