import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { writePermissionDenied } from 'y-protocols/auth';
import * as syncProtocol from 'y-protocols/sync';
import type * as Y from 'yjs';
import { MESSAGE_EVENT_SUBMIT } from './eventWire.ts';
import type { FakeWebSocket } from './fakeWebSocket.ts';

/**
 * The server's side of a {@link FakeWebSocket} for tests: what it sends and
 * what the client submitted. Not used by the app.
 */
export function serverSend(ws: FakeWebSocket, bytes: Uint8Array): void {
  ws.onmessage?.({ data: bytes.slice().buffer });
}

/** Sync step 2 with the whole of `doc`: the client then reads `synced`. */
export function syncStep2(doc: Y.Doc): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, 0);
  syncProtocol.writeSyncStep2(encoder, doc);
  return encoding.toUint8Array(encoder);
}

/** A sync update message carrying `update`. */
export function syncUpdate(update: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, 0);
  syncProtocol.writeUpdate(encoder, update);
  return encoding.toUint8Array(encoder);
}

/** y-protocols' `permission-denied` with a reason. */
export function permissionDenied(reason: string): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, 2);
  writePermissionDenied(encoder, reason);
  return encoding.toUint8Array(encoder);
}

/** The events the client submitted on this socket (message 5), parsed. */
export function submittedEvents(ws: FakeWebSocket): Record<string, unknown>[] {
  const out: Record<string, unknown>[] = [];
  for (const data of ws.sent) {
    if (!(data instanceof Uint8Array)) continue;
    const decoder = decoding.createDecoder(data);
    if (decoding.readVarUint(decoder) !== MESSAGE_EVENT_SUBMIT) continue;
    out.push(JSON.parse(decoding.readVarString(decoder)) as Record<string, unknown>);
  }
  return out;
}
