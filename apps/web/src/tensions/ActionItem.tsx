import { setActionDone, type Action } from '@ronde/domain';
import { useId, useRef, useState } from 'react';
import { Link } from 'react-router';
import { formatCalendarDate } from '../decisions/formatDecision.ts';
import { useLanguage, useT } from '../i18n/useT.ts';
import { ActionEditForm } from './ActionEditForm.tsx';
import { nameOf } from './people.ts';
import type { TensionContext } from './TensionCard.tsx';

/**
 * One next action or project: what, whose, when due, from which tension, and
 * its done state; its creator, its owner or a lead edits it (WRITE-18).
 */
export function ActionItem({
  ctx,
  action,
  tensionText,
}: {
  ctx: TensionContext;
  action: Action;
  tensionText: string | null;
}) {
  const t = useT();
  const language = useLanguage();
  const id = useId();
  // Its owner or a lead marks it done (WRITE-18).
  const mayMark = !ctx.readOnly && (action.ownerId === ctx.me.id || ctx.lead);
  const mayEdit = mayMark || (!ctx.readOnly && action.by === ctx.me.id);
  const [editing, setEditing] = useState(false);
  const [saved, setSaved] = useState(false);
  const editButton = useRef<HTMLButtonElement>(null);
  const closeEdit = (didSave: boolean) => {
    setEditing(false);
    setSaved(didSave);
    // Back to where the form was opened from, once it is there again.
    requestAnimationFrame(() => editButton.current?.focus());
  };
  const role = action.roleId === null ? undefined : ctx.roleNames[action.roleId];
  const toggle = () =>
    setActionDone(ctx.spaceDoc, action.id, { done: !action.done, by: ctx.me.id, now: Date.now() });
  return (
    <li>
      <article
        className={`card backlog-action${action.done ? ' backlog-action--done' : ''}`}
        aria-labelledby={`${id}-t`}
      >
        <header className="tension__head">
          <h4 id={`${id}-t`} className="tension__what">
            {action.title}
          </h4>
          <span className="badge">{t(`actions.kind.${action.kind}`)}</span>
          {action.done && (
            <span className="badge badge--adopted">{t(`actions.done.${action.kind}`)}</span>
          )}
        </header>
        <p className="meta">
          {t('actions.ownedBy', {
            name: nameOf(ctx.people, action.ownerId, action.ownerName || t('decisions.someone')),
          })}
          {action.dueDate !== null && (
            <>
              {' · '}
              <time dateTime={action.dueDate}>
                {t('actions.due', { date: formatCalendarDate(language, action.dueDate) })}
              </time>
            </>
          )}
          {role !== undefined && <> · {t('actions.role', { role })}</>}
        </p>
        {tensionText !== null && (
          <p className="meta">
            {t('actions.fromTension')} <Link to={`/s/${ctx.space.id}/tensions`}>{tensionText}</Link>
          </p>
        )}
        {editing ? (
          <ActionEditForm
            spaceDoc={ctx.spaceDoc}
            action={action}
            me={ctx.me}
            people={ctx.people}
            onDone={closeEdit}
          />
        ) : (
          (mayMark || mayEdit) && (
            <div className="actions">
              {mayMark && (
                <button type="button" className="button" onClick={toggle}>
                  {action.done
                    ? t(`actions.markNotDone.${action.kind}`, { title: action.title })
                    : t(`actions.markDone.${action.kind}`, { title: action.title })}
                </button>
              )}
              {mayEdit && (
                <button
                  ref={editButton}
                  type="button"
                  className="button button--quiet"
                  onClick={() => {
                    setSaved(false);
                    setEditing(true);
                  }}
                >
                  {t('actions.edit', { title: action.title })}
                </button>
              )}
            </div>
          )
        )}
        <p role="status" className="meta">
          {saved ? t('actions.edit.saved', { title: action.title }) : ''}
        </p>
      </article>
    </li>
  );
}
