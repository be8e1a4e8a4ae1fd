/** Why an API call failed: the server could not be reached, or it refused. */
export class ApiError extends Error {
  constructor(
    readonly kind: 'network' | 'server',
    /** The HTTP status (0 when the server was not reached). */
    readonly status: number,
    /** The server's error code (`{ error: { code } }`), or '' when none. */
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export interface ApiRequest {
  readonly method?: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  readonly body?: unknown;
  /** A session token, sent as `Authorization: Bearer <token>`. */
  readonly token?: string;
  readonly fetch?: typeof fetch;
}

/**
 * Calls the JSON API and returns the parsed answer (null for 204).
 * Throws {@link ApiError}: `network` when the server is unreachable (or a
 * proxy says so with 502–504), `server` with the status and code otherwise.
 *
 * @example
 * const invites = await apiJson('/api/spaces/abc/invites', { token });
 */
export async function apiJson(path: string, request: ApiRequest = {}): Promise<unknown> {
  const { method = 'GET', body, token, fetch: fetchImpl = fetch } = request;
  const headers: Record<string, string> = {};
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (token) headers.authorization = `Bearer ${token}`;
  let response: Response;
  try {
    response = await fetchImpl(path, {
      method,
      headers,
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
  } catch (error) {
    throw new ApiError('network', 0, '', error instanceof Error ? error.message : String(error));
  }
  const parsed: unknown = response.status === 204 ? null : await response.json().catch(() => null);
  if (!response.ok) {
    const error = (parsed as { error?: { code?: unknown; message?: unknown } } | null)?.error;
    const kind = response.status >= 502 && response.status <= 504 ? 'network' : 'server';
    throw new ApiError(
      kind,
      response.status,
      typeof error?.code === 'string' ? error.code : '',
      typeof error?.message === 'string' ? error.message : `HTTP ${response.status}`,
    );
  }
  return parsed;
}

/** A JSON object's fields, or null when the value is not an object. */
export function asRecord(value: unknown): Record<string, unknown> | null {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : null;
}

/**
 * A time the server sent (epoch ms or s, or an ISO string) as epoch ms, or
 * null when absent or unreadable.
 *
 * @example
 * toEpochMs('2026-01-01T00:00:00Z'); // 1767225600000
 */
export function toEpochMs(value: unknown): number | null {
  if (typeof value === 'number' && Number.isFinite(value)) {
    return value < 1e11 ? value * 1000 : value;
  }
  if (typeof value === 'string' && value) {
    const ms = Date.parse(value);
    return Number.isNaN(ms) ? null : ms;
  }
  return null;
}
