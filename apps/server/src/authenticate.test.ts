import { IncomingMessage } from 'node:http';
import { Socket } from 'node:net';
import { describe, expect, it } from 'vitest';
import { ANONYMOUS, admitEveryone } from './authenticate.ts';

describe('authenticate', () => {
  it('admits everyone, anonymously, with write access (until tokens arrive)', async () => {
    const request = new IncomingMessage(new Socket());
    const result = await admitEveryone(request, {
      spaceId: 'sp1abcd',
      kind: 'space',
      id: 'sp1abcd',
    });
    expect(result).toEqual({ ok: true, identity: ANONYMOUS });
    expect(ANONYMOUS).toEqual({ userId: null, role: 'anonymous', canWrite: true });
  });
});
