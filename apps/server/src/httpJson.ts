import type { IncomingMessage, ServerResponse } from 'node:http';

/** An API failure: `{"error":{"code","message"}}` with its HTTP status. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly headers: Record<string, string> = {},
    /** Logged at debug only (a refusal repeated within a flood, already logged once). */
    readonly quiet = false,
  ) {
    super(message);
  }
}

/**
 * The request's method, if it is one of `methods`; else a 405 naming them
 * (`use GET or POST`, header `allow: GET, POST`), the same refusal on every
 * route.
 *
 * @example
 * const method = requireMethod(req, 'GET', 'DELETE');
 */
export function requireMethod(req: IncomingMessage, ...methods: readonly string[]): string {
  const method = req.method ?? '';
  if (!methods.includes(method)) {
    throw new HttpError(405, 'method_not_allowed', `use ${methods.join(' or ')}`, {
      allow: methods.join(', '),
    });
  }
  return method;
}

export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
    'cache-control': 'no-store',
    ...headers,
  });
  res.end(text);
}

export function sendError(res: ServerResponse, error: HttpError): void {
  sendJson(
    res,
    error.status,
    { error: { code: error.code, message: error.message } },
    error.headers,
  );
}

/**
 * Reads a JSON request body of at most `maxBytes`: 415 unless the content
 * type is JSON, 413 past the limit (checked on the header and while reading),
 * 400 when it does not parse.
 */
export async function readJsonBody(req: IncomingMessage, maxBytes: number): Promise<unknown> {
  const type = (req.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase();
  if (type !== 'application/json') {
    throw new HttpError(415, 'unsupported_media_type', 'send the body as application/json');
  }
  const tooLarge = new HttpError(
    413,
    'body_too_large',
    `the body must be at most ${maxBytes} bytes`,
    {
      connection: 'close',
    },
  );
  if (Number(req.headers['content-length'] ?? 0) > maxBytes) throw tooLarge;
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > maxBytes) throw tooLarge;
    chunks.push(chunk);
  }
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8')) as unknown;
  } catch {
    throw new HttpError(400, 'invalid_json', 'the body is not valid JSON');
  }
}
