import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import type { WebsocketProvider } from 'y-websocket';

/** Ronde's time message over the sync socket (the server's `MESSAGE_TIME`). */
export const MESSAGE_TIME = 4;
/** How often a connected provider measures again. */
export const CLOCK_PING_MS = 30_000;
/** How many recent samples are kept; the one with the smallest round trip wins. */
export const CLOCK_SAMPLES = 5;

export interface ClockSample {
  /** serverNow − local midpoint of the round trip, in ms. */
  readonly offset: number;
  /** Round-trip time in ms. */
  readonly rtt: number;
}

/**
 * One round trip's estimate, assuming the server read its clock halfway
 * (NTP's rule): offset = serverNow − (t0 + t1) / 2, with t0 the local send
 * time and t1 the local receive time. `null` for an impossible sample.
 *
 * @example
 * clockSample(1000, 5050, 1100); // { offset: 4000, rtt: 100 }
 */
export function clockSample(t0: number, serverNow: number, t1: number): ClockSample | null {
  if (![t0, serverNow, t1].every(Number.isFinite) || t1 < t0) return null;
  return { offset: serverNow - (t0 + t1) / 2, rtt: t1 - t0 };
}

/**
 * Keeps the last few samples and answers the offset of the one with the
 * smallest round trip: its error is at most half that round trip.
 */
export function createClockFilter(size = CLOCK_SAMPLES) {
  const samples: ClockSample[] = [];
  return {
    add(sample: ClockSample): number {
      samples.push(sample);
      if (samples.length > size) samples.shift();
      return bestOffset(samples);
    },
  };
}

function bestOffset(samples: readonly ClockSample[]): number {
  let best = samples[0] as ClockSample;
  for (const s of samples) if (s.rtt < best.rtt) best = s;
  return Math.round(best.offset);
}

/** The time message a client sends. */
export function encodeTimeRequest(clientSendMs: number): Uint8Array<ArrayBuffer> {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MESSAGE_TIME);
  encoding.writeVarUint(encoder, Math.floor(clientSendMs));
  return new Uint8Array(encoding.toUint8Array(encoder));
}

export interface ServerClockOptions {
  /** Called with the best offset so far after each answer. */
  readonly onOffset: (offsetMs: number) => void;
  /** One filter shared by every provider: they all talk to the same server. */
  readonly filter: ReturnType<typeof createClockFilter>;
  readonly now?: () => number;
  readonly intervalMs?: number;
}

/**
 * Teaches a `WebsocketProvider` Ronde's time message (DESIGN 9): it pings on
 * each connect and every 30 s while connected, and turns each answer into a
 * clock sample. Returns a function that stops it.
 *
 * @example
 * const stop = attachServerClock(provider, { filter, onOffset: (ms) => setOffset(ms) });
 */
export function attachServerClock(
  provider: WebsocketProvider,
  options: ServerClockOptions,
): () => void {
  const now = options.now ?? Date.now;
  provider.messageHandlers[MESSAGE_TIME] = (_encoder, decoder) => {
    const t1 = now();
    const t0 = decoding.readVarUint(decoder);
    const serverNow = decoding.readVarUint(decoder);
    const sample = clockSample(t0, serverNow, t1);
    if (sample) options.onOffset(options.filter.add(sample));
  };
  const ping = (): void => {
    const ws = provider.ws;
    if (provider.wsconnected && ws && ws.readyState === ws.OPEN) ws.send(encodeTimeRequest(now()));
  };
  const onStatus = ({ status }: { status: string }): void => {
    if (status === 'connected') ping();
  };
  provider.on('status', onStatus);
  if (provider.wsconnected) ping();
  const timer = setInterval(ping, options.intervalMs ?? CLOCK_PING_MS);
  return () => {
    clearInterval(timer);
    provider.off('status', onStatus);
  };
}
