import { fillDocument, roomOf } from '../clients.ts';
import { startServer, type RunningServer } from '../servers.ts';
import { connectClient } from '../syncClient.ts';

export interface ColdLoad {
  readonly ms: number;
  /** The server, restarted: the caller stops it. */
  readonly server: RunningServer;
}

/**
 * Writes a document of `docChars` characters (1,000 pieces), stops the
 * server, starts it again on the same data and times one client from
 * connect until it has received the whole document: its sync step 2, and
 * what follows it when the server answered before its store had loaded
 * (`@y/websocket-server` with LevelDB does).
 */
export async function runColdLoad(
  server: RunningServer,
  dataDir: string,
  cpu: number | null,
  docChars: number,
  /** Long enough for the peers' debounced stores (Hocuspocus: 2 s) to have run. */
  storeWaitMs: number,
): Promise<ColdLoad> {
  const grant = await server.kind.grant(server);
  const room = roomOf(grant);
  await fillDocument(server, grant, room, {
    updates: 100,
    insertsPerUpdate: 10,
    chunk: Math.max(1, Math.round(docChars / 1000)),
  });
  await new Promise((resolve) => setTimeout(resolve, storeWaitMs));
  await server.stop();
  const restarted = await startServer(server.kind, dataDir, cpu);
  const start = performance.now();
  const client = connectClient({ target: restarted.target, room, token: grant.token });
  await client.synced;
  const deadline = start + 30_000;
  while (client.receivedBytes() < docChars && performance.now() < deadline)
    await new Promise((resolve) => setTimeout(resolve, 1));
  const ms = performance.now() - start;
  const bytes = client.receivedBytes();
  await client.close();
  if (bytes < docChars) {
    await restarted.stop();
    throw new Error(`${server.kind.name}: cold load returned ${bytes} bytes of ${docChars}`);
  }
  return { ms, server: restarted };
}
