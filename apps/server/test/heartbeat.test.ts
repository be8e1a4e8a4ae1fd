import { randomBytes } from 'node:crypto';
import { connect, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import type { Config } from '../src/config.ts';
import { DEFAULT_LIMITS } from '../src/limits.ts';
import {
  createSpaceOverHttp,
  ROOM,
  rawClient,
  startServer,
  tempDir,
  upgradeStatus,
} from './helpers.ts';

/**
 * A peer that vanished without closing, as the server sees it: a TCP socket
 * that performs the WebSocket upgrade by hand, then never sends a byte (no
 * pong, no message). Resolves once the server answered 101.
 */
async function silentPeer(
  port: number,
  path = `/sync/${ROOM}`,
): Promise<{ socket: Socket; closed: Promise<void> }> {
  const socket = connect(port, '127.0.0.1');
  const closed = new Promise<void>((resolve) => socket.once('close', () => resolve()));
  socket.on('error', () => {});
  await new Promise<void>((resolve, reject) => {
    let head = '';
    const onData = (chunk: Buffer): void => {
      head += chunk.toString('latin1');
      if (!head.includes('\r\n\r\n')) return;
      socket.off('data', onData);
      // Keep reading (pings, sync step 1) so the server is never blocked on us, but answer nothing.
      socket.on('data', () => {});
      if (head.startsWith('HTTP/1.1 101')) resolve();
      else reject(new Error(head.split('\r\n')[0]));
    };
    socket.on('data', onData);
    socket.once('connect', () =>
      socket.write(
        `GET ${path} HTTP/1.1\r\n` +
          `Host: 127.0.0.1:${port}\r\n` +
          'Upgrade: websocket\r\n' +
          'Connection: Upgrade\r\n' +
          `Sec-WebSocket-Key: ${randomBytes(16).toString('base64')}\r\n` +
          'Sec-WebSocket-Version: 13\r\n\r\n',
      ),
    );
  });
  return { socket, closed };
}

describe('idle sync sockets are cut (IDLE-n), on a real server', () => {
  const cleanups: (() => Promise<void> | void)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  async function server(config: Partial<Config>) {
    const dir = tempDir('ronde-idle-');
    cleanups.push(dir.remove);
    const started = await startServer(dir.path, {
      limits: { ...DEFAULT_LIMITS, maxConnectionsPerIp: 1 },
      ...config,
    });
    cleanups.push(() => started.close());
    return started;
  }

  it('IDLE-2 a silent peer holds its address slot until it is cut, then the slot is free', async () => {
    // Baseline, with an idle timeout of a day (it cannot fire while the test
    // runs, however slow the machine): the silent socket holds the only slot…
    const slow = await server({ pingIntervalMs: 3_600_000, idleTimeoutMs: 86_400_000 });
    const held = await silentPeer(slow.port);
    cleanups.push(() => void held.socket.destroy());
    expect(await upgradeStatus(slow.port, `/sync/${ROOM}`)).toBe(429);

    // …and with short intervals the server cuts it by itself, which frees the slot.
    const fast = await server({ pingIntervalMs: 20, idleTimeoutMs: 60 });
    const silent = await silentPeer(fast.port);
    cleanups.push(() => void silent.socket.destroy());
    await silent.closed;
    expect(fast.log.lines.some((line) => line.msg === 'idle socket cut')).toBe(true);
    const next = rawClient(fast.port);
    cleanups.push(() => next.socket.terminate());
    await next.opened;
  });

  it('IDLE-2 cutting a silent peer frees its member slot too', async () => {
    const { port } = await server({
      auth: 'required',
      pingIntervalMs: 20,
      idleTimeoutMs: 60,
      limits: { ...DEFAULT_LIMITS, maxConnectionsPerMember: 1 },
    });
    const ada = await createSpaceOverHttp(port);
    const path = `/sync/${ada.spaceId}/space/${ada.spaceId}?token=${ada.token}`;
    const silent = await silentPeer(port, path);
    cleanups.push(() => void silent.socket.destroy());
    await silent.closed;
    const next = rawClient(port, path);
    cleanups.push(() => next.socket.terminate());
    await next.opened;
  });

  it('IDLE-1 a peer that answers pings stays connected across many idle timeouts', async () => {
    // Pings every 100 ms; cut after 3 s of silence: an honest peer on a loaded
    // machine answers well within that, and 40 pings span more than 3 s.
    const { port, log } = await server({ pingIntervalMs: 100, idleTimeoutMs: 3_000 });
    const client = rawClient(port);
    cleanups.push(() => client.socket.terminate());
    await client.opened;
    // ws answers each ping with a pong by itself.
    await new Promise<void>((resolve) => {
      let pings = 0;
      client.socket.on('ping', () => {
        if (++pings === 40) resolve();
      });
    });
    expect(client.socket.readyState).toBe(client.socket.OPEN);
    expect(log.lines.some((line) => line.msg === 'idle socket cut')).toBe(false);
  });
});
