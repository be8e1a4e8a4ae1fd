import type * as Y from 'yjs';

// The top-level shared types the domain documents (packages/domain space.ts and
// proposal.ts). Hooks observe only the one they read, so a keystroke in a
// proposal body does not re-render its metadata.

/** The space document's own fields. */
export const spaceFields = (doc: Y.Doc): Y.Map<unknown> => doc.getMap('space');
/** The space document's circles. */
export const spaceCircles = (doc: Y.Doc): Y.Map<unknown> => doc.getMap('circles');
/** The space document's proposal index. */
export const spaceProposals = (doc: Y.Doc): Y.Map<unknown> => doc.getMap('proposals');
/** The proposal document's fields (status, circle, author). */
export const proposalFields = (doc: Y.Doc): Y.Map<unknown> => doc.getMap('proposal');
