import { Link } from 'react-router';
import { decisionAnchor } from '../decisions/DecisionArticle.tsx';
import { useT } from '../i18n/useT.ts';

/**
 * On the governance page, the decision that filled a role — an election or
 * an adopted proposal — linked to its entry in the decision log.
 *
 * @example
 * <FilledByLink spaceId={spaceId} decisionId={assignment.createdBy} title={titles[id]} />
 */
export function FilledByLink({
  spaceId,
  decisionId,
  title,
}: {
  spaceId: string;
  decisionId: string;
  title: string | undefined;
}) {
  const t = useT();
  return (
    <Link to={`/s/${spaceId}/decisions#${decisionAnchor(decisionId)}`}>
      {title === undefined ? t('election.filledByUnknown') : t('election.filledBy', { title })}
    </Link>
  );
}
