import {
  AGENDA_TITLE_MAX,
  removeAgendaItem,
  TIMEBOX_MAX,
  TIMEBOX_MIN,
  updateAgendaItem,
  type AgendaItem,
  type MeetingPerson,
} from '@ronde/domain';
import { useRef, useState, type DragEvent, type KeyboardEvent } from 'react';
import { flushSync } from 'react-dom';
import { Link } from 'react-router';
import type * as Y from 'yjs';
import { useT } from '../i18n/useT.ts';

export type MoveDirection = 'up' | 'down';

/** One agenda item: inline title, owner, time box, move and remove controls. */
export function AgendaItemRow({
  doc,
  item,
  index,
  count,
  people,
  spaceId,
  canEdit,
  dropMark,
  onMove,
  onRemoved,
  registerMoveButton,
  onDragStart,
  onDragOver,
  onDrop,
  onDragEnd,
}: {
  doc: Y.Doc;
  item: AgendaItem;
  index: number;
  count: number;
  people: readonly MeetingPerson[];
  spaceId: string;
  canEdit: boolean;
  dropMark: 'before' | 'after' | null;
  onMove: (item: AgendaItem, direction: MoveDirection) => void;
  onRemoved: (item: AgendaItem) => void;
  registerMoveButton: (id: string, direction: MoveDirection, el: HTMLButtonElement | null) => void;
  onDragStart: (item: AgendaItem, event: DragEvent) => void;
  onDragOver: (item: AgendaItem, event: DragEvent<HTMLLIElement>) => void;
  onDrop: (item: AgendaItem, event: DragEvent<HTMLLIElement>) => void;
  onDragEnd: () => void;
}) {
  const t = useT();
  const [title, setTitle] = useState<string | null>(null);
  const [timebox, setTimebox] = useState<string | null>(null);
  const [confirming, setConfirming] = useState(false);
  const removeRef = useRef<HTMLButtonElement>(null);
  const quoted = { title: item.title };

  const commitTitle = () => {
    const next = title?.trim().replace(/\s+/g, ' ');
    if (next && next !== item.title) updateAgendaItem(doc, item.id, { title: next });
    setTitle(null);
  };
  const minutes = timebox === null ? item.timeboxMinutes : Number(timebox);
  const timeboxValid =
    Number.isInteger(minutes) && minutes >= TIMEBOX_MIN && minutes <= TIMEBOX_MAX;
  const commitTimebox = () => {
    if (timeboxValid && minutes !== item.timeboxMinutes) {
      updateAgendaItem(doc, item.id, { timeboxMinutes: minutes });
    }
    setTimebox(null);
  };
  const onFieldKey = (commit: () => void, reset: () => void) => (e: KeyboardEvent) => {
    if (e.key === 'Enter') {
      e.preventDefault();
      commit();
    } else if (e.key === 'Escape') {
      reset();
    }
  };
  const ownerKnown = people.some((p) => p.id === item.ownerId);

  return (
    <li
      className={`agenda-item${dropMark ? ` agenda-item--drop-${dropMark}` : ''}`}
      onDragOver={(e) => onDragOver(item, e)}
      onDrop={(e) => onDrop(item, e)}
    >
      <div className="agenda-item__head">
        {canEdit && (
          <span
            className="agenda-item__handle"
            draggable
            aria-hidden="true"
            onDragStart={(e) => onDragStart(item, e)}
            onDragEnd={onDragEnd}
          >
            ⠿
          </span>
        )}
        <span className="agenda-item__number" aria-hidden="true">
          {index + 1}
        </span>
        <span className={`agenda-kind agenda-kind--${item.kind}`}>
          {t(`agendaKind.${item.kind}`)}
        </span>
        {canEdit ? (
          <input
            className="agenda-item__title"
            aria-label={t('agenda.renameItem', quoted)}
            value={title ?? item.title}
            maxLength={AGENDA_TITLE_MAX}
            onChange={(e) => setTitle(e.target.value)}
            onBlur={commitTitle}
            onKeyDown={onFieldKey(commitTitle, () => setTitle(null))}
          />
        ) : (
          <span className="agenda-item__title agenda-item__title--static">{item.title}</span>
        )}
      </div>

      <div className="agenda-item__body">
        {item.kind === 'tension' && item.text !== item.title && (
          <p className="agenda-item__text">{item.text}</p>
        )}
        {item.kind === 'proposal' && (
          <p className="agenda-item__text">
            {item.proposalId && (
              <Link to={`/s/${spaceId}/p/${item.proposalId}`}>
                {t('agenda.openProposal', quoted)}
              </Link>
            )}
            {item.process && <span className="meta"> · {t(`process.${item.process}`)}</span>}
          </p>
        )}
        <div className="agenda-item__fields">
          {canEdit ? (
            <>
              <span className="meta" aria-hidden="true">
                {t('agenda.owner')}
              </span>
              <select
                className="agenda-item__owner"
                aria-label={t('agenda.ownerOf', quoted)}
                value={item.ownerId}
                onChange={(e) => updateAgendaItem(doc, item.id, { ownerId: e.target.value })}
              >
                {!ownerKnown && <option value={item.ownerId}>{t('meeting.unnamed')}</option>}
                {people.map((p) => (
                  <option key={p.id} value={p.id}>
                    {p.name || t('meeting.unnamed')}
                  </option>
                ))}
              </select>
              <input
                className="agenda-item__timebox"
                type="number"
                inputMode="numeric"
                min={TIMEBOX_MIN}
                max={TIMEBOX_MAX}
                step={1}
                aria-label={t('agenda.timeboxOf', quoted)}
                aria-invalid={!timeboxValid}
                value={timebox ?? String(item.timeboxMinutes)}
                onChange={(e) => setTimebox(e.target.value)}
                onBlur={commitTimebox}
                onKeyDown={onFieldKey(commitTimebox, () => setTimebox(null))}
              />
              <span className="meta" aria-hidden="true">
                {t('agenda.minutes', { minutes: '' }).trim()}
              </span>
            </>
          ) : (
            <span className="meta">
              {t('agenda.owner')}:{' '}
              {people.find((p) => p.id === item.ownerId)?.name ?? t('meeting.unnamed')} ·{' '}
              {t('agenda.minutes', { minutes: item.timeboxMinutes })}
            </span>
          )}
        </div>
      </div>

      {canEdit && (
        <div className="agenda-item__actions">
          <button
            type="button"
            className="icon-button"
            ref={(el) => registerMoveButton(item.id, 'up', el)}
            aria-label={t('agenda.moveUp', quoted)}
            disabled={index === 0}
            onClick={() => onMove(item, 'up')}
          >
            <span aria-hidden="true">↑</span>
          </button>
          <button
            type="button"
            className="icon-button"
            ref={(el) => registerMoveButton(item.id, 'down', el)}
            aria-label={t('agenda.moveDown', quoted)}
            disabled={index === count - 1}
            onClick={() => onMove(item, 'down')}
          >
            <span aria-hidden="true">↓</span>
          </button>
          {!confirming && (
            <button
              type="button"
              className="icon-button icon-button--danger"
              ref={removeRef}
              aria-label={t('agenda.remove', quoted)}
              onClick={() => setConfirming(true)}
            >
              <span aria-hidden="true">✕</span>
            </button>
          )}
        </div>
      )}
      {confirming && (
        <div className="agenda-item__confirm" role="group" aria-label={t('agenda.remove', quoted)}>
          <p>{t('agenda.confirmRemove', quoted)}</p>
          <div className="actions">
            <button
              type="button"
              className="button button--quiet"
              autoFocus
              onClick={() => {
                // Back to the button that asked, rather than to the page's start.
                flushSync(() => setConfirming(false));
                removeRef.current?.focus();
              }}
            >
              {t('agenda.confirmNo')}
            </button>
            <button
              type="button"
              className="button button--danger"
              onClick={() => {
                removeAgendaItem(doc, item.id);
                onRemoved(item);
              }}
            >
              {t('agenda.confirmYes')}
            </button>
          </div>
        </div>
      )}
    </li>
  );
}
