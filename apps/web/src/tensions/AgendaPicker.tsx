import {
  addAgendaItem,
  newId,
  putTensionOnAgenda,
  roomName,
  type MeetingSummary,
  type Tension,
} from '@ronde/domain';
import { useId, useState, type FormEvent } from 'react';
import type * as Y from 'yjs';
import { useT } from '../i18n/useT.ts';
import { openDoc, type Room } from '../sync/openDoc.ts';
import type { Person } from './people.ts';

/** Resolves once the room holds the server's copy (its agenda is then complete). */
function synced(room: Room): Promise<void> {
  if (room.load() === 'synced') return Promise.resolve();
  return new Promise((resolve) => {
    const stop = room.onLoad(() => {
      if (room.load() !== 'synced') return;
      stop();
      resolve();
    });
  });
}

/**
 * Puts a tension on the agenda of a meeting that has not started (TENSION-4):
 * a tension item carrying its text, owned by whoever puts it there, then the
 * tension records the meeting and the item.
 */
export function AgendaPicker({
  spaceId,
  spaceDoc,
  tension,
  meetings,
  me,
  onDone,
}: {
  spaceId: string;
  spaceDoc: Y.Doc;
  tension: Tension;
  meetings: readonly MeetingSummary[];
  me: Person;
  onDone: () => void;
}) {
  const t = useT();
  const id = useId();
  const [meetingId, setMeetingId] = useState(meetings[0]?.id ?? '');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (meetingId === '') return;
    setBusy(true);
    const { room, release } = openDoc(roomName({ spaceId, kind: 'meeting', id: meetingId }));
    try {
      await synced(room);
      const item = addAgendaItem(room.doc, {
        id: newId(),
        kind: 'tension',
        text: tension.what.slice(0, 500),
        createdBy: me.id,
        now: Date.now(),
      });
      putTensionOnAgenda(spaceDoc, tension.id, meetingId, item.id);
      onDone();
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      release();
      setBusy(false);
    }
  };

  return (
    <form className="stack" onSubmit={(e) => void submit(e)} aria-labelledby={`${id}-h`}>
      <h3 id={`${id}-h`} className="card__title">
        {t('tensions.agenda.title')}
      </h3>
      <div className="field">
        <label htmlFor={`${id}-meeting`}>{t('tensions.agenda.meeting')}</label>
        <select
          id={`${id}-meeting`}
          value={meetingId}
          onChange={(e) => setMeetingId(e.target.value)}
        >
          {meetings.map((m) => (
            <option key={m.id} value={m.id}>
              {m.title}
            </option>
          ))}
        </select>
      </div>
      {error && (
        <p role="alert" className="alert">
          {error}
        </p>
      )}
      <div className="actions">
        <button type="button" className="button button--quiet" onClick={onDone}>
          {t('newProposal.cancel')}
        </button>
        <button type="submit" className="button button--primary" disabled={busy}>
          {t('tensions.agenda.submit')}
        </button>
      </div>
    </form>
  );
}
