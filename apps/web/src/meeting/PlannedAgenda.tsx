import {
  addAgendaItem,
  moveAgendaItem,
  newId,
  removeAgendaItem,
  updateAgendaItem,
  type MeetingPerson,
  type ProposalSummary,
} from '@ronde/domain';
import { useState, type DragEvent } from 'react';
import type * as Y from 'yjs';
import { useAgenda } from '../hooks/useAgenda.ts';
import { useT } from '../i18n/useT.ts';
import { AddAgendaItemForm } from './AddAgendaItemForm.tsx';
import { AgendaItemRow, type MoveDirection, type RowItem } from './AgendaItemRow.tsx';
import { moveWritesOnlyItem, plannedItemRights, type PlannerRole } from './agendaRights.ts';
import { AgendaFrame } from './AgendaFrame.tsx';
import { dropIndex } from './dropIndex.ts';
import { useMoveFocus } from './useMoveFocus.ts';

/**
 * The agenda before the meeting starts, co-edited in the meeting document's
 * `agenda` map: reorder by drag and drop or with the Move up / Move down
 * buttons (each move is announced politely), rename, set owner and time box,
 * remove, add. Each person is offered only the items the server lets them
 * change (SPEC WRITE-6): their own, or all of them for a facilitator or admin.
 */
export function PlannedAgenda({
  doc,
  spaceId,
  people,
  proposals,
  who,
}: {
  doc: Y.Doc;
  spaceId: string;
  people: readonly MeetingPerson[];
  proposals: readonly ProposalSummary[];
  who: PlannerRole;
}) {
  const t = useT();
  const agenda = useAgenda(doc);
  const [announcement, setAnnouncement] = useState('');
  const [dragging, setDragging] = useState<string | null>(null);
  const [dropMark, setDropMark] = useState<{ id: string; after: boolean } | null>(null);
  const focus = useMoveFocus(agenda);
  const [removedAt, setRemovedAt] = useState(0);

  // Someone who may not edit every item moves theirs only where that writes its order alone.
  const mayMoveTo = (id: string, to: number): boolean =>
    to >= 0 && to < agenda.length && (who.manages || moveWritesOnlyItem(agenda, id, to));

  const move = (item: RowItem, to: number): boolean => {
    if (!mayMoveTo(item.id, to)) return false;
    moveAgendaItem(doc, item.id, to);
    setAnnouncement(
      t('agenda.moved', { title: item.title, position: to + 1, count: agenda.length }),
    );
    return true;
  };

  const onMove = (item: RowItem, direction: MoveDirection) => {
    const index = agenda.findIndex((i) => i.id === item.id);
    const to = direction === 'up' ? index - 1 : index + 1;
    focus.request(item.id, direction, to);
    move(item, to);
  };

  const onDragOver = (item: RowItem, event: DragEvent<HTMLLIElement>) => {
    if (!dragging) return;
    event.preventDefault();
    event.dataTransfer.dropEffect = 'move';
    const box = event.currentTarget.getBoundingClientRect();
    const after = event.clientY > box.top + box.height / 2;
    if (dropMark?.id !== item.id || dropMark.after !== after) setDropMark({ id: item.id, after });
  };

  const onDrop = (item: RowItem, event: DragEvent<HTMLLIElement>) => {
    if (!dragging) return;
    event.preventDefault();
    const from = agenda.findIndex((i) => i.id === dragging);
    const over = agenda.findIndex((i) => i.id === item.id);
    const moved = agenda[from];
    if (moved && over >= 0) {
      const box = event.currentTarget.getBoundingClientRect();
      const to = dropIndex(from, over, event.clientY > box.top + box.height / 2);
      if (to !== from) move(moved, to);
    }
    onDragEnd();
  };

  const onDragEnd = () => {
    setDragging(null);
    setDropMark(null);
  };

  const drag = (item: RowItem) => ({
    mark:
      dropMark?.id === item.id && dragging !== item.id
        ? dropMark.after
          ? ('after' as const)
          : ('before' as const)
        : null,
    onStart: (moved: RowItem, event: DragEvent) => {
      event.dataTransfer.effectAllowed = 'move';
      event.dataTransfer.setData('text/plain', moved.title);
      const row = (event.currentTarget as HTMLElement).closest('li');
      if (row) event.dataTransfer.setDragImage(row, 16, 16);
      setDragging(moved.id);
    },
    onOver: onDragOver,
    onDrop,
    onEnd: onDragEnd,
  });

  return (
    <AgendaFrame
      items={agenda}
      announcement={announcement}
      focusHeading={removedAt}
      notice={!who.writes ? t('agenda.readOnly') : who.manages ? null : t('agenda.ownOnly')}
      form={
        who.writes ? (
          <AddAgendaItemForm
            proposals={proposals}
            spaceId={spaceId}
            onAdd={(item) =>
              addAgendaItem(doc, { ...item, id: newId(), createdBy: who.userId, now: Date.now() })
            }
          />
        ) : null
      }
    >
      {agenda.map((item, index) => (
        <AgendaItemRow
          key={item.id}
          item={item}
          index={index}
          count={agenda.length}
          people={people}
          spaceId={spaceId}
          rights={plannedItemRights(item, who)}
          canMoveUp={mayMoveTo(item.id, index - 1)}
          canMoveDown={mayMoveTo(item.id, index + 1)}
          drag={drag(item)}
          onUpdate={(changed, patch) => updateAgendaItem(doc, changed.id, patch)}
          onMove={onMove}
          onRemove={(removed) => {
            removeAgendaItem(doc, removed.id);
            setAnnouncement(t('agenda.removed', { title: removed.title }));
            setRemovedAt((n) => n + 1);
          }}
          registerMoveButton={focus.register}
        />
      ))}
    </AgendaFrame>
  );
}
