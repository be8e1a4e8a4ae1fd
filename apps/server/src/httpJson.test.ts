import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { HttpError } from './httpJson.ts';
import { readJsonBody, requireMethod, sendError, sendJson } from './httpJson.ts';

describe('httpJson', () => {
  let server: Server;
  let url = '';
  beforeEach(async () => {
    server = createServer((req, res) => {
      readJsonBody(req, 32).then(
        (body) => sendJson(res, 200, { body }),
        (error: HttpError) => sendError(res, error),
      );
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  });
  afterEach(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  const post = (body: string, type = 'application/json'): Promise<Response> =>
    fetch(url, { method: 'POST', body, headers: { 'content-type': type } });

  it('parses a JSON body', async () => {
    const res = await post('{"a":1}', 'application/json; charset=utf-8');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(await res.json()).toEqual({ body: { a: 1 } });
  });

  it('answers 415, 413 and 400 with structured errors', async () => {
    const wrongType = await post('{}', 'text/plain');
    expect(wrongType.status).toBe(415);
    expect(await wrongType.json()).toEqual({
      error: { code: 'unsupported_media_type', message: 'send the body as application/json' },
    });
    const tooBig = await post(JSON.stringify({ text: 'x'.repeat(100) }));
    expect(tooBig.status).toBe(413);
    expect(((await tooBig.json()) as { error: { code: string } }).error.code).toBe(
      'body_too_large',
    );
    const broken = await post('{"a":');
    expect(broken.status).toBe(400);
    expect(((await broken.json()) as { error: { code: string } }).error.code).toBe('invalid_json');
  });
});

describe('requireMethod', () => {
  const request = (method?: string) => ({ method }) as IncomingMessage;

  it('returns an allowed method', () => {
    expect(requireMethod(request('DELETE'), 'GET', 'DELETE')).toBe('DELETE');
  });

  it('refuses another (or none) with a 405 naming the allowed ones', () => {
    for (const method of ['PUT', undefined]) {
      expect(() => requireMethod(request(method), 'GET', 'POST')).toThrow(
        expect.objectContaining({
          status: 405,
          code: 'method_not_allowed',
          message: 'use GET or POST',
          headers: { allow: 'GET, POST' },
        }),
      );
    }
    expect(() => requireMethod(request('GET'), 'POST')).toThrow(
      expect.objectContaining({ message: 'use POST', headers: { allow: 'POST' } }),
    );
  });
});
