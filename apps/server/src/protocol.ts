import * as encoding from 'lib0/encoding';
import { writePermissionDenied } from 'y-protocols/auth';
import * as Y from 'yjs';
import { parseUpdate, type ParsedUpdate } from './parseUpdate.ts';
import {
  MalformedError,
  createReader,
  expectEnd,
  readVarBytes,
  readVarString,
  readVarUint,
  remaining,
  type Reader,
} from './reader.ts';

/**
 * The y-websocket wire protocol, as the stock `WebsocketProvider` speaks it:
 * `[varUint messageType][payload]` where
 * - 0 sync: `[varUint 0|1|2][varUint8Array stateVector|update]` (step 1, step 2, update)
 * - 1 awareness: `[varUint8Array awarenessUpdate]`
 * - 3 query awareness: nothing
 * - 4 time (Ronde's extension, DESIGN 9): client `[varUint clientSendMs]`, server
 *   `[varUint clientSendMs][varUint serverNowMs]`. The stock client never sends it.
 * - 5 event (Ronde's extension, docs/legitimacy.md §1): client `[varString eventJson]`,
 *   a signed process event for the server to append to the meeting's log.
 * - 6 event refused (server only): `[varString eventId][varString code][varString detail]`.
 *
 * Everything a client sends is decoded strictly here, before it reaches a
 * document or storage: any malformed, truncated or unknown message throws a
 * {@link MalformedError}, and the connection is closed with 4400.
 */
export const MESSAGE_SYNC = 0;
export const MESSAGE_AWARENESS = 1;
export const MESSAGE_AUTH = 2;
export const MESSAGE_QUERY_AWARENESS = 3;
export const MESSAGE_TIME = 4;
export const MESSAGE_EVENT = 5;
export const MESSAGE_EVENT_REFUSED = 6;
/** A submitted event's JSON, at most (a start snapshot of 1,000 people and 200 items fits). */
export const EVENT_JSON_MAX = 256 * 1024;
const SYNC_STEP1 = 0;
const SYNC_STEP2 = 1;
const SYNC_UPDATE = 2;

/** One client entry of an awareness update; `state === null` removes the client. */
export interface AwarenessEntry {
  readonly clientId: number;
  readonly clock: number;
  readonly removed: boolean;
  /** The state as sent (`null` when removed). */
  readonly state: unknown;
  /** Its JSON, as sent. */
  readonly json: string;
}

export type ClientMessage =
  | { readonly type: 'sync-step1'; readonly stateVector: Uint8Array }
  /** `parsed`: the update decoded once, handed on to the write policy (parseUpdate.ts). */
  | { readonly type: 'sync-step2'; readonly update: Uint8Array; readonly parsed: ParsedUpdate }
  | { readonly type: 'update'; readonly update: Uint8Array; readonly parsed: ParsedUpdate }
  | {
      readonly type: 'awareness';
      readonly update: Uint8Array;
      readonly entries: readonly AwarenessEntry[];
    }
  | { readonly type: 'query-awareness' }
  | { readonly type: 'time'; readonly clientSendMs: number }
  | { readonly type: 'event'; readonly json: string };

/**
 * Decodes and validates one message from a client.
 *
 * @example
 * const message = decodeMessage(bytes);
 * if (message.type === 'update') await document.store(message.update, peer);
 */
export function decodeMessage(bytes: Uint8Array): ClientMessage {
  const reader = createReader(bytes);
  const type = readVarUint(reader, 'message type');
  let message: ClientMessage;
  switch (type) {
    case MESSAGE_SYNC:
      message = readSync(reader);
      break;
    case MESSAGE_AWARENESS: {
      const update = readVarBytes(reader, 'awareness update');
      message = { type: 'awareness', update, entries: validateAwarenessUpdate(update) };
      break;
    }
    case MESSAGE_QUERY_AWARENESS:
      message = { type: 'query-awareness' };
      break;
    case MESSAGE_TIME:
      message = { type: 'time', clientSendMs: readVarUint(reader, 'client send time') };
      break;
    case MESSAGE_EVENT: {
      const json = readVarString(reader, 'event');
      if (json.length > EVENT_JSON_MAX) throw new MalformedError('event too large');
      message = { type: 'event', json };
      break;
    }
    default:
      throw new MalformedError(`unknown message type ${type}`);
  }
  expectEnd(reader, 'message');
  return message;
}

function readSync(reader: Reader): ClientMessage {
  const step = readVarUint(reader, 'sync message type');
  switch (step) {
    case SYNC_STEP1: {
      const stateVector = readVarBytes(reader, 'state vector');
      validateStateVector(stateVector);
      return { type: 'sync-step1', stateVector };
    }
    case SYNC_STEP2:
    case SYNC_UPDATE: {
      const update = readVarBytes(reader, 'update');
      const parsed = validateUpdate(update);
      return { type: step === SYNC_STEP2 ? 'sync-step2' : 'update', update, parsed };
    }
    default:
      throw new MalformedError(`unknown sync message type ${step}`);
  }
}

