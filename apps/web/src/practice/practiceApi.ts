import { ApiError, apiJson, asRecord } from '../api/http.ts';
import { createdSpaceFrom, type CreatedSpace } from '../api/createSpace.ts';
import { withSession } from '../sync/sessionKeeper.ts';

export type PracticeProcess = 'consent' | 'idm';

/** What the server says of a practice space (SPEC PRACTICE-1). */
export interface PracticeInfo {
  readonly spaceId: string;
  readonly meetingId: string;
  readonly process: PracticeProcess;
  readonly bots: readonly { readonly userId: string; readonly name: string }[];
}

export interface CreatedPractice extends CreatedSpace {
  readonly practice: PracticeInfo;
}

function parsePractice(value: unknown): PracticeInfo {
  const body = asRecord(value);
  if (
    !body ||
    typeof body.spaceId !== 'string' ||
    typeof body.meetingId !== 'string' ||
    (body.process !== 'consent' && body.process !== 'idm') ||
    !Array.isArray(body.bots)
  ) {
    throw new Error('unexpected answer');
  }
  const bots = body.bots.flatMap((bot: unknown) => {
    const b = asRecord(bot);
    return b && typeof b.userId === 'string' && typeof b.name === 'string'
      ? [{ userId: b.userId, name: b.name }]
      : [];
  });
  return { spaceId: body.spaceId, meetingId: body.meetingId, process: body.process, bots };
}

/**
 * Creates a practice space with its meeting and bots (`POST /api/practice`);
 * the caller becomes its admin and facilitator. Throws {@link ApiError}.
 *
 * @example
 * const created = await createPractice({ process: 'consent', language: 'en', memberName: 'Awa' });
 * navigate(`/s/${created.id}/m/${created.practice.meetingId}`);
 */
export async function createPractice(input: {
  process: PracticeProcess;
  language: 'en' | 'fr';
  memberName: string;
}): Promise<CreatedPractice> {
  const body = asRecord(await apiJson('/api/practice', { method: 'POST', body: input }));
  try {
    return { ...createdSpaceFrom(body), practice: parsePractice(body?.practice) };
  } catch {
    throw new ApiError('server', 200, '', 'unexpected answer');
  }
}

/** The space's practice mark, or null for an ordinary space. */
export async function fetchPractice(spaceId: string): Promise<PracticeInfo | null> {
  try {
    return parsePractice(
      await withSession(spaceId, (token) => apiJson(`/api/practice/${spaceId}`, { token })),
    );
  } catch (error) {
    if (error instanceof ApiError && error.status === 404) return null;
    throw error;
  }
}

/** Deletes a practice space for good (admin; SPEC PRACTICE-7). */
export async function deletePractice(spaceId: string): Promise<void> {
  await withSession(spaceId, (token) =>
    apiJson(`/api/practice/${spaceId}`, { method: 'DELETE', token }),
  );
}
