import { generateKeyPairSync, sign } from 'node:crypto';
import { eventSigningPayload, readLog, type MeetingEvent } from '@ronde/domain';
import { afterEach, describe, expect, it } from 'vitest';
import { deviceKeyId } from './deviceKeys.ts';
import { createDocumentRegistry, type DocumentRegistry } from './documents.ts';
import { memoryLogger } from './log.ts';
import { createMemoryStorage } from './memoryStorage.ts';
import {
  appendCheckedEvent,
  checkSubmittedEvent,
  EventRefusal,
  type EventDeps,
  type RefusalCode,
} from './processEvents.ts';
import { verifyEd25519 } from './signatures.ts';

const ROOM = 'sp1abcdef/meeting/mt1abcdef';
const ANA = 'anauser01';
const BEN = 'benuser01';

function device(userId: string) {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  const raw = publicKey.export({ format: 'jwk' }).x ?? '';
  const kid = deviceKeyId(Buffer.from(raw, 'base64url'));
  return {
    record: { userId, publicKey: raw },
    kid,
    sign(event: MeetingEvent, room = ROOM) {
      const sig = sign(null, eventSigningPayload(room, kid, event), privateKey).toString(
        'base64url',
      );
      return { ...event, kid, sig };
    },
  };
}

const ana = device(ANA);
const ben = device(BEN);
const deps: EventDeps = {
  keys: {
    getDeviceKey: (_space, keyId) =>
      Promise.resolve([ana, ben].find((d) => d.kid === keyId)?.record ?? null),
  },
  verify: verifyEd25519,
};

function event(by: string, id = `ev${Math.random().toString(36).slice(2, 10)}`): MeetingEvent {
  return { id, type: 'timeout.call', by, at: 1_700_000_000_000, expects: { timeoutId: null } };
}

async function refusal(
  json: string,
  overrides: Partial<{ room: string; canWrite: boolean; userId: string }> = {},
): Promise<RefusalCode> {
  try {
    await checkSubmittedEvent(
      { room: ROOM, userId: ANA, canWrite: true, json, ...overrides },
      deps,
    );
  } catch (error) {
    if (error instanceof EventRefusal) return error.code;
    throw error;
  }
  throw new Error('accepted');
}

describe('processEvents: signed events, sequenced by the server', () => {
  let registry: DocumentRegistry | null = null;
  afterEach(async () => {
    await registry?.close();
    registry = null;
  });

  it('EVT-2 refuses outside a meeting room and from an observer', async () => {
    const json = JSON.stringify(ana.sign(event(ANA)));
    expect(await refusal(json, { room: 'sp1abcdef/proposal/pr1abcdef' })).toBe('not-a-meeting');
    expect(await refusal(json, { canWrite: false })).toBe('read-only');
  });

  it('EVT-3 refuses what is not JSON, not a known event, or not signed', async () => {
    expect(await refusal('{nope')).toBe('malformed');
    expect(await refusal(JSON.stringify({ ...ana.sign(event(ANA)), type: 'vote.rig' }))).toBe(
      'malformed',
    );
    expect(await refusal(JSON.stringify(event(ANA)))).toBe('bad-signature');
    expect(await refusal(JSON.stringify({ ...ana.sign(event(ANA)), sig: 'short' }))).toBe(
      'bad-signature',
    );
  });

  it('EVT-4 refuses an unknown key, a key of someone else, a signature that does not verify', async () => {
    const signed = ana.sign(event(ANA));
    expect(await refusal(JSON.stringify({ ...signed, kid: 'A'.repeat(22) }))).toBe('unknown-key');
    expect(await refusal(JSON.stringify({ ...ben.sign(event(BEN)), by: ANA }))).toBe('unknown-key');
    expect(await refusal(JSON.stringify({ ...signed, at: signed.at + 1 }))).toBe('bad-signature');
    const elsewhere = ana.sign(event(ANA), 'sp1abcdef/meeting/mt2abcdef');
    expect(await refusal(JSON.stringify(elsewhere))).toBe('bad-signature');
  });

  it('EVT-5 accepts an event by another member when its signature verifies (a re-upload)', async () => {
    const signed = ben.sign(event(BEN));
    const stored = await checkSubmittedEvent(
      { room: ROOM, userId: ANA, canWrite: true, json: JSON.stringify(signed) },
      deps,
    );
    expect(stored).toMatchObject({ id: signed.id, by: BEN, kid: ben.kid, sig: signed.sig });
  });

  it('EVT-6 / EVT-1 appends once per id, as the server, even when submitted twice at once', async () => {
    registry = createDocumentRegistry({
      storage: createMemoryStorage(),
      log: memoryLogger('silent'),
      unloadGraceMs: 0,
      compactAfterUpdates: 1000,
      compactAfterBytes: 1e9,
    });
    const handle = registry.open(ROOM);
    const loaded = await handle.ready;
    const signed = ana.sign(event(ANA, 'evSameId01'));
    const stored = await checkSubmittedEvent(
      { room: ROOM, userId: ANA, canWrite: true, json: JSON.stringify(signed) },
      deps,
    );
    const results = await Promise.allSettled([
      appendCheckedEvent(loaded, stored),
      appendCheckedEvent(loaded, stored),
    ]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected']);
    const reason = (results[1] as PromiseRejectedResult).reason as EventRefusal;
    expect(reason.code).toBe('duplicate-id');
    expect(readLog(loaded.doc)).toHaveLength(1);
    handle.release();
  });

  it('EVT-7 stores the parsed event with its kid and sig: unknown fields never reach the log', async () => {
    const signed = ana.sign(event(ANA));
    const stored = await checkSubmittedEvent(
      {
        room: ROOM,
        userId: ANA,
        canWrite: true,
        json: JSON.stringify({ ...signed, smuggled: { role: 'facilitator' } }),
      },
      deps,
    );
    expect(stored).toEqual(signed);
    expect('smuggled' in stored).toBe(false);
  });
});
