import type { SpaceInfo } from '@ronde/domain';
import { useId, useMemo, useState } from 'react';
import type * as Y from 'yjs';
import { SpaceDocPage } from '../components/SpaceDocPage.tsx';
import { useT, useTn } from '../i18n/useT.ts';
import { BacklogFilter, type BacklogShown } from '../tensions/BacklogFilter.tsx';
import { BacklogTop } from '../tensions/BacklogTop.tsx';
import { TensionCard } from '../tensions/TensionCard.tsx';
import { TensionForm } from '../tensions/TensionForm.tsx';
import { useBacklogContext } from '../tensions/useBacklogContext.ts';
import '../tensions/tensions.css';

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
  const [filter, setFilter] = useState<BacklogShown>('open');
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
      <BacklogTop space={space} backlog="tensions" />
      {!ctx.readOnly && <TensionForm spaceDoc={spaceDoc} me={ctx.me} />}
      <section aria-labelledby={`${id}-list`} className="stack">
        <h2 id={`${id}-list`}>{t('tensions.backlog')}</h2>
        <BacklogFilter id={`${id}-filter`} backlog="tensions" value={filter} onChange={setFilter} />
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
