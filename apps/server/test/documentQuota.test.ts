import { logTension, newId, roomName, spaceTensions } from '@ronde/domain';
import { afterAll, describe, expect, it } from 'vitest';
import { CLOSE_CODES, DEFAULT_LIMITS } from '../src/limits.ts';
import {
  createSpaceOverHttp,
  inviteOverHttp,
  redeemOverHttp,
  startServer,
  tempDir,
  waitFor,
} from './helpers.ts';
import { deniedReasons, honest, hostile, stored } from './hostileKit.ts';

/**
 * QUOTA-3: entries in a space's backlog (and a meeting's or a consent's log)
 * are never removed, so one member writing as fast as QUOTA-1 lets them
 * would fill the document for everyone (QUOTA-2) in minutes. A member's
 * daily share of each shared document stops them; the others, and the
 * member's own proposals, are not touched.
 */
describe('QUOTA-3 a member’s daily share of a shared document', () => {
  const dir = tempDir('ronde-doc-quota-');
  afterAll(() => dir.remove());

  it('QUOTA-3 a member filling the space’s backlog is cut with 4429; others still write there, and the member writes proposals', async () => {
    const server = await startServer(dir.path, {
      auth: 'required',
      limits: { ...DEFAULT_LIMITS, maxBytesPerMemberPerDocumentPerDay: 32 * 1024 },
    });
    try {
      const admin = await createSpaceOverHttp(server.port);
      const flooder = await redeemOverHttp(
        server.port,
        (await inviteOverHttp(server.port, admin, 'member')).code,
        'Flo',
      );
      const spaceRoom = roomName({ spaceId: admin.spaceId, kind: 'space', id: admin.spaceId });
      const attacker = await hostile(
        server.port,
        spaceRoom,
        flooder,
        await stored(server.port, spaceRoom, admin),
      );
      // Tensions of 1,000 characters (the most TENSION-1 allows), one after another.
      const what = 'w'.repeat(1000);
      let sent = 0;
      await waitFor(() => {
        if (attacker.client.messages.length > 0 && deniedReasons(attacker.client).length > 0) {
          return true;
        }
        attacker.edit((doc) =>
          logTension(doc, { id: newId(), by: flooder.userId, what, couldBe: '', now: Date.now() }),
        );
        sent += 1;
        return false;
      }, 'the flood cut');
      expect((await attacker.client.closed).code).toBe(CLOSE_CODES.rateLimited);
      expect(deniedReasons(attacker.client).join(' ')).toContain('a day into this document');
      // About 32 of them fit in the day's 32 kB; the minute's 16 MiB (QUOTA-1) did not stop them.
      expect(sent).toBeLessThan(40);
      const kept = spaceTensions(await stored(server.port, spaceRoom, admin)).size;
      expect(kept).toBeGreaterThan(20);
      expect(kept).toBeLessThan(33);

      // The admin still logs a tension in the same document…
      const other = await honest(server.port, spaceRoom, admin);
      logTension(other.doc, {
        id: newId(),
        by: admin.userId,
        what: 'Invoices are late',
        couldBe: '',
        now: Date.now(),
      });
      await waitFor(
        async () => spaceTensions(await stored(server.port, spaceRoom, flooder)).size === kept + 1,
        'the admin’s tension stored',
      );
      other.provider.destroy();

      // …and the flooder still co-writes a proposal's text, which QUOTA-3 leaves to QUOTA-1 and QUOTA-2.
      const proposalRoom = roomName({ spaceId: admin.spaceId, kind: 'proposal', id: newId() });
      const writer = await honest(server.port, proposalRoom, flooder);
      writer.doc.getText('body').insert(0, 'p'.repeat(64 * 1024));
      await waitFor(
        async () =>
          (await stored(server.port, proposalRoom, admin)).getText('body').length === 64 * 1024,
        'the proposal text stored',
      );
      writer.provider.destroy();
    } finally {
      await server.close();
    }
  });
});
