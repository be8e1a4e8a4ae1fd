import type { SpaceInfo } from '@ronde/domain';
import { Link } from 'react-router';
import { AccessNotice } from '../components/AccessNotice.tsx';
import { BackLink } from '../components/BackLink.tsx';
import type { MessageKey } from '../i18n/en.ts';
import { useT } from '../i18n/useT.ts';
import { useAccess } from '../state/useAccess.ts';

/** The space's two backlogs, each a page at `/s/:spaceId/<backlog>`. */
export type Backlog = 'tensions' | 'actions';

const TEXT = {
  tensions: { title: 'tensions.title', intro: 'tensions.intro', other: 'tensions.toActions' },
  actions: { title: 'actions.title', intro: 'actions.intro', other: 'actions.toTensions' },
} as const satisfies Record<Backlog, Record<string, MessageKey>>;

/**
 * The top of a backlog page: the way back to the space, the page's heading
 * and intro, then a link to the other backlog, so the two pages stay
 * siblings in look and in reach.
 *
 * @example
 * <BacklogTop space={space} backlog="tensions" />
 */
export function BacklogTop({ space, backlog }: { space: SpaceInfo; backlog: Backlog }) {
  const t = useT();
  const text = TEXT[backlog];
  const other: Backlog = backlog === 'tensions' ? 'actions' : 'tensions';
  // An observer finds no form here: say why, as the space page does.
  const access = useAccess(space.id);
  return (
    <>
      <AccessNotice access={access} />
      <div className="proposal-top">
        <BackLink to={`/s/${space.id}`}>{t('decisions.back', { space: space.name })}</BackLink>
      </div>
      <h1 className="page-title">{t(text.title)}</h1>
      <p className="backlog__intro">{t(text.intro)}</p>
      <p>
        <Link to={`/s/${space.id}/${other}`}>{t(text.other)}</Link>
      </p>
    </>
  );
}
