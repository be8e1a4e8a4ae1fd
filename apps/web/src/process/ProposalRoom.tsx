import { roomName, type Anchor } from '@ronde/domain';
import { useProposalMeta } from '../hooks/useProposalMeta.ts';
import { useT } from '../i18n/useT.ts';
import { useRoom } from '../sync/useRoom.ts';
import type { AnchorMark } from './objectionAnchors.ts';
import { ProposalText } from './ProposalText.tsx';

export interface ProposalSlotProps {
  readonly proposalId: string;
  readonly editable: boolean;
  readonly marks: readonly AnchorMark[];
  readonly onSelect: (anchor: Anchor | null) => void;
}

/**
 * The proposal of the current item, opened through the room registry. Its
 * status is the server's to move (in consent once taken up, then the
 * outcome's: SPEC CONS-3); this only shows the text.
 */
export function makeProposalRoom(spaceId: string) {
  return function ProposalRoom({ proposalId, editable, marks, onSelect }: ProposalSlotProps) {
    const t = useT();
    const room = useRoom(roomName({ spaceId, kind: 'proposal', id: proposalId }));
    const meta = useProposalMeta(room.doc);
    if (meta === null) return <p className="meta">{t('process.proposalLoading')}</p>;
    // The server takes text edits only while a draft or in consent (WRITE-8).
    return (
      <ProposalText
        doc={room.doc}
        editable={editable && (meta.status === 'draft' || meta.status === 'in-consent')}
        marks={marks}
        onSelect={onSelect}
      />
    );
  };
}
