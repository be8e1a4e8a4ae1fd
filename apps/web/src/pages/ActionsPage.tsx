import type { Action, SpaceInfo } from '@ronde/domain';
import { useId, useMemo, useRef, useState } from 'react';
import type * as Y from 'yjs';
import { SpaceDocPage } from '../components/SpaceDocPage.tsx';
import { useT, useTn } from '../i18n/useT.ts';
import { ActionForm } from '../tensions/ActionForm.tsx';
import { ActionItem } from '../tensions/ActionItem.tsx';
import { BacklogFilter, type BacklogShown } from '../tensions/BacklogFilter.tsx';
import { BacklogTop } from '../tensions/BacklogTop.tsx';
import { nameOf } from '../tensions/people.ts';
import { useBacklogContext } from '../tensions/useBacklogContext.ts';
import '../tensions/tensions.css';

/** `/s/:spaceId/actions`: next actions and projects by owner, marked done by their owners. */
export function ActionsPage() {
  return (
    <SpaceDocPage titleKey="actions.title" loadingKey="actions.loading">
      {(space, doc) => <ActionBoard space={space} spaceDoc={doc} />}
    </SpaceDocPage>
  );
}

function ActionBoard({ space, spaceDoc }: { space: SpaceInfo; spaceDoc: Y.Doc }) {
  const t = useT();
  const tn = useTn();
  const id = useId();
  const { ctx, actions, tensions } = useBacklogContext(space, spaceDoc);
  const [filter, setFilter] = useState<BacklogShown>('open');
  const [adding, setAdding] = useState(false);
  // Once the form closes (created or cancelled), focus goes back to its button.
  const refocusNew = useRef(false);
  const groups = useMemo(() => {
    const shown = actions.filter((a) =>
      filter === 'mine' ? a.ownerId === ctx.me.id : filter === 'open' ? !a.done : true,
    );
    const byOwner = new Map<string, Action[]>();
    for (const action of shown)
      byOwner.set(action.ownerId, [...(byOwner.get(action.ownerId) ?? []), action]);
    // Oneself first, then by name (the order of the known people).
    const order = (ownerId: string) => {
      const at = ctx.people.findIndex((p) => p.id === ownerId);
      return at === -1 ? ctx.people.length : at;
    };
    return [...byOwner].sort(([a], [b]) => order(a) - order(b) || (a < b ? -1 : 1));
  }, [actions, filter, ctx.me.id, ctx.people]);
  const count = groups.reduce((n, [, list]) => n + list.length, 0);
  const tensionText = (action: Action) =>
    tensions.find((tension) => tension.id === action.tensionId)?.what ?? null;
  return (
    <div className="page backlog">
      <BacklogTop space={space} backlog="actions" />
      {!ctx.readOnly &&
        (adding ? (
          <div className="card">
            <ActionForm
              spaceDoc={spaceDoc}
              me={ctx.me}
              people={ctx.people}
              onDone={() => {
                refocusNew.current = true;
                setAdding(false);
              }}
            />
          </div>
        ) : (
          <button
            ref={(button) => {
              if (button && refocusNew.current) {
                refocusNew.current = false;
                button.focus();
              }
            }}
            type="button"
            className="button button--primary"
            onClick={() => setAdding(true)}
          >
            {t('actions.new')}
          </button>
        ))}
      <section aria-labelledby={`${id}-list`} className="stack">
        <h2 id={`${id}-list`}>{t('actions.list')}</h2>
        <BacklogFilter id={`${id}-filter`} backlog="actions" value={filter} onChange={setFilter} />
        <p className="meta" role="status">
          {tn('actions.count', count)}
        </p>
        {groups.length === 0 && <p className="empty">{t('actions.empty')}</p>}
        {groups.map(([ownerId, list]) => {
          const owner =
            ownerId === ctx.me.id
              ? t('actions.mine')
              : nameOf(ctx.people, ownerId, list[0]?.ownerName || t('decisions.someone'));
          return (
            <section key={ownerId} aria-labelledby={`${id}-${ownerId}`} className="backlog__owner">
              <h3 id={`${id}-${ownerId}`}>{owner}</h3>
              <ul className="backlog__list">
                {list.map((action) => (
                  <ActionItem
                    key={action.id}
                    ctx={ctx}
                    action={action}
                    tensionText={tensionText(action)}
                  />
                ))}
              </ul>
            </section>
          );
        })}
      </section>
    </div>
  );
}
