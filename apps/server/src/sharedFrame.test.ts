import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket, WebSocketServer } from 'ws';
import { binaryFrame, directSocket, SharedFrame } from './sharedFrame.ts';

/** A server socket and the stock `ws` client connected to it. */
async function pair(
  perMessageDeflate = false,
): Promise<{ server: WebSocket; client: WebSocket; stop: () => Promise<void> }> {
  const wss = new WebSocketServer({ port: 0, host: '127.0.0.1', perMessageDeflate });
  await new Promise<void>((resolve) => wss.once('listening', resolve));
  const accepted = new Promise<WebSocket>((resolve) => wss.once('connection', resolve));
  const { port } = wss.address() as AddressInfo;
  const client = new WebSocket(`ws://127.0.0.1:${port}`, { perMessageDeflate });
  await new Promise<void>((resolve, reject) => {
    client.once('open', resolve);
    client.once('error', reject);
  });
  const server = await accepted;
  const stop = async (): Promise<void> => {
    client.terminate();
    await new Promise<void>((resolve) => wss.close(() => resolve()));
  };
  return { server, client, stop };
}

function received(client: WebSocket, count: number): Promise<Buffer[]> {
  const messages: Buffer[] = [];
  return new Promise((resolve) => {
    client.on('message', (data: Buffer) => {
      messages.push(data);
      if (messages.length === count) resolve(messages);
    });
  });
}

const bytes = (length: number, seed: number): Uint8Array =>
  Uint8Array.from({ length }, (_, i) => (i * 31 + seed) % 256);

let stops: (() => Promise<void>)[] = [];
afterEach(async () => {
  await Promise.all(stops.map((stop) => stop()));
  stops = [];
});

describe('shared frames (RELAY-1)', () => {
  it('frames each length class as RFC 6455 says: 7-bit, 16-bit and 64-bit lengths', () => {
    expect([...binaryFrame(bytes(3, 1)).subarray(0, 2)]).toEqual([0x82, 3]);
    const mid = binaryFrame(bytes(300, 2));
    expect([...mid.subarray(0, 4)]).toEqual([0x82, 126, 300 >> 8, 300 & 0xff]);
    const big = binaryFrame(bytes(70_000, 3));
    expect(big[1]).toBe(127);
    expect(big.readBigUInt64BE(2)).toBe(70_000n);
    expect(big.subarray(10)).toEqual(Buffer.from(bytes(70_000, 3)));
    expect(binaryFrame(new Uint8Array(0))).toEqual(Buffer.from([0x82, 0]));
  });

  it('builds the frame once however many peers it goes to', () => {
    const shared = new SharedFrame(bytes(10, 4));
    expect(shared.frame).toBe(shared.frame);
  });

  it('writes straight to the socket of a plain connection, and a stock client reads every message intact, in order with ws-framed ones', async () => {
    const { server, client, stop } = await pair();
    stops.push(stop);
    const socket = directSocket(server);
    // With the `ws` this was written against, the direct path is taken (not a silent fallback).
    expect(socket).not.toBeNull();
    const sizes = [0, 1, 125, 126, 65_535, 65_536, 200_000];
    const messages = sizes.map((size, i) => bytes(size, i));
    const arrived = received(client, messages.length * 2);
    for (const [i, message] of messages.entries()) {
      socket?.write(new SharedFrame(message).frame);
      server.send(bytes(i + 1, 99)); // framed by ws, between the shared ones
    }
    const got = await arrived;
    for (const [i, message] of messages.entries()) {
      expect(got[2 * i]).toEqual(Buffer.from(message));
      expect(got[2 * i + 1]).toEqual(Buffer.from(bytes(i + 1, 99)));
    }
  });

  it('leaves framing to ws where permessage-deflate is negotiated', async () => {
    const { server, stop } = await pair(true);
    stops.push(stop);
    expect(server.extensions).toContain('permessage-deflate');
    expect(directSocket(server)).toBeNull();
  });
});
