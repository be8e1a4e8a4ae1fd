import { afterEach, describe, expect, it } from 'vitest';
import { rawClient, startServer, tempDir, upgradeStatus, waitFor } from '../test/helpers.ts';
import { ANONYMOUS, type Authenticate } from './authenticate.ts';

describe('upgrade', () => {
  const cleanups: (() => Promise<void> | void)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });
  async function server(authenticate?: Authenticate) {
    const dir = tempDir();
    cleanups.push(dir.remove);
    const started = await startServer(dir.path, {}, authenticate ? { authenticate } : {});
    cleanups.push(() => started.close());
    return started;
  }

  it('asks authenticate with the parsed room, and admits when it agrees', async () => {
    const seen: unknown[] = [];
    const { port } = await server(async (_req, room) => {
      seen.push(room);
      return {
        ok: true,
        identity: {
          userId: 'u1',
          spaceId: 'spTest01',
          role: 'member',
          canWrite: true,
          expiresAt: null,
        },
      };
    });
    const client = rawClient(port, '/sync/spTest01/meeting/mtTest01?token=abc');
    await client.opened;
    client.socket.terminate();
    expect(seen).toEqual([{ spaceId: 'spTest01', kind: 'meeting', id: 'mtTest01' }]);
  });

  it('turns a refusal into the HTTP status it names', async () => {
    const { port, log } = await server(async () => ({
      ok: false,
      status: 403,
      reason: 'not a member',
    }));
    expect(await upgradeStatus(port, '/sync/spTest01/proposal/prTest01')).toBe(403);
    expect(log.lines).toContainEqual(
      expect.objectContaining({ msg: 'refused connection', status: 403, reason: 'not a member' }),
    );
  });

  it('answers 500 when authenticate throws', async () => {
    const { port } = await server(async () => {
      throw new Error('token service down');
    });
    expect(await upgradeStatus(port, '/sync/spTest01/proposal/prTest01')).toBe(500);
  });

  it('refuses upgrades with 503 once shutdown began', async () => {
    let release = (): void => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    let asked = false;
    const { port, close } = await server(async () => {
      asked = true;
      await held;
      return { ok: true, identity: ANONYMOUS };
    });
    const status = upgradeStatus(port, '/sync/spTest01/proposal/prTest01');
    await waitFor(() => asked, 'authenticate to be asked');
    // authenticate is pending; shutdown starts before it answers
    const closing = close();
    release();
    expect(await status).toBe(503);
    await closing;
  });
});
