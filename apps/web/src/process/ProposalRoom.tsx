import { canTransition, roomName, setProposalStatus, type Anchor } from '@ronde/domain';
import { useEffect } from 'react';
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
  /** This device's facilitator moved the meeting to the item: a draft goes in-consent. */
  readonly promote: boolean;
}

/** The proposal of the current item, opened through the room registry. */
export function makeProposalRoom(spaceId: string) {
  return function ProposalRoom({
    proposalId,
    editable,
    marks,
    onSelect,
    promote,
  }: ProposalSlotProps) {
    const t = useT();
    const room = useRoom(roomName({ spaceId, kind: 'proposal', id: proposalId }));
    const meta = useProposalMeta(room.doc);
    const status = meta?.status ?? null;
    useEffect(() => {
      if (promote && status === 'draft' && canTransition(status, 'in-consent')) {
        setProposalStatus(room.doc, 'in-consent');
      }
    }, [promote, status, room.doc]);
    if (meta === null) return <p className="meta">{t('process.proposalLoading')}</p>;
    return <ProposalText doc={room.doc} editable={editable} marks={marks} onSelect={onSelect} />;
  };
}
