import {
  moveAgendaItem,
  type AgendaItem,
  type MeetingPerson,
  type ProposalSummary,
} from '@ronde/domain';
import { useCallback, useEffect, useId, useRef, useState, type DragEvent } from 'react';
import type * as Y from 'yjs';
import { useAgenda } from '../hooks/useAgenda.ts';
import { useT } from '../i18n/useT.ts';
import { AddAgendaItemForm } from './AddAgendaItemForm.tsx';
import { AgendaItemRow, type MoveDirection } from './AgendaItemRow.tsx';
import { dropIndex } from './dropIndex.ts';

/**
 * The meeting's agenda, co-edited live: reorder by drag and drop or with the
 * Move up / Move down buttons (each move is announced politely), rename,
 * set owner and time box, remove, add.
 */
export function Agenda({
  doc,
  spaceId,
  people,
  proposals,
  userId,
  canEdit,
}: {
  doc: Y.Doc;
  spaceId: string;
  people: readonly MeetingPerson[];
  proposals: readonly ProposalSummary[];
  userId: string;
  canEdit: boolean;
}) {
  const t = useT();
  const id = useId();
  const agenda = useAgenda(doc);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const [announcement, setAnnouncement] = useState('');
  const [dragging, setDragging] = useState<string | null>(null);
  const [dropMark, setDropMark] = useState<{ id: string; after: boolean } | null>(null);
  const moveButtons = useRef(new Map<string, HTMLButtonElement>());
  const focusAfterMove = useRef<{ id: string; direction: MoveDirection } | null>(null);

  const registerMoveButton = useCallback(
    (itemId: string, direction: MoveDirection, el: HTMLButtonElement | null) => {
      const key = `${itemId}:${direction}`;
      if (el) moveButtons.current.set(key, el);
      else moveButtons.current.delete(key);
    },
    [],
  );

  // After a keyboard move, keep focus on the moved item's button; at an end,
  // where that button is disabled, on the other one.
  useEffect(() => {
    const request = focusAfterMove.current;
    if (!request) return;
    focusAfterMove.current = null;
    const index = agenda.findIndex((item) => item.id === request.id);
    if (index < 0) return;
    const atEnd = request.direction === 'up' ? index === 0 : index === agenda.length - 1;
    const direction = atEnd ? (request.direction === 'up' ? 'down' : 'up') : request.direction;
    moveButtons.current.get(`${request.id}:${direction}`)?.focus();
  }, [agenda]);

  const announceMove = (item: AgendaItem, toIndex: number) => {
    setAnnouncement(
      t('agenda.moved', { title: item.title, position: toIndex + 1, count: agenda.length }),
    );
  };

  const onMove = (item: AgendaItem, direction: MoveDirection) => {
    const index = agenda.findIndex((i) => i.id === item.id);
    const to = direction === 'up' ? index - 1 : index + 1;
    if (to < 0 || to >= agenda.length) return;
    focusAfterMove.current = { id: item.id, direction };
    moveAgendaItem(doc, item.id, to);
    announceMove(item, to);
  };

  const onRemoved = (item: AgendaItem) => {
    setAnnouncement(t('agenda.removed', { title: item.title }));
    headingRef.current?.focus();
  };

  const onDragStart = (item: AgendaItem, event: DragEvent) => {
    event.dataTransfer.effectAllowed = 'move';
    event.dataTransfer.setData('text/plain', item.title);
    const row = (event.currentTarget as HTMLElement).closest('li');
    if (row) event.dataTransfer.setDragImage(row, 16, 16);
    setDragging(item.id);
  };

  const onDragOver = (item: AgendaItem, event: DragEvent<HTMLLIElement>) => {
    if (!dragging) return;
    event.preventDefault();
    event.dataTransfer.dropEffect = 'move';
    const box = event.currentTarget.getBoundingClientRect();
    const after = event.clientY > box.top + box.height / 2;
    if (dropMark?.id !== item.id || dropMark.after !== after) setDropMark({ id: item.id, after });
  };

  const onDrop = (item: AgendaItem, event: DragEvent<HTMLLIElement>) => {
    if (!dragging) return;
    event.preventDefault();
    const from = agenda.findIndex((i) => i.id === dragging);
    const over = agenda.findIndex((i) => i.id === item.id);
    const moved = agenda[from];
    if (moved && over >= 0) {
      const box = event.currentTarget.getBoundingClientRect();
      const to = dropIndex(from, over, event.clientY > box.top + box.height / 2);
      if (to !== from) {
        moveAgendaItem(doc, moved.id, to);
        announceMove(moved, to);
      }
    }
    onDragEnd();
  };

  const onDragEnd = () => {
    setDragging(null);
    setDropMark(null);
  };

  const total = agenda.reduce((sum, item) => sum + item.timeboxMinutes, 0);
  return (
    <section aria-labelledby={`${id}-h`} className="agenda">
      <div className="section-head">
        <h2 id={`${id}-h`} ref={headingRef} tabIndex={-1}>
          {t('agenda.title')}
        </h2>
        {agenda.length > 0 && (
          <span className="meta">
            {t('agenda.total', { count: agenda.length, minutes: total })}
          </span>
        )}
      </div>
      {!canEdit && <p className="notice">{t('agenda.readOnly')}</p>}
      {agenda.length === 0 ? (
        <p className="empty">{t('agenda.empty')}</p>
      ) : (
        <ol className="agenda-list">
          {agenda.map((item, index) => (
            <AgendaItemRow
              key={item.id}
              doc={doc}
              item={item}
              index={index}
              count={agenda.length}
              people={people}
              spaceId={spaceId}
              canEdit={canEdit}
              dropMark={
                dropMark?.id === item.id && dragging !== item.id
                  ? dropMark.after
                    ? 'after'
                    : 'before'
                  : null
              }
              onMove={onMove}
              onRemoved={onRemoved}
              registerMoveButton={registerMoveButton}
              onDragStart={onDragStart}
              onDragOver={onDragOver}
              onDrop={onDrop}
              onDragEnd={onDragEnd}
            />
          ))}
        </ol>
      )}
      <p role="status" aria-live="polite" className="visually-hidden">
        {announcement}
      </p>
      {canEdit && <AddAgendaItemForm doc={doc} proposals={proposals} userId={userId} />}
    </section>
  );
}
