import { describe, expect, it } from 'vitest';
import { ImportError, importBackup } from './importBackup.ts';

const answer = (status: number, body: unknown) => () =>
  Promise.resolve(new Response(JSON.stringify(body), { status }));

const failureOf = async (text: string, fetchImpl: typeof fetch) =>
  importBackup(text, 'Zoé', fetchImpl).then(
    () => 'imported',
    (e: unknown) => (e instanceof ImportError ? e.failure : String(e)),
  );

describe('importBackup', () => {
  it('BACKUP-4 says why a file is refused, without sending a file that is not JSON', async () => {
    let sent = 0;
    const counting = (() => {
      sent++;
      return Promise.resolve(new Response('{}', { status: 500 }));
    }) as typeof fetch;
    expect(await failureOf('not json', counting)).toBe('not-json');
    expect(sent).toBe(0);
    const refuse = (status: number, code: string) =>
      answer(status, { error: { code, message: 'm' } }) as unknown as typeof fetch;
    expect(await failureOf('{}', refuse(400, 'invalid_backup'))).toBe('invalid');
    expect(await failureOf('{}', refuse(400, 'bad_signature'))).toBe('bad-signature');
    expect(await failureOf('{}', refuse(409, 'space_exists'))).toBe('exists');
    expect(await failureOf('{}', refuse(413, 'body_too_large'))).toBe('too-large');
    expect(await failureOf('{}', refuse(403, 'forbidden'))).toBe('forbidden');
  });

  it('BACKUP-7 reads the kind and place of the problem the server found', async () => {
    const refused = answer(400, {
      error: {
        code: 'bad_signature',
        message: 'm',
        problem: 'foreign-key',
        where: 's/meeting/m #3',
      },
    }) as unknown as typeof fetch;
    const error = await importBackup('{}', 'Zoé', refused).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ImportError);
    expect(error).toMatchObject({
      failure: 'bad-signature',
      problem: 'foreign-key',
      where: 's/meeting/m #3',
    });
    const unknown = answer(400, {
      error: { code: 'invalid_backup', message: 'm', problem: 'made-up' },
    }) as unknown as typeof fetch;
    expect(await importBackup('{}', 'Zoé', unknown).catch((e: unknown) => e)).toMatchObject({
      failure: 'invalid',
      problem: null,
    });
  });

  it('BACKUP-5 sends the backup with the importer’s name and reads the new admin membership', async () => {
    let body: unknown = null;
    const fetchImpl = ((_url: string, init: RequestInit) => {
      body = JSON.parse(String(init.body));
      return Promise.resolve(
        new Response(
          JSON.stringify({
            id: 'space0001',
            name: 'Coop',
            defaultCircleId: 'circle01',
            member: { userId: 'user0001', role: 'admin', name: 'Zoé', key: 'k'.repeat(43) },
            session: { token: 'tok', expiresAt: 5 },
            adminLink: '/s/space0001/signin#user0001.key',
            invite: null,
            formerMembers: [
              { userId: 'a', name: 'Ada', role: 'admin', joinedAt: 1 },
              { userId: 'b', name: 'Bea', role: 'member', joinedAt: 2 },
              { broken: true },
            ],
          }),
          { status: 201 },
        ),
      );
    }) as unknown as typeof fetch;
    const space = await importBackup('{"format":"ronde-backup/1"}', 'Zoé', fetchImpl);
    expect(body).toEqual({ memberName: 'Zoé', backup: { format: 'ronde-backup/1' } });
    expect(space).toMatchObject({ id: 'space0001', member: { role: 'admin' } });
    expect(space.formerMembers).toEqual([
      { name: 'Ada', role: 'admin' },
      { name: 'Bea', role: 'member' },
    ]);
  });
});
