import { SERVER_AUTHOR } from './authorship.ts';
import type { DecisionEntry, TextAuthor } from '@ronde/domain';
import type * as Y from 'yjs';
import type { Versions } from './versions.ts';

export interface MeetingVersionInput {
  readonly proposalId: string;
  readonly meetingId: string;
  readonly itemId: string;
  /** The id of the step the item stands at (`null` between steps). */
  readonly stepId: string | null;
  /** Whether that step lets the text be amended (AMEND-1). */
  readonly amending: boolean;
}

/**
 * The versions a meeting files for its current proposal item (SPEC VERS-2):
 * `taken-up` once per item, the text as presented; then, at every step that
 * does not amend, an `amended` version when the text differs from the latest
 * version (so an amend or integrate step that changed the text leaves one
 * version, filed when the next step begins). Ids are derived from the item
 * and the step, so a repeated or concurrent run files each once.
 *
 * @example
 * await fileMeetingVersion(versions, room, doc, { proposalId, meetingId, itemId, stepId, amending });
 */
export async function fileMeetingVersion(
  versions: Versions,
  room: string,
  doc: Y.Doc,
  input: MeetingVersionInput,
): Promise<void> {
  const takenUp = `taken-up-${input.itemId}`;
  if (!(await versions.has(room, takenUp))) {
    await versions.file(room, doc, {
      id: takenUp,
      kind: 'taken-up',
      name: '',
      by: SERVER_AUTHOR,
      meetingId: input.meetingId,
    });
    return;
  }
  if (input.amending || input.stepId === null) return;
  await versions.fileIfChanged(room, doc, {
    id: `amended-${input.stepId}`,
    meetingId: input.meetingId,
  });
}

/**
 * The entry with `authors`: who wrote the recorded text and how much of it
 * survives, from the server's client bindings (VERS-5); for an adoption,
 * the `adopted` version is filed first (once, by outcome id).
 *
 * @example
 * const entry = await withTextAuthors(versions, room, { entry, proposalDoc, meetingId });
 */
export async function withTextAuthors(
  versions: Versions,
  room: string,
  input: { entry: DecisionEntry; proposalDoc: Y.Doc; meetingId: string },
): Promise<DecisionEntry> {
  const { entry, proposalDoc } = input;
  if (entry.outcome === 'adopted') {
    await versions.file(room, proposalDoc, {
      id: `adopted-${entry.id}`,
      kind: 'adopted',
      name: '',
      by: SERVER_AUTHOR,
      meetingId: input.meetingId,
    });
  }
  const authors: TextAuthor[] = (await versions.shares(room, proposalDoc)).map((share) => ({
    id: share.author ?? '',
    chars: share.chars,
  }));
  return { ...entry, authors };
}
