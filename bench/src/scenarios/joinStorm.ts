import { closeAll, fillDocument, roomOf } from '../clients.ts';
import type { RunningServer } from '../servers.ts';
import { connectClient } from '../syncClient.ts';

/**
 * `count` clients connect to one room at the same moment (its document
 * about 100 KB in 1,000 pieces, already loaded): the time from the first
 * connect until the last of them has its sync step 2, in ms.
 */
export async function runJoinStorm(
  server: RunningServer,
  count: number,
  docChars: number,
): Promise<number> {
  const grant = await server.kind.grant(server);
  const room = roomOf(grant);
  await fillDocument(server, grant, room, {
    updates: 100,
    insertsPerUpdate: 10,
    chunk: Math.max(1, Math.round(docChars / 1000)),
  });
  // The document stays loaded: one client holds it open during the storm.
  const holder = connectClient({ target: server.target, room, token: grant.token });
  await holder.synced;
  const start = performance.now();
  const clients = Array.from({ length: count }, () =>
    connectClient({ target: server.target, room, token: grant.token }),
  );
  await Promise.all(clients.map((c) => c.synced));
  const elapsed = performance.now() - start;
  await closeAll([...clients, holder]);
  return elapsed;
}
