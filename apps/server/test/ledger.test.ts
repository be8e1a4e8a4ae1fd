import { join } from 'node:path';
import {
  addProposalSummary,
  initProposal,
  newId,
  proposalTitle,
  roomName,
  spaceRoom,
  type WrittenText,
} from '@ronde/domain';
import { afterEach, describe, expect, it } from 'vitest';
import { api, createSpaceOverHttp, startServer, tempDir, waitFor } from './helpers.ts';
import { honest, invited } from './hostileKit.ts';

const SECRET = 'ledger-test-secret-0123456789-abcdef';

describe('ledger API', () => {
  const cleanups: Array<() => Promise<void> | void> = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  it('LEDGERSRV-1 members read the text each member wrote per listed proposal, from the attested rows, exactly', async () => {
    const dir = tempDir('ronde-ledger-');
    cleanups.push(dir.remove);
    const server = await startServer(join(dir.path, 'data'), { auth: 'required', secret: SECRET });
    cleanups.push(() => server.close());
    const port = server.port;
    const ada = await createSpaceOverHttp(port);
    const bea = await invited(port, ada, 'member', 'Bea');
    const other = await createSpaceOverHttp(port);
    const proposalId = newId();
    const path = `/api/spaces/${ada.spaceId}/contributions`;

    const space = await honest(port, spaceRoom(ada.spaceId), ada);
    cleanups.push(() => space.provider.destroy());
    addProposalSummary(space.doc, {
      id: proposalId,
      title: '',
      status: 'draft',
      circleId: 'circle01',
      createdAt: 1,
      updatedAt: 1,
      authorId: ada.userId,
    });
    const room = roomName({ spaceId: ada.spaceId, kind: 'proposal', id: proposalId });
    const a = await honest(port, room, ada);
    cleanups.push(() => a.provider.destroy());
    initProposal(a.doc, {
      id: proposalId,
      spaceId: ada.spaceId,
      circleId: 'circle01',
      title: 'Racks',
      driver: '',
      createdBy: 'Ada',
      authorId: ada.userId,
      now: 1,
    });
    const b = await honest(port, room, bea);
    cleanups.push(() => b.provider.destroy());
    await waitFor(() => proposalTitle(b.doc).length === 5, 'Bea has the title');
    b.doc.transact(() => {
      proposalTitle(b.doc).delete(0, 1);
      proposalTitle(b.doc).insert(0, 'Bike r');
    });
    const expected: WrittenText[] = [
      { proposalId, member: ada.userId, inserted: 5, deleted: 0 },
      { proposalId, member: bea.userId, inserted: 6, deleted: 1 },
    ].sort((x, y) => (x.member < y.member ? -1 : 1));
    await waitFor(async () => {
      const answer = await api<{ written: WrittenText[] }>(port, 'GET', path, { token: bea.token });
      return JSON.stringify(answer.body.written) === JSON.stringify(expected);
    }, 'the written text counted');
    const answer = await api<{ names: Record<string, string> }>(port, 'GET', path, {
      token: ada.token,
    });
    expect(answer.body.names[bea.userId]).toBe('Bea');
    expect((await api(port, 'GET', path)).status).toBe(401);
    expect((await api(port, 'GET', path, { token: other.token })).status).toBe(401);
    expect((await api(port, 'POST', path, { token: ada.token, body: {} })).status).toBe(405);
  });
});
