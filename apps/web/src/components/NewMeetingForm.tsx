import {
  addMeetingSummary,
  initMeeting,
  joinMeeting,
  MEETING_KINDS,
  MEETING_TITLE_MAX,
  type Circle,
  type MeetingKind,
  type SpaceInfo,
} from '@ronde/domain';
import { useId, useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router';
import type * as Y from 'yjs';
import { useT } from '../i18n/useT.ts';
import { fromDateTimeInput, nextFullHour, toDateTimeInput } from '../meeting/dateTimeInput.ts';
import { useIdentity } from '../state/useIdentity.ts';
import { writeNewDocument } from '../sync/writeNewDocument.ts';
import { CircleSelect } from './CircleSelect.tsx';
import { FormActions } from './FormActions.tsx';
import { FormCard } from './FormCard.tsx';

/**
 * Plans a meeting: this device writes the new meeting document (a fresh id,
 * so nobody else can have written it) and joins it as its facilitator in the
 * same transaction — the server judges the join by the creator the same
 * update names (WRITE-5), so creating offline works too — lists it in the
 * space, then opens it.
 */
export function NewMeetingForm({
  space,
  spaceDoc,
  circles,
  onCancel,
}: {
  space: SpaceInfo;
  spaceDoc: Y.Doc;
  circles: readonly Circle[];
  onCancel: () => void;
}) {
  const t = useT();
  const id = useId();
  const navigate = useNavigate();
  const me = useIdentity(space.id);
  const [title, setTitle] = useState('');
  const [circleId, setCircleId] = useState(space.defaultCircleId || circles[0]?.id || '');
  const [kind, setKind] = useState<MeetingKind>('governance');
  const [startsAt, setStartsAt] = useState(() => toDateTimeInput(nextFullHour(Date.now())));
  const [error, setError] = useState<{ field: 'title' | 'start' | null; message: string } | null>(
    null,
  );

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!title.trim()) {
      setError({ field: 'title', message: t('newMeeting.titleRequired') });
      return;
    }
    const start = fromDateTimeInput(startsAt);
    if (start === null) {
      setError({ field: 'start', message: t('newMeeting.startRequired') });
      return;
    }
    try {
      const meetingId = writeNewDocument(space.id, 'meeting', (doc, newMeetingId, now) => {
        const meeting = doc.transact(() => {
          const created = initMeeting(doc, {
            id: newMeetingId,
            spaceId: space.id,
            title,
            circleId,
            kind,
            startsAt: start,
            createdBy: me.id,
            now,
          });
          if (me.name) joinMeeting(doc, { id: me.id, name: me.name, role: 'facilitator', now });
          return created;
        });
        addMeetingSummary(spaceDoc, {
          id: newMeetingId,
          title: meeting.title,
          circleId,
          kind,
          startsAt: start,
          status: 'upcoming',
          updatedAt: now,
          // Nobody else may then create its document (server WRITE-22).
          createdBy: me.id,
        });
      });
      navigate(`/s/${space.id}/m/${meetingId}`);
    } catch (e) {
      setError({ field: null, message: e instanceof Error ? e.message : String(e) });
    }
  };

  return (
    <FormCard id={id} title={t('newMeeting.title')} onSubmit={submit}>
      <div className="field">
        <label htmlFor={`${id}-title`}>{t('newMeeting.titleLabel')}</label>
        <input
          id={`${id}-title`}
          value={title}
          maxLength={MEETING_TITLE_MAX}
          autoFocus
          aria-invalid={error?.field === 'title'}
          aria-describedby={error?.field === 'title' ? `${id}-error` : undefined}
          onChange={(e) => {
            setTitle(e.target.value);
            setError(null);
          }}
        />
      </div>
      <div className="form-row">
        <CircleSelect
          id={`${id}-circle`}
          label={t('newMeeting.circle')}
          circles={circles}
          value={circleId}
          onChange={setCircleId}
        />
        <div className="field">
          <label htmlFor={`${id}-kind`}>{t('newMeeting.kind')}</label>
          <select
            id={`${id}-kind`}
            value={kind}
            onChange={(e) => setKind(e.target.value as MeetingKind)}
          >
            {MEETING_KINDS.map((k) => (
              <option key={k} value={k}>
                {t(`meetingKind.${k}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${id}-start`}>{t('newMeeting.startsAt')}</label>
          <input
            id={`${id}-start`}
            type="datetime-local"
            value={startsAt}
            aria-invalid={error?.field === 'start'}
            aria-describedby={error?.field === 'start' ? `${id}-error` : undefined}
            onChange={(e) => {
              setStartsAt(e.target.value);
              setError(null);
            }}
          />
        </div>
      </div>
      <p className="hint">{t('newMeeting.facilitatorHint')}</p>
      <FormActions
        error={error?.message}
        errorId={`${id}-error`}
        cancel={t('newMeeting.cancel')}
        onCancel={onCancel}
        submit={t('newMeeting.create')}
      />
    </FormCard>
  );
}
