import {
  addLiveItem,
  moveLiveItem,
  removeLiveItem,
  updateLiveItem,
  type ProposalSummary,
} from '@ronde/domain';
import { useEffect, useRef, useState } from 'react';
import { useT } from '../i18n/useT.ts';
import { takingPart, type ProcessModel } from '../process/processModel.ts';
import { RefusalNote } from '../process/RefusalNote.tsx';
import { itemDisplayStatus } from '../process/steps.ts';
import { useSentResult } from '../process/useSentResult.ts';
import { AddAgendaItemForm } from './AddAgendaItemForm.tsx';
import { AgendaFrame } from './AgendaFrame.tsx';
import { AgendaItemRow, type MoveDirection, type RowItem } from './AgendaItemRow.tsx';
import { liveItemRights, mayAddLive, type LiveRole } from './agendaRights.ts';
import { useMoveFocus } from './useMoveFocus.ts';

/**
 * The agenda once the meeting has started: the fold's items (SPEC AGENDA-8),
 * changed only by process events (`agenda.add/update/remove/move`). Anyone
 * taking part adds an item; a facilitator edits, moves and removes a pending
 * item never taken up, its owner edits its title and time box; the item being
 * decided and every started or done item stay as they are. Participants find
 * the editor in a collapsible panel after the process, facilitators in the
 * cockpit's drawer (`inDrawer`), out of the process's way; once the meeting
 * has ended nothing changes.
 */
export function LiveAgenda({
  model,
  spaceId,
  proposals,
  inDrawer = false,
}: {
  model: ProcessModel;
  spaceId: string;
  proposals: readonly ProposalSummary[];
  inDrawer?: boolean;
}) {
  const t = useT();
  const { state } = model;
  const items = state.items;
  const { send, result, refusal } = useSentResult(model);
  const [announcement, setAnnouncement] = useState('');
  const [removedAt, setRemovedAt] = useState(0);
  const focus = useMoveFocus(items);
  // Said once the server has appended the event and the fold applied it.
  const toAnnounce = useRef<{ id: string | null; text: string } | null>(null);
  const who: LiveRole = {
    userId: model.me,
    facilitator: model.facilitator,
    takesPart: model.takesPart,
  };
  const owners = takingPart(model);

  useEffect(() => {
    const waiting = toAnnounce.current;
    if (waiting === null || result === null || result.id !== waiting.id) return;
    toAnnounce.current = null;
    if (result.status === 'applied') setAnnouncement(waiting.text);
  }, [result]);

  const sendAnnounced = (text: string, command: Parameters<typeof send>[0]) => {
    const pending = { id: null as string | null, text };
    toAnnounce.current = pending;
    send((s, by, at) => {
      const event = command(s, by, at);
      pending.id = event.id;
      return event;
    });
  };

  const onMove = (item: RowItem, direction: MoveDirection) => {
    const index = items.findIndex((i) => i.id === item.id);
    const to = direction === 'up' ? index - 1 : index + 1;
    if (to < 0 || to >= items.length) return;
    // Before the item now at the new place (up), or before the one after it (down).
    const before = direction === 'up' ? items[to] : items[to + 1];
    focus.request(item.id, direction, to);
    sendAnnounced(
      t('agenda.moved', { title: item.title, position: to + 1, count: items.length }),
      (s, by, at) => moveLiveItem(s, by, at, item.id, before?.id ?? null),
    );
  };

  const running = state.phase !== 'ended';
  const drawer =
    !running || inDrawer
      ? null
      : model.facilitator
        ? t('agenda.live.facilitator')
        : model.takesPart
          ? t('agenda.live.participant')
          : t('agenda.live.observer');
  return (
    <AgendaFrame
      items={items}
      announcement={announcement}
      focusHeading={removedAt}
      drawer={drawer}
      notice={running ? (model.takesPart ? t('agenda.live.hint') : null) : t('agenda.ended')}
      form={
        mayAddLive(state, who) ? (
          <AddAgendaItemForm
            proposals={proposals}
            spaceId={spaceId}
            onAdd={(item) =>
              sendAnnounced(
                t('agenda.added', { title: item.title ?? item.text ?? '' }),
                (s, by, at) => addLiveItem(s, by, at, item),
              )
            }
          />
        ) : null
      }
      note={<RefusalNote result={result} refusal={refusal} />}
    >
      {items.map((item, index) => (
        <AgendaItemRow
          key={item.id}
          item={item}
          index={index}
          count={items.length}
          people={model.people}
          owners={owners}
          spaceId={spaceId}
          rights={liveItemRights(state, item, who)}
          status={itemDisplayStatus(state, item)}
          onUpdate={(changed, patch) =>
            send((s, by, at) => updateLiveItem(s, by, at, changed.id, patch))
          }
          onMove={onMove}
          onRemove={(removed) => {
            sendAnnounced(t('agenda.removed', { title: removed.title }), (s, by, at) =>
              removeLiveItem(s, by, at, removed.id),
            );
            setRemovedAt((n) => n + 1);
          }}
          registerMoveButton={focus.register}
        />
      ))}
    </AgendaFrame>
  );
}
