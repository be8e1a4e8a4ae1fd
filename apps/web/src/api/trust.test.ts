import { describe, expect, it } from 'vitest';
import { ApiError } from './http.ts';
import { listPeople } from './trust.ts';

/** A fetch answering every request with `status` and `body`, recording what was asked. */
function answer(status: number, body: unknown) {
  const asked: { url: string; init: RequestInit }[] = [];
  const fetchImpl = (async (input: RequestInfo | URL, init: RequestInit = {}) => {
    asked.push({ url: String(input), init });
    return new Response(JSON.stringify(body), { status });
  }) as typeof fetch;
  return { fetchImpl, asked };
}

const ANA = { userId: 'anauser1', name: 'Ana', role: 'admin' };

describe('listPeople', () => {
  it('asks the space directory with the session token and reads its members', async () => {
    const { fetchImpl, asked } = answer(200, {
      people: [ANA, { userId: 'benuser1', name: '', role: 'observer', extra: 1 }],
    });
    await expect(listPeople('space 1', 'tok', fetchImpl)).resolves.toEqual([
      ANA,
      { userId: 'benuser1', name: '', role: 'observer' },
    ]);
    expect(asked).toHaveLength(1);
    expect(asked[0]?.url).toBe('/api/spaces/space%201/people');
    expect(new Headers(asked[0]?.init.headers).get('authorization')).toBe('Bearer tok');
  });

  it('reads an empty directory', async () => {
    await expect(listPeople('s', 'tok', answer(200, { people: [] }).fetchImpl)).resolves.toEqual(
      [],
    );
  });

  it.each([
    ['no body', null],
    ['a bare list', [ANA]],
    ['no people', {}],
    ['people not a list', { people: { anauser1: ANA } }],
    ['a person not an object', { people: ['Ana'] }],
    ['a person without id', { people: [{ name: 'Ana', role: 'member' }] }],
    ['an empty id', { people: [{ ...ANA, userId: '' }] }],
    ['a name that is not text', { people: [{ ...ANA, name: 7 }] }],
    ['a missing name', { people: [{ userId: 'anauser1', role: 'member' }] }],
    ['an unknown role', { people: [{ ...ANA, role: 'owner' }] }],
  ])('refuses %s as an unexpected answer', async (_what, body) => {
    const error: unknown = await listPeople('s', 'tok', answer(200, body).fetchImpl).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ kind: 'server', code: 'unexpected' });
  });

  it('passes a refusal on with its status', async () => {
    const { fetchImpl } = answer(403, { error: { code: 'forbidden', message: 'no' } });
    await expect(listPeople('s', 'tok', fetchImpl)).rejects.toMatchObject({
      kind: 'server',
      status: 403,
      code: 'forbidden',
    });
  });
});
