/** The space the server created. */
export interface CreatedSpace {
  readonly id: string;
  readonly name: string;
  readonly defaultCircleId: string;
}

/** Why a space could not be created: unreachable server, or its refusal. */
export class CreateSpaceError extends Error {
  constructor(
    readonly kind: 'network' | 'server',
    message: string,
  ) {
    super(message);
    this.name = 'CreateSpaceError';
  }
}

/**
 * Asks the server to create a space with its default circle
 * (`POST /api/spaces`).
 *
 * @example
 * const space = await createSpace({ name: 'Coop du Val', circleName: 'General circle' });
 * navigate(`/s/${space.id}`);
 */
export async function createSpace(
  input: { name: string; circleName: string },
  fetchImpl: typeof fetch = fetch,
): Promise<CreatedSpace> {
  let response: Response;
  try {
    response = await fetchImpl('/api/spaces', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(input),
    });
  } catch (error) {
    throw new CreateSpaceError('network', error instanceof Error ? error.message : String(error));
  }
  const body: unknown = await response.json().catch(() => null);
  if (!response.ok) {
    const message = errorMessage(body) ?? `HTTP ${response.status}`;
    // A proxy answering 502/503/504 means the server itself is not there.
    throw new CreateSpaceError(
      response.status >= 502 && response.status <= 504 ? 'network' : 'server',
      message,
    );
  }
  if (!isCreatedSpace(body)) throw new CreateSpaceError('server', 'unexpected answer');
  return body;
}

function errorMessage(body: unknown): string | null {
  if (typeof body !== 'object' || body === null) return null;
  const error = (body as { error?: { message?: unknown } }).error;
  return typeof error?.message === 'string' ? error.message : null;
}

function isCreatedSpace(body: unknown): body is CreatedSpace {
  if (typeof body !== 'object' || body === null) return false;
  const b = body as Record<string, unknown>;
  return (
    typeof b.id === 'string' && typeof b.name === 'string' && typeof b.defaultCircleId === 'string'
  );
}
