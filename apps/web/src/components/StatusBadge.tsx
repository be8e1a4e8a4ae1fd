import type { ProposalStatus } from '@ronde/domain';
import { useT } from '../i18n/useT.ts';

/** A proposal's status as a coloured badge. */
export function StatusBadge({ status }: { status: ProposalStatus }) {
  const t = useT();
  return (
    <span className={`badge badge--${status}`} data-status={status}>
      {t(`proposalStatus.${status}`)}
    </span>
  );
}
