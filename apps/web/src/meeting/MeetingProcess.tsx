import type * as Y from 'yjs';

/**
 * Where the meeting's process (rounds, steps, positions) mounts: a
 * `<section aria-labelledby>` headed with `t('meeting.process')`, built on
 * the process log (`packages/domain/src/process/`). Nothing is shown until
 * that exists, rather than controls that do nothing.
 */
export function MeetingProcess(_props: { doc: Y.Doc }) {
  return null;
}
