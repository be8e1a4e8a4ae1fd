import { closeAll, connectAll, grantsFor, roomOf } from '../clients.ts';
import { rssBytes } from '../procStat.ts';
import type { RunningServer } from '../servers.ts';

const PER_ROOM = 50;

/**
 * RSS per idle connection: the server's RSS before and after `count`
 * clients (50 to a room) connect, sync and stay silent, over `count`.
 * Measured first, on a freshly started server, each RSS read `settleMs`
 * after the last change.
 */
export async function runIdle(
  server: RunningServer,
  count: number,
  settleMs: number,
): Promise<number> {
  const rooms = Math.ceil(count / PER_ROOM);
  const grants = await grantsFor(server, rooms, rooms);
  const names = grants.map(roomOf);
  await new Promise((resolve) => setTimeout(resolve, settleMs));
  const before = rssBytes(server.pid);
  const clients = await connectAll(
    Array.from({ length: count }, (_, i) => ({
      room: names[i % rooms]!,
      token: grants[i % rooms]!.token,
    })),
    server,
  );
  await new Promise((resolve) => setTimeout(resolve, settleMs));
  const after = rssBytes(server.pid);
  await closeAll(clients);
  return (after - before) / count;
}