/** A state vector: `[varUint n][n × (varUint client, varUint clock)]`, nothing after. */
export function validateStateVector(stateVector: Uint8Array): void {
  const reader = createReader(stateVector);
  const count = readVarUint(reader, 'state vector length');
  if (count * 2 > remaining(reader)) throw new MalformedError('truncated state vector');
  for (let i = 0; i < count; i++) {
    readVarUint(reader, 'state vector client');
    readVarUint(reader, 'state vector clock');
  }
  expectEnd(reader, 'state vector');
}

/**
 * An awareness update: `[varUint n][n × (varUint clientId, varUint clock,
 * varString json)]`, nothing after, every state valid JSON.
 */
export function validateAwarenessUpdate(update: Uint8Array): AwarenessEntry[] {
  const reader = createReader(update);
  const count = readVarUint(reader, 'awareness length');
  if (count * 3 > remaining(reader)) throw new MalformedError('truncated awareness update');
  const entries: AwarenessEntry[] = [];
  for (let i = 0; i < count; i++) {
    const clientId = readVarUint(reader, 'awareness client');
    const clock = readVarUint(reader, 'awareness clock');
    const json = readVarString(reader, 'awareness state');
    let state: unknown;
    try {
      state = JSON.parse(json);
    } catch {
      throw new MalformedError('awareness state is not JSON');
    }
    entries.push({ clientId, clock, removed: state === null, state, json });
  }
  expectEnd(reader, 'awareness update');
  return entries;
}

/**
 * A Yjs v1 update that Yjs itself can read to the last byte, decoded without
 * a document (`parseUpdate`): truncation or trailing bytes fail. Returns the
 * decoded form, for the write policy to use instead of decoding it again.
 */
export function validateUpdate(update: Uint8Array): ParsedUpdate {
  return parseUpdate(update);
}

/** The update a client sends when it has nothing new: no structs, no deletes. */
export function isEmptyUpdate(update: Uint8Array): boolean {
  return update.length === 2 && update[0] === 0 && update[1] === 0;
}

function message(write: (encoder: encoding.Encoder) => void): Uint8Array {
  const encoder = encoding.createEncoder();
  write(encoder);
  return encoding.toUint8Array(encoder);
}

export function encodeSyncStep1(doc: Y.Doc): Uint8Array {
  return message((e) => {
    encoding.writeVarUint(e, MESSAGE_SYNC);
    encoding.writeVarUint(e, SYNC_STEP1);
    encoding.writeVarUint8Array(e, Y.encodeStateVector(doc));
  });
}

/** The answer to a client's step 1: what the document has that the client lacks. */
export function encodeSyncStep2(doc: Y.Doc, stateVector?: Uint8Array): Uint8Array {
  return message((e) => {
    encoding.writeVarUint(e, MESSAGE_SYNC);
    encoding.writeVarUint(e, SYNC_STEP2);
    encoding.writeVarUint8Array(e, Y.encodeStateAsUpdate(doc, stateVector));
  });
}

export function encodeUpdate(update: Uint8Array): Uint8Array {
  return message((e) => {
    encoding.writeVarUint(e, MESSAGE_SYNC);
    encoding.writeVarUint(e, SYNC_UPDATE);
    encoding.writeVarUint8Array(e, update);
  });
}

export function encodeAwareness(awarenessUpdate: Uint8Array): Uint8Array {
  return message((e) => {
    encoding.writeVarUint(e, MESSAGE_AWARENESS);
    encoding.writeVarUint8Array(e, awarenessUpdate);
  });
}

/** The answer to a time message: the client's send time echoed, and the server's clock. */
export function encodeTime(clientSendMs: number, serverNowMs: number): Uint8Array {
  return message((e) => {
    encoding.writeVarUint(e, MESSAGE_TIME);
    encoding.writeVarUint(e, clientSendMs);
    encoding.writeVarUint(e, Math.max(0, Math.floor(serverNowMs)));
  });
}

/**
 * The y-protocols auth message `permission-denied` (type 2, then 0 and the
 * reason), which the stock client reports through its permission handler.
 */
export function encodePermissionDenied(reason: string): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MESSAGE_AUTH);
  writePermissionDenied(encoder, reason);
  return encoding.toUint8Array(encoder);
}

/** The answer to a refused event (message 6): its id (or ''), a code and a detail for people. */
export function encodeEventRefused(eventId: string, code: string, detail: string): Uint8Array {
  return message((e) => {
    encoding.writeVarUint(e, MESSAGE_EVENT_REFUSED);
    encoding.writeVarString(e, eventId);
    encoding.writeVarString(e, code);
    encoding.writeVarString(e, detail);
  });
}

/** An awareness update holding exactly `entries` (those a connection may set). */
export function encodeAwarenessEntries(entries: readonly AwarenessEntry[]): Uint8Array {
  return message((e) => {
    encoding.writeVarUint(e, entries.length);
    for (const entry of entries) {
      encoding.writeVarUint(e, entry.clientId);
      encoding.writeVarUint(e, entry.clock);
      encoding.writeVarString(e, entry.json);
    }
  });
}
