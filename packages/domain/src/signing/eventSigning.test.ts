import { describe, expect, it } from 'vitest';
import { CONTEXT } from '../../test/meetingHarness.ts';
import { toBase64 } from '../process/base64.ts';
import { nextStep, recordPosition, startMeeting } from '../process/commands.ts';
import type { MeetingEvent } from '../process/events.ts';
import { initialMeetingState } from '../process/fold.ts';
import { parseEvent } from '../process/parseEvent.ts';
import {
  KEY_ID_LENGTH,
  SIGNATURE_LENGTH,
  eventSigningPayload,
  readSignature,
} from './eventSigning.ts';

const ROOM = 'space01/meeting/meet01';
const KID = 'AbCdEfGhIjKlMnOpQrSt_-';
const decoder = new TextDecoder();

const base64url = (bytes: Uint8Array): string =>
  toBase64(bytes).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');

const state = initialMeetingState(CONTEXT);
const position = recordPosition(state, 'ana', 1_000, { value: 'objection', reason: 'Too soon' });

describe('signed events', () => {
  it('SIGN-2 the payload is the canonical JSON of { event, kid, room }', () => {
    const event = nextStep(state, 'fac1', 5);
    const text = decoder.decode(eventSigningPayload(ROOM, KID, event));
    const { id } = event;
    expect(text).toBe(
      `{"event":{"at":5,"by":"fac1","expects":{"itemId":null,"phase":"not-started","stepId":null},` +
        `"id":"${id}","type":"step.next"},"kid":"${KID}","room":"${ROOM}"}`,
    );
  });

  it('SIGN-2 kid and sig carried by the event are left out of it', () => {
    const signed = { ...position, kid: 'other-kid-000000000000', sig: 'x'.repeat(86) };
    expect(eventSigningPayload(ROOM, KID, signed as MeetingEvent)).toEqual(
      eventSigningPayload(ROOM, KID, position),
    );
  });

  it('SIGN-2 the same event parsed back from the log gives the same bytes', () => {
    const start = startMeeting(state, 'fac1', 7);
    const stored = JSON.parse(JSON.stringify({ ...start, kid: KID, sig: 's' })) as unknown;
    const parsed = parseEvent(stored)!;
    expect(eventSigningPayload(ROOM, KID, parsed)).toEqual(eventSigningPayload(ROOM, KID, start));
  });

  it('SIGN-2 an Ed25519 signature over the payload verifies with WebCrypto, and only for that room, id and content', async () => {
    const subtle = globalThis.crypto.subtle;
    const keys = (await subtle.generateKey('Ed25519', false, ['sign', 'verify'])) as CryptoKeyPair;
    const raw = new Uint8Array(
      await subtle.sign('Ed25519', keys.privateKey, eventSigningPayload(ROOM, KID, position)),
    );
    const sig = base64url(raw);
    expect(sig).toHaveLength(SIGNATURE_LENGTH);
    expect(readSignature({ ...position, kid: KID, sig })).toEqual({ kid: KID, sig });

    const verifies = (room: string, kid: string, event: MeetingEvent): Promise<boolean> =>
      subtle.verify('Ed25519', keys.publicKey, raw, eventSigningPayload(room, kid, event));
    expect(await verifies(ROOM, KID, position)).toBe(true);
    // Replayed into another meeting, or as another entry of the same one.
    expect(await verifies('space01/meeting/meet02', KID, position)).toBe(false);
    expect(await verifies(ROOM, KID, { ...position, id: 'another01' })).toBe(false);
    expect(await verifies(ROOM, 'AbCdEfGhIjKlMnOpQrSt_x', position)).toBe(false);
    // Any field changed, at any depth.
    const changed: MeetingEvent[] = [
      { ...position, by: 'ben' },
      { ...position, at: position.at + 1 },
      { ...position, value: 'consent' },
      { ...position, reason: 'Too soon!' },
      { ...position, round: 1 },
      { ...position, onBehalfOf: 'ana' },
      { ...position, expects: { ...position.expects, stepId: 'step99' } },
      { ...position, type: 'step.next' } as unknown as MeetingEvent,
    ];
    for (const event of changed) expect(await verifies(ROOM, KID, event)).toBe(false);
    // Key order and kid/sig members do not matter: the payload is canonical.
    const reordered = Object.fromEntries(Object.entries(position).reverse()) as MeetingEvent;
    expect(
      await verifies(ROOM, KID, { ...reordered, kid: KID, sig } as unknown as MeetingEvent),
    ).toBe(true);
  });

  it('SIGN-3 readSignature accepts only a 22-character base64url kid and an 86-character base64url sig', () => {
    const sig = 'A'.repeat(SIGNATURE_LENGTH - 2) + '-_';
    expect(KEY_ID_LENGTH).toBe(22);
    expect(readSignature({ kid: KID, sig })).toEqual({ kid: KID, sig });
    const bad: unknown[] = [
      null,
      'kid',
      [],
      {},
      { kid: KID },
      { sig },
      { kid: KID.slice(1), sig },
      { kid: `${KID}A`, sig },
      { kid: `${KID.slice(1)}+`, sig },
      { kid: `${KID.slice(1)}=`, sig },
      { kid: KID, sig: sig.slice(1) },
      { kid: KID, sig: `${sig}A` },
      { kid: KID, sig: `${sig.slice(2)}==` },
      { kid: KID, sig: `${sig.slice(1)}/` },
      { kid: 22, sig },
      { kid: KID, sig: null },
    ];
    for (const value of bad) expect(readSignature(value)).toBeNull();
  });
});
