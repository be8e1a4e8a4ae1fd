import type { SpaceInfo } from '@ronde/domain';
import { useId, useMemo, useState } from 'react';
import { Link } from 'react-router';
import type * as Y from 'yjs';
import { SpaceDocPage } from '../components/SpaceDocPage.tsx';
import { useT, useTn } from '../i18n/useT.ts';
import { TensionCard } from '../tensions/TensionCard.tsx';
import { TensionForm } from '../tensions/TensionForm.tsx';
import { useBacklogContext } from '../tensions/useBacklogContext.ts';
import '../tensions/tensions.css';

type Filter = 'open' | 'mine' | 'all';

/** `/s/:spaceId/tensions`: the space's tension backlog — log one, follow it, make something of it. */
export function TensionsPage() {
  return (
    <SpaceDocPage titleKey="tensions.title" loadingKey="tensions.loading">
      {(space, doc) => <TensionBacklog space={space} spaceDoc={doc} />}
    </SpaceDocPage>
  );
}

function TensionBacklog({ space, spaceDoc }: { space: SpaceInfo; spaceDoc: Y.Doc }) {
  const t = useT();
  const tn = useTn();
  const id = useId();
  const { ctx, tensions } = useBacklogContext(space, spaceDoc);
  const [filter, setFilter] = useState<Filter>('open');
  const shown = useMemo(
    () =>
      tensions.filter((tension) => {
        if (filter === 'mine') return tension.by === ctx.me.id;
        if (filter === 'open') return tension.closing === null && tension.status !== 'resolved';
        return true;
      }),
    [tensions, filter, ctx.me.id],
  );
  return (
    <div className="page backlog">
      <div className="proposal-top">
        <Link to={`/s/${space.id}`} className="back-link">
          <span aria-hidden="true">← </span>
          {t('decisions.back', { space: space.name })}
        </Link>
      </div>
      <h1 className="page-title">{t('tensions.title')}</h1>
      <p className="backlog__intro">{t('tensions.intro')}</p>
      <p>
        <Link to={`/s/${space.id}/actions`}>{t('tensions.toActions')}</Link>
      </p>
      {!ctx.readOnly && <TensionForm spaceDoc={spaceDoc} me={ctx.me} />}
      <section aria-labelledby={`${id}-list`} className="stack">
        <h2 id={`${id}-list`}>{t('tensions.backlog')}</h2>
        <div className="field backlog__filter">
          <label htmlFor={`${id}-filter`}>{t('tensions.filter')}</label>
          <select
            id={`${id}-filter`}
            value={filter}
            onChange={(e) => setFilter(e.target.value as Filter)}
          >
            <option value="open">{t('tensions.filter.open')}</option>
            <option value="mine">{t('tensions.filter.mine')}</option>
            <option value="all">{t('tensions.filter.all')}</option>
          </select>
        </div>
        <p className="meta" role="status">
          {tn('tensions.count', shown.length)}
        </p>
        {shown.length === 0 ? (
          <p className="empty">{t('tensions.empty')}</p>
        ) : (
          <ul className="backlog__list" aria-labelledby={`${id}-list`}>
            {shown.map((tension) => (
              <TensionCard key={tension.id} ctx={ctx} tension={tension} />
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
