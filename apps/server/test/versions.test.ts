import { join } from 'node:path';
import { initProposal, newId, proposalBody, roomName, type VersionMeta } from '@ronde/domain';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { openSqliteStorage } from '../src/sqliteStorage.ts';
import { api, createSpaceOverHttp, startServer, tempDir, waitFor } from './helpers.ts';
import { honest, invited, stored, withDeviceKey } from './hostileKit.ts';

const SECRET = 'versions-test-secret-0123456789-abcdef';

interface Run {
  readonly text: string;
  readonly author: string | null;
}
interface View {
  readonly version: VersionMeta;
  readonly text: { body: { type: string; runs: Run[] }[]; title: { runs: Run[] }[] };
  readonly shares: { author: string | null; chars: number }[];
  readonly names: Record<string, string>;
}

function paragraphText(doc: Y.Doc, index: number): Y.XmlText {
  return (proposalBody(doc).get(index) as Y.XmlElement).get(0) as Y.XmlText;
}

/**
 * Proposal versions on a real server with stock clients (SPEC VERS-1,
 * VERS-3…6): two members co-write, name versions over the API, read each
 * version coloured by the server's bindings and the diff of two; all of it
 * survives compaction and a restart.
 */
describe('versions', () => {
  const cleanups: Array<() => Promise<void> | void> = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  it('VERS-1 VERS-4 VERS-5 named versions: each passage by its attested author, the diff exact, after compaction and a restart', async () => {
    const dir = tempDir('ronde-versions-');
    cleanups.push(dir.remove);
    const data = join(dir.path, 'data');
    const config = { auth: 'required' as const, secret: SECRET, compactAfterUpdates: 3 };
    let server = await startServer(data, config);
    cleanups.push(() => server.close());
    const port = server.port;
    const ada = await withDeviceKey(port, await createSpaceOverHttp(port));
    const bea = await invited(port, ada, 'member', 'Bea');
    const proposalId = newId();
    const room = roomName({ spaceId: ada.spaceId, kind: 'proposal', id: proposalId });
    const base = `/api/spaces/${ada.spaceId}/proposals/${proposalId}/versions`;

    const a = await honest(port, room, ada);
    cleanups.push(() => a.provider.destroy());
    a.doc.transact(() => {
      initProposal(a.doc, {
        id: proposalId,
        spaceId: ada.spaceId,
        circleId: 'circle01',
        title: 'Bike racks',
        driver: '',
        createdBy: 'Ada',
        authorId: ada.userId,
        now: 1,
      });
      const p = new Y.XmlElement('paragraph');
      p.insert(0, [new Y.XmlText('We buy racks.')]);
      proposalBody(a.doc).insert(0, [p]);
    });
    const b = await honest(port, room, bea);
    cleanups.push(() => b.provider.destroy());
    await waitFor(() => proposalBody(b.doc).length === 1, 'Bea has Ada’s text');
    paragraphText(b.doc, 0).insert(7, 'two ');
    await waitFor(
      async () => (await stored(port, room, ada)).getXmlFragment('body').toString().includes('two'),
      'Bea’s words stored',
    );

    const first = await api<{ version: VersionMeta }>(port, 'POST', base, {
      token: bea.token,
      body: { name: '  Before   review ' },
    });
    expect(first.status).toBe(201);
    expect(first.body.version).toMatchObject({
      kind: 'named',
      name: 'Before review',
      by: bea.userId,
    });

    // Ada deletes Bea's "two " and adds a sentence; she names that.
    paragraphText(a.doc, 0).delete(7, 4);
    paragraphText(a.doc, 0).insert(12, ' Soon');
    await waitFor(
      async () =>
        (await stored(port, room, ada)).getXmlFragment('body').toString().includes('Soon'),
      'Ada’s edit stored',
    );
    const second = await api<{ version: VersionMeta }>(port, 'POST', base, {
      token: ada.token,
      body: { name: 'After review' },
    });
    expect(second.status).toBe(201);
    const [v1, v2] = [first.body.version.id, second.body.version.id];

    const read = async () => {
      const view = await api<View>(port, 'GET', `${base}/${v1}`, { token: bea.token });
      const diff = await api<{ diff: { counts: unknown; sections: { body: unknown } } }>(
        port,
        'GET',
        `${base}/${v1}/diff/${v2}`,
        { token: ada.token },
      );
      const list = await api<{ versions: VersionMeta[] }>(port, 'GET', base, { token: ada.token });
      return { view: view.body, diff: diff.body.diff, list: list.body.versions };
    };
    const before = await read();
    expect(before.list.map((v) => v.name)).toEqual(['Before review', 'After review']);
    expect(before.view.text.body).toEqual([
      {
        type: 'paragraph',
        runs: [
          { text: 'We buy ', author: ada.userId },
          { text: 'two ', author: bea.userId },
          { text: 'racks.', author: ada.userId },
        ],
      },
    ]);
    expect(before.view.shares).toEqual([
      { author: ada.userId, chars: 'Bike racks'.length + 'We buy racks.'.length },
      { author: bea.userId, chars: 4 },
    ]);
    expect(before.view.names).toMatchObject({ [ada.userId]: 'Ada', [bea.userId]: 'Bea' });
    expect(before.diff.counts).toEqual({ inserted: 5, deleted: 4 });
    expect(before.diff.sections.body).toEqual([
      {
        type: 'paragraph',
        op: 'same',
        runs: [
          { text: 'We buy ', op: 'same', author: ada.userId },
          { text: 'two ', op: 'deleted', author: bea.userId },
          { text: 'racks', op: 'same', author: ada.userId },
          { text: ' Soon', op: 'inserted', author: ada.userId },
          { text: '.', op: 'same', author: ada.userId },
        ],
      },
    ]);

    // The log compacts (every 3 updates) and the server restarts: the same answers.
    await server.registry.flush();
    const reader = await openSqliteStorage(data);
    await waitFor(async () => (await reader.load(room)).length === 1, 'the log compacted');
    await reader.close();
    a.provider.destroy();
    b.provider.destroy();
    await server.close();
    server = await startServer(data, { ...config, port });
    expect(await read()).toEqual(before);
  });

  it('VERS-6 only members read versions, observers cannot name one, a body cannot forge the kind, author or id, names and ids are checked', async () => {
    const dir = tempDir('ronde-versions-access-');
    cleanups.push(dir.remove);
    const server = await startServer(join(dir.path, 'data'), { auth: 'required', secret: SECRET });
    cleanups.push(() => server.close());
    const port = server.port;
    const ada = await createSpaceOverHttp(port);
    const other = await createSpaceOverHttp(port);
    const observer = await invited(port, ada, 'observer', 'Olga');
    const proposalId = newId();
    const room = roomName({ spaceId: ada.spaceId, kind: 'proposal', id: proposalId });
    const base = `/api/spaces/${ada.spaceId}/proposals/${proposalId}/versions`;
    const body = { name: 'A name' };

    // No proposal yet: nothing to name.
    expect((await api(port, 'POST', base, { token: ada.token, body })).status).toBe(404);
    const a = await honest(port, room, ada);
    cleanups.push(() => a.provider.destroy());
    initProposal(a.doc, {
      id: proposalId,
      spaceId: ada.spaceId,
      circleId: 'circle01',
      title: 'T',
      driver: '',
      createdBy: 'Ada',
      authorId: ada.userId,
      now: 1,
    });
    await waitFor(
      async () => (await api(port, 'POST', base, { token: ada.token, body })).status === 201,
      'the proposal stored',
    );
    // What the body claims beyond a name is ignored: the version is the caller's, named.
    const forged = await api<{ version: VersionMeta }>(port, 'POST', base, {
      token: ada.token,
      body: { name: 'Mine', by: other.userId, kind: 'adopted', id: 'adopted-x', at: 1 },
    });
    expect(forged.status).toBe(201);
    expect(forged.body.version).toMatchObject({ name: 'Mine', by: ada.userId, kind: 'named' });
    expect(forged.body.version.id).toMatch(/^named-/);
    expect((await api(port, 'GET', base)).status).toBe(401);
    expect((await api(port, 'GET', base, { token: other.token })).status).toBe(401);
    expect((await api(port, 'POST', base, { token: observer.token, body })).status).toBe(403);
    const list = await api<{ versions: unknown[] }>(port, 'GET', base, { token: observer.token });
    expect(list.body.versions).toHaveLength(2);
    for (const name of ['', '   ', 'x'.repeat(81), 'bad\u202ename', 42]) {
      const answer = await api<{ error: { code: string } }>(port, 'POST', base, {
        token: ada.token,
        body: { name },
      });
      expect(answer.status).toBe(400);
      expect(answer.body.error.code).toBe('invalid_name');
    }
    expect((await api(port, 'GET', `${base}/nope-nope`, { token: ada.token })).status).toBe(404);
    expect((await api(port, 'GET', `${base}/a%2Fb`, { token: ada.token })).status).toBe(404);
    expect((await api(port, 'DELETE', base, { token: ada.token })).status).toBe(405);
  });
});
