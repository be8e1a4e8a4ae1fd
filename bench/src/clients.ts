import * as Y from 'yjs';
import type { Grant, RunningServer } from './servers.ts';
import { benchId } from './servers.ts';
import { connectClient, type ClientOptions, type SyncClient } from './syncClient.ts';

/** A proposal room of the grant's space (Ronde lets members write its title while it is new). */
export function roomOf(grant: Grant): string {
  return `${grant.spaceId}/proposal/${benchId('pr')}`;
}

/**
 * Grants for `rooms` rooms, one per `roomsPerGrant`: Ronde counts bytes per
 * member a minute (QUOTA-1), so a heavy load is spread over a few members.
 */
export async function grantsFor(
  server: RunningServer,
  rooms: number,
  roomsPerGrant = 20,
): Promise<Grant[]> {
  const grants: Grant[] = [];
  for (let i = 0; i < Math.ceil(rooms / roomsPerGrant); i++)
    grants.push(await server.kind.grant(server));
  return Array.from({ length: rooms }, (_, r) => grants[Math.floor(r / roomsPerGrant)]!);
}

/** Connects clients `batch` at a time (a real crowd does not arrive in one tick), all synced. */
export async function connectAll(
  list: readonly Omit<ClientOptions, 'target'>[],
  server: RunningServer,
  batch = 100,
): Promise<SyncClient[]> {
  const clients: SyncClient[] = [];
  for (let i = 0; i < list.length; i += batch) {
    const slice = list
      .slice(i, i + batch)
      .map((options) => connectClient({ ...options, target: server.target }));
    clients.push(...slice);
    await Promise.all(slice.map((c) => c.synced));
  }
  return clients;
}

export async function closeAll(clients: readonly SyncClient[]): Promise<void> {
  await Promise.all(clients.map((c) => c.close()));
}

/** A small deterministic generator (mulberry32), so every server gets the same document. */
export function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Writes a document of about `updates × insertsPerUpdate × chunk` characters
 * into `room`'s title: each update inserts `insertsPerUpdate` chunks at
 * random places, so the document is made of many items, as a long-edited
 * text is. Waits until a fresh client reads it all back from the server.
 */
export async function fillDocument(
  server: RunningServer,
  grant: Grant,
  room: string,
  shape: { updates: number; insertsPerUpdate: number; chunk: number },
): Promise<number> {
  const random = seeded(42);
  const doc = new Y.Doc();
  const writer = connectClient({ target: server.target, room, token: grant.token, doc });
  await writer.synced;
  const text = doc.getText('title');
  for (let u = 0; u < shape.updates; u++) {
    doc.transact(() => {
      for (let i = 0; i < shape.insertsPerUpdate; i++) {
        const letter = String.fromCharCode(97 + Math.floor(random() * 26));
        text.insert(Math.floor(random() * (text.length + 1)), letter.repeat(shape.chunk));
      }
    });
    // Ronde allows a burst of 300 messages, then 60 a second: stay well inside.
    if (u % 50 === 49) await new Promise((resolve) => setTimeout(resolve, 100));
  }
  const expected = text.length;
  const deadline = Date.now() + 60_000;
  for (;;) {
    const check = new Y.Doc();
    const reader = connectClient({ target: server.target, room, token: grant.token, doc: check });
    await reader.synced;
    const length = check.getText('title').length;
    await reader.close();
    if (length === expected) break;
    if (Date.now() > deadline)
      throw new Error(`${server.kind.name}: read back ${length} of ${expected}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  await writer.close();
  return expected;
}
