import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createFuzzSpace,
  FUZZ_MAX_MESSAGE_BYTES,
  fuzzConfig,
  fuzzRooms,
  fuzzSettings,
  roundTrip,
  runProtocolFuzz,
} from '../bench/protocolFuzz.ts';
import { memoryLogger } from '../src/log.ts';
import { createServer, type RondeServer } from '../src/server.ts';
import { MESSAGE_TIME } from '../src/protocol.ts';
import { rawClient, tempDir } from './helpers.ts';

// A bounded, seeded run of the protocol fuzz (bench/protocolFuzz.ts runs
// 100,000+). PROTOCOL_FUZZ_MESSAGES and PROTOCOL_FUZZ_SEED override.
const { messages, seed } = fuzzSettings(process.env, { messages: 5000, seed: 20_240_601 });

describe('protocol fuzz', () => {
  const dir = tempDir('ronde-fuzz-');
  const log = memoryLogger('debug');
  let server: RondeServer;

  beforeAll(async () => {
    process.setMaxListeners(0);
    server = await createServer(fuzzConfig(dir.path), { log });
  });
  afterAll(async () => {
    await server.close();
    dir.remove();
  });

  it(`survives ${messages} random and mutated messages (seed ${seed}), then still serves`, async () => {
    console.log(
      `protocol fuzz: ${messages} messages, seed ${seed} (PROTOCOL_FUZZ_SEED=${seed} to replay)`,
    );
    const space = await createFuzzSpace(server.port);
    const rooms = fuzzRooms(space.spaceId);
    await roundTrip(server.port, rooms[1] as string, space.token);
    const before = process.memoryUsage().heapUsed;

    const stats = await runProtocolFuzz({
      port: server.port,
      rooms,
      seed,
      messages,
      maxMessageBytes: FUZZ_MAX_MESSAGE_BYTES,
      ...(space.token ? { token: space.token } : {}),
      ...(space.userId ? { userId: space.userId } : {}),
    });

    expect(stats.messages).toBe(messages);
    // Still serving: a fresh room, a fuzzed meeting room, and the health check.
    await roundTrip(server.port, `${space.spaceId}/proposal/prFresh01`, space.token);
    await roundTrip(server.port, rooms[3] as string, space.token);
    await roundTrip(server.port, rooms[1] as string, space.token);
    const health = await fetch(`http://127.0.0.1:${server.port}/healthz`);
    expect(health.status).toBe(200);
    const after = process.memoryUsage().heapUsed;
    console.log(
      `${stats.messages} messages, ${stats.sessions} sessions, ${(stats.ms / 1000).toFixed(1)} s ` +
        `(${Math.round(stats.messages / (stats.ms / 1000))} messages/s); ` +
        `heapUsed ${(before / 1e6).toFixed(1)} → ${(after / 1e6).toFixed(1)} MB; ` +
        `ended by ${JSON.stringify(stats.closes)}`,
    );
    // Bounded: no leak proportional to the barrage (generous: GC timing varies).
    expect(after / before).toBeLessThan(4);
    // The barrage reached the server: bad messages closed sockets, good ones did not.
    expect(stats.closes['4400']).toBeGreaterThan(0);
    expect(stats.closes['open']).toBeGreaterThan(0);
    expect(
      log.lines.some(
        (line) => line.level === 'error' && line.msg !== 'stored update failed to apply',
      ),
    ).toBe(false);
  }, 60_000);
});

describe('floods, end to end (rateLimit wired in connection.ts)', () => {
  const dir = tempDir('ronde-guard-');
  let server: RondeServer;

  beforeAll(async () => {
    server = await createServer(fuzzConfig(dir.path), { log: memoryLogger('silent') });
  });
  afterAll(async () => {
    await server.close();
    dir.remove();
  });

  it('closes a flooding connection with 4429', async () => {
    const space = await createFuzzSpace(server.port);
    const query = space.token ? `?token=${encodeURIComponent(space.token)}` : '';
    const client = rawClient(server.port, `/sync/${space.spaceId}/proposal/prFlood01${query}`);
    await client.opened;
    for (let i = 0; i < 400; i++) client.socket.send(new Uint8Array([MESSAGE_TIME, 1]));
    expect((await client.closed).code).toBe(4429);
  });
});
