import type { Anchor } from '@ronde/domain';
import { lazy, Suspense } from 'react';
import type * as Y from 'yjs';
import { reloadOnMissingChunk } from '../components/reloadOnMissingChunk.ts';
import type { AnchorMark } from './objectionAnchors.ts';
import { ProposalTextView } from './ProposalTextView.tsx';

// The editor (TipTap, ProseMirror) is most of the app's code, and most of
// those in a meeting only read the proposal: it loads only for those who
// may amend it (apps/web/README.md, Bundle budget).
const ProposalTextEditor = lazy(
  reloadOnMissingChunk(() =>
    import('./ProposalTextEditor.tsx').then((m) => ({ default: m.ProposalTextEditor })),
  ),
);

/**
 * The proposal's text as the meeting sees it: read-only, with anchored
 * objections highlighted; editable for the proposer and facilitators during
 * integration. Reports the passage selected in it, as an anchor. Read-only,
 * it is plain elements (`ProposalTextView`); editable, the TipTap editor,
 * with the plain text shown while the editor loads.
 */
export function ProposalText({
  doc,
  editable,
  marks,
  onSelect,
}: {
  doc: Y.Doc;
  editable: boolean;
  marks: readonly AnchorMark[];
  onSelect: (anchor: Anchor | null) => void;
}) {
  const view = <ProposalTextView doc={doc} marks={marks} onSelect={onSelect} />;
  if (!editable) return view;
  return (
    <Suspense fallback={view}>
      <ProposalTextEditor doc={doc} editable marks={marks} onSelect={onSelect} />
    </Suspense>
  );
}
