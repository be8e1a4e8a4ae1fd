import {
  AGENDA_TITLE_MAX,
  TIMEBOX_MAX,
  TIMEBOX_MIN,
  type AgendaItem,
  type MeetingPerson,
} from '@ronde/domain';
import { useRef, useState, type DragEvent, type KeyboardEvent } from 'react';
import { flushSync } from 'react-dom';
import { Link } from 'react-router';
import { useT } from '../i18n/useT.ts';
import type { ItemDisplayStatus } from '../process/steps.ts';
import type { ItemRights } from './agendaRights.ts';
import { ElectionAgendaNote } from '../election/ElectionAgendaNote.tsx';

export type MoveDirection = 'up' | 'down';

/** What a row shows of an item: the planned agenda's entry or the live agenda's item alike. */
export type RowItem = Pick<
  AgendaItem,
  'id' | 'kind' | 'title' | 'proposalId' | 'process' | 'text' | 'ownerId' | 'timeboxMinutes'
>;

/** The changes a row makes to its item. */
export interface RowPatch {
  readonly title?: string;
  readonly ownerId?: string;
  readonly timeboxMinutes?: number;
}

/** Drag and drop, for the planned agenda only. */
export interface RowDrag {
  readonly mark: 'before' | 'after' | null;
  readonly onStart: (item: RowItem, event: DragEvent) => void;
  readonly onOver: (item: RowItem, event: DragEvent<HTMLLIElement>) => void;
  readonly onDrop: (item: RowItem, event: DragEvent<HTMLLIElement>) => void;
  readonly onEnd: () => void;
}

/**
 * One agenda item: its title, owner and time box, each editable only when
 * `rights` allows it, and move and remove controls likewise. What a change
 * writes is the caller's (`onUpdate`, `onMove`, `onRemove`).
 */
export function AgendaItemRow({
  item,
  index,
  count,
  people,
  owners = people,
  spaceId,
  rights,
  status = null,
  canMoveUp = index > 0,
  canMoveDown = index < count - 1,
  drag = null,
  onUpdate,
  onMove,
  onRemove,
  registerMoveButton,
}: {
  item: RowItem;
  index: number;
  count: number;
  /** Everyone in the meeting, to name the owner. */
  people: readonly MeetingPerson[];
  /** Whom the owner may be changed to. */
  owners?: readonly MeetingPerson[];
  spaceId: string;
  rights: ItemRights;
  /** The item's status in the process, shown once the meeting has started. */
  status?: ItemDisplayStatus | null;
  canMoveUp?: boolean;
  canMoveDown?: boolean;
  drag?: RowDrag | null;
  onUpdate: (item: RowItem, patch: RowPatch) => void;
  onMove: (item: RowItem, direction: MoveDirection) => void;
  onRemove: (item: RowItem) => void;
  registerMoveButton: (id: string, direction: MoveDirection, el: HTMLButtonElement | null) => void;
}) {
  const t = useT();
  const [title, setTitle] = useState<string | null>(null);
  const [timebox, setTimebox] = useState<string | null>(null);
  const [confirming, setConfirming] = useState(false);
  const removeRef = useRef<HTMLButtonElement>(null);
  const quoted = { title: item.title };

  const commitTitle = () => {
    const next = title?.trim().replace(/\s+/g, ' ');
    if (next && next !== item.title) onUpdate(item, { title: next });
    setTitle(null);
  };
  const minutes = timebox === null ? item.timeboxMinutes : Number(timebox);
  const timeboxValid =
    Number.isInteger(minutes) && minutes >= TIMEBOX_MIN && minutes <= TIMEBOX_MAX;
  const commitTimebox = () => {
    if (timeboxValid && minutes !== item.timeboxMinutes) {
      onUpdate(item, { timeboxMinutes: minutes });
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
  const ownerName = people.find((p) => p.id === item.ownerId)?.name || t('meeting.unnamed');
  const ownerListed = owners.some((p) => p.id === item.ownerId);
  const mark = drag?.mark ?? null;

  return (
    <li
      className={`agenda-item${mark ? ` agenda-item--drop-${mark}` : ''}${status ? ` agenda-item--${status}` : ''}`}
      onDragOver={drag ? (e) => drag.onOver(item, e) : undefined}
      onDrop={drag ? (e) => drag.onDrop(item, e) : undefined}
    >
      <div className="agenda-item__head">
        {drag && rights.move && (
          <span
            className="agenda-item__handle"
            draggable
            aria-hidden="true"
            onDragStart={(e) => drag.onStart(item, e)}
            onDragEnd={drag.onEnd}
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
        {rights.title ? (
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
        {status && (
          <span className={`process-status process-status--${status}`}>
            {t(`process.itemStatus.${status}`)}
          </span>
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
        {item.kind === 'election' && <ElectionAgendaNote spaceId={spaceId} item={item} />}
        <div className="agenda-item__fields">
          {rights.owner ? (
            <>
              <span className="meta" aria-hidden="true">
                {t('agenda.owner')}
              </span>
              <select
                className="agenda-item__owner"
                aria-label={t('agenda.ownerOf', quoted)}
                value={item.ownerId}
                onChange={(e) => onUpdate(item, { ownerId: e.target.value })}
              >
                {!ownerListed && <option value={item.ownerId}>{ownerName}</option>}
                {owners.map((p) => (
                  <option key={p.id} value={p.id}>
                    {p.name || t('meeting.unnamed')}
                  </option>
                ))}
              </select>
            </>
          ) : (
            <span className="meta">
              {t('agenda.owner')}
              {t('text.colon')}
              {ownerName}
            </span>
          )}
          {rights.timebox ? (
            <>
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
              {' · '}
              {t('agenda.minutes', { minutes: item.timeboxMinutes })}
            </span>
          )}
        </div>
      </div>

      {(rights.move || rights.remove) && (
        <div className="agenda-item__actions">
          {rights.move && (
            <>
              <button
                type="button"
                className="icon-button"
                ref={(el) => registerMoveButton(item.id, 'up', el)}
                aria-label={t('agenda.moveUp', quoted)}
                disabled={!canMoveUp}
                onClick={() => onMove(item, 'up')}
              >
                <span aria-hidden="true">↑</span>
              </button>
              <button
                type="button"
                className="icon-button"
                ref={(el) => registerMoveButton(item.id, 'down', el)}
                aria-label={t('agenda.moveDown', quoted)}
                disabled={!canMoveDown}
                onClick={() => onMove(item, 'down')}
              >
                <span aria-hidden="true">↓</span>
              </button>
            </>
          )}
          {rights.remove && !confirming && (
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
      {rights.remove && confirming && (
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
                setConfirming(false);
                onRemove(item);
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
