import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';

/**
 * What one instance tells the others about a room (SPEC CLUSTER-1): a
 * stored update with its sequence number in the document's log, or a
 * presence change (`seq` 0). `sentAt` (the sender's clock, ms) measures the
 * relay's lag.
 */
export interface RelayMessage {
  readonly kind: 'update' | 'awareness';
  readonly instanceId: string;
  readonly room: string;
  readonly seq: number;
  readonly sentAt: number;
  readonly payload: Uint8Array;
}

const KINDS = ['update', 'awareness'] as const;

/** `[kind, instanceId, room, seq, sentAt, payload]` in lib0 encoding. */
export function encodeRelayMessage(message: RelayMessage): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, KINDS.indexOf(message.kind));
  encoding.writeVarString(encoder, message.instanceId);
  encoding.writeVarString(encoder, message.room);
  encoding.writeVarUint(encoder, message.seq);
  encoding.writeVarUint(encoder, message.sentAt);
  encoding.writeVarUint8Array(encoder, message.payload);
  return encoding.toUint8Array(encoder);
}

/** The message, or `null` for bytes that are not one (another program on the channel). */
export function decodeRelayMessage(bytes: Uint8Array): RelayMessage | null {
  try {
    const decoder = decoding.createDecoder(bytes);
    const kind = KINDS[decoding.readVarUint(decoder)];
    if (kind === undefined) return null;
    const message: RelayMessage = {
      kind,
      instanceId: decoding.readVarString(decoder),
      room: decoding.readVarString(decoder),
      seq: decoding.readVarUint(decoder),
      sentAt: decoding.readVarUint(decoder),
      payload: decoding.readVarUint8Array(decoder),
    };
    return decoding.hasContent(decoder) ? null : message;
  } catch {
    return null;
  }
}
