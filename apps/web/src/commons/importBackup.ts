import { createdSpaceFrom, type CreatedSpace } from '../api/createSpace.ts';
import { ApiError, apiJson, asRecord } from '../api/http.ts';

/** Why an import failed, for the form to say. */
export type ImportFailure =
  | 'not-json'
  | 'too-large'
  | 'invalid'
  | 'bad-signature'
  | 'exists'
  | 'forbidden'
  | 'network'
  | 'other';

/** The kinds of problem the server names in a refused file (server SPEC BACKUP-7). */
export const IMPORT_PROBLEMS = [
  'format',
  'document',
  'state',
  'record',
  'member',
  'key',
  'event',
  'not-signed',
  'foreign-key',
  'signature',
] as const;
export type ImportProblem = (typeof IMPORT_PROBLEMS)[number];

export class ImportError extends Error {
  constructor(
    readonly failure: ImportFailure,
    /** The server's sentence naming the problem, when it gave one (English). */
    readonly detail = '',
    /** What kind of problem the server found, for the screen to word. */
    readonly problem: ImportProblem | null = null,
    /** Where in the file: `documents[3] (<room>)`, `members[2]`, `<room> #4`… */
    readonly where = '',
  ) {
    super(failure);
    this.name = 'ImportError';
  }
}

/** Someone who belonged to the imported space: to invite again here (server SPEC BACKUP-5). */
export interface FormerMember {
  readonly name: string;
  readonly role: string;
}

/** The largest file the server reads (server SPEC BACKUP-4). */
export const BACKUP_MAX_BYTES = 64 * 1024 * 1024;

/**
 * Imports a backup file into this server (`POST /api/backups`, server SPEC
 * BACKUP-4, BACKUP-5): the space keeps its id, the importer becomes its
 * admin. Throws an {@link ImportError}.
 *
 * @example
 * const space = await importBackup(await file.text(), 'Zoé');
 */
export async function importBackup(
  text: string,
  memberName: string,
  fetchImpl: typeof fetch = fetch,
): Promise<CreatedSpace & { formerMembers: readonly FormerMember[] }> {
  if (text.length > BACKUP_MAX_BYTES) throw new ImportError('too-large');
  let backup: unknown;
  try {
    backup = JSON.parse(text);
  } catch {
    throw new ImportError('not-json');
  }
  let body: Record<string, unknown> | null;
  // A refusal's problem and place (BACKUP-7), read from its body on the way.
  let refusal: { problem: ImportProblem | null; where: string } = { problem: null, where: '' };
  const reading: typeof fetch = async (input, init) => {
    const response = await fetchImpl(input, init);
    if (response.status === 400) {
      const error = asRecord(
        asRecord(
          await response
            .clone()
            .json()
            .catch(() => null),
        )?.error,
      );
      const problem = IMPORT_PROBLEMS.find((p) => p === error?.problem) ?? null;
      refusal = { problem, where: typeof error?.where === 'string' ? error.where : '' };
    }
    return response;
  };
  try {
    body = asRecord(
      await apiJson('/api/backups', {
        method: 'POST',
        body: { memberName, backup },
        fetch: reading,
      }),
    );
  } catch (error) {
    if (!(error instanceof ApiError)) throw error;
    if (error.kind === 'network') throw new ImportError('network');
    const failure: ImportFailure =
      error.code === 'bad_signature'
        ? 'bad-signature'
        : error.code === 'invalid_backup' || error.code === 'invalid_json'
          ? 'invalid'
          : error.status === 413
            ? 'too-large'
            : error.status === 409
              ? 'exists'
              : error.status === 403
                ? 'forbidden'
                : 'other';
    throw new ImportError(failure, error.message, refusal.problem, refusal.where);
  }
  const former = Array.isArray(body?.formerMembers) ? body.formerMembers : [];
  return {
    ...createdSpaceFrom(body),
    formerMembers: former.flatMap((m: unknown) => {
      const r = asRecord(m);
      return r && typeof r.name === 'string' && typeof r.role === 'string'
        ? [{ name: r.name, role: r.role }]
        : [];
    }),
  };
}
