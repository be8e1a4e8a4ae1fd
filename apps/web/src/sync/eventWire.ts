import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';

/** client → server: one signed process event (docs/legitimacy.md §1). */
export const MESSAGE_EVENT_SUBMIT = 5;
/** server → client: a submitted event was refused and not appended. */
export const MESSAGE_EVENT_REFUSED = 6;

/** Why the server refused an event (docs/legitimacy.md §1). */
export const SUBMIT_REFUSAL_CODES = [
  'malformed',
  'duplicate-id',
  'not-author',
  'unknown-key',
  'bad-signature',
  'read-only',
  'not-a-meeting',
  'document-full',
  'quota',
  // The member's share of this document for the day is spent (server QUOTA-3).
  'daily-quota',
  // Dated ahead of the server's clock (server EVT-8): this page's measure of it was off.
  'clock',
  // Asynchronous consents (server ACONS-7): what the fold would ignore, and anything past the deadline.
  'not-allowed',
  'closed',
] as const;
export type SubmitRefusalCode = (typeof SUBMIT_REFUSAL_CODES)[number];

/** A refusal as the client keeps it: unknown codes from a newer server read as `malformed`. */
export interface SubmitRefusal {
  readonly eventId: string;
  readonly code: SubmitRefusalCode;
  readonly detail: string;
}

export function isSubmitRefusalCode(value: string): value is SubmitRefusalCode {
  return (SUBMIT_REFUSAL_CODES as readonly string[]).includes(value);
}

/**
 * `[varUint 5][varString eventJson]`.
 *
 * @example
 * ws.send(encodeEventSubmit(JSON.stringify(signedEvent)));
 */
export function encodeEventSubmit(eventJson: string): Uint8Array<ArrayBuffer> {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MESSAGE_EVENT_SUBMIT);
  encoding.writeVarString(encoder, eventJson);
  return new Uint8Array(encoding.toUint8Array(encoder));
}

/** Reads the body of a refusal (after its type was read). */
export function readEventRefused(decoder: decoding.Decoder): SubmitRefusal {
  const eventId = decoding.readVarString(decoder);
  const code = decoding.readVarString(decoder);
  const detail = decoding.readVarString(decoder);
  return { eventId, code: isSubmitRefusalCode(code) ? code : 'malformed', detail };
}

/** `[varUint 6][varString eventId][varString code][varString detail]` (tests, the fake server). */
export function encodeEventRefused(eventId: string, code: string, detail: string): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MESSAGE_EVENT_REFUSED);
  encoding.writeVarString(encoder, eventId);
  encoding.writeVarString(encoder, code);
  encoding.writeVarString(encoder, detail);
  return encoding.toUint8Array(encoder);
}
