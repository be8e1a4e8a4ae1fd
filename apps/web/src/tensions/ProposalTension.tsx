import { proposalFields } from '@ronde/domain';
import { Link } from 'react-router';
import type * as Y from 'yjs';
import { useYStore } from '../hooks/useYStore.ts';
import { useT } from '../i18n/useT.ts';
import { useTensions } from './useBacklog.ts';

function tensionIdOf(doc: Y.Doc): string | null {
  const value = proposalFields(doc).get('tensionId');
  return typeof value === 'string' ? value : null;
}

/**
 * The tension a proposal was written for (TENSION-3), shown only when the
 * link holds both ways: the proposal names the tension and the tension names
 * this proposal, so a proposal cannot claim a tension it was not made of.
 */
export function ProposalTension({
  spaceId,
  spaceDoc,
  proposalDoc,
  proposalId,
}: {
  spaceId: string;
  spaceDoc: Y.Doc;
  proposalDoc: Y.Doc;
  proposalId: string;
}) {
  const t = useT();
  const tensionId = useYStore(proposalDoc, proposalFields, tensionIdOf);
  const tensions = useTensions(spaceDoc);
  const tension = tensionId === null ? undefined : tensions.find((x) => x.id === tensionId);
  if (tension === undefined || tension.proposalId !== proposalId) return null;
  return (
    <p className="notice proposal-tension">
      {t('tensions.proposalFor')} <Link to={`/s/${spaceId}/tensions`}>{tension.what}</Link>{' '}
      <span className="meta">({t(`tensions.status.${tension.status}`)})</span>
    </p>
  );
}
