import type { Socket } from 'node:net';
import type { WebSocket } from 'ws';

/**
 * One message sent to many sockets (SPEC RELAY-1): framed once as an
 * unmasked binary WebSocket frame (RFC 6455, what a server sends), and those
 * same bytes written to each socket in one write, instead of `ws.send`
 * framing the message anew for every peer (a header allocated, two writes
 * corked into a writev, a callback). About a third of the CPU of each send.
 */
export class SharedFrame {
  #frame: Buffer | null = null;

  constructor(readonly message: Uint8Array) {}

  /** The whole frame, header and payload, built on first use. */
  get frame(): Buffer {
    this.#frame ??= binaryFrame(this.message);
    return this.#frame;
  }
}

/**
 * A final, unmasked binary frame holding `payload` (RFC 6455 §5.2: FIN and
 * opcode 2, then the length in 7, 7+16 or 7+64 bits).
 */
export function binaryFrame(payload: Uint8Array): Buffer {
  const length = payload.byteLength;
  const header = length < 126 ? 2 : length < 65_536 ? 4 : 10;
  const frame = Buffer.allocUnsafe(header + length);
  frame[0] = 0x82;
  if (header === 2) {
    frame[1] = length;
  } else if (header === 4) {
    frame[1] = 126;
    frame.writeUInt16BE(length, 2);
  } else {
    frame[1] = 127;
    frame.writeBigUInt64BE(BigInt(length), 2);
  }
  frame.set(payload, header);
  return frame;
}

/** What of `ws`'s internals the shared frame relies on (ws 8: `_socket`, `_sender._state`). */
interface WsInternals {
  _socket?: unknown;
  _sender?: { _state?: unknown } | null;
}

/**
 * The socket a shared frame can be written to directly, or `null` where
 * `ws` must frame the message itself: an extension is negotiated
 * (permessage-deflate would compress it), its sender is busy with a queued
 * frame (a frame written now would overtake it), or `ws`'s internals are not
 * the ones this was written against (then every send goes through `ws`).
 */
export function directSocket(socket: WebSocket): Socket | null {
  if (socket.extensions !== '') return null;
  const internals = socket as unknown as WsInternals;
  const raw = internals._socket;
  if (!raw || typeof (raw as Socket).write !== 'function') return null;
  if (internals._sender?._state !== 0) return null;
  return raw as Socket;
}
