import type { Circle, MeetingGroups, MeetingSummary } from '@ronde/domain';
import { useId } from 'react';
import { Link } from 'react-router';
import type { MessageKey } from '../i18n/en.ts';
import { formatDateTime } from '../i18n/formatTime.ts';
import { useLanguage, useT } from '../i18n/useT.ts';

const GROUPS: ReadonlyArray<[keyof MeetingGroups, MessageKey]> = [
  ['live', 'meetings.live'],
  ['upcoming', 'meetings.upcoming'],
  ['ended', 'meetings.past'],
];

/**
 * The meetings of a space: live, upcoming, then past; each a link named by
 * its title. Empty, it invites to plan one, except someone who `readOnly` cannot.
 */
export function MeetingList({
  spaceId,
  meetings,
  circles,
  readOnly = false,
}: {
  spaceId: string;
  meetings: MeetingGroups;
  circles: readonly Circle[];
  readOnly?: boolean;
}) {
  const t = useT();
  const id = useId();
  if (GROUPS.every(([group]) => meetings[group].length === 0)) {
    return <p className="empty">{t(readOnly ? 'meetings.emptyReadOnly' : 'meetings.empty')}</p>;
  }
  return (
    <div className="meeting-groups">
      {GROUPS.map(([group, label]) =>
        meetings[group].length === 0 ? null : (
          <section key={group} aria-labelledby={`${id}-${group}`} className="meeting-group">
            <h3
              id={`${id}-${group}`}
              className={`meeting-group__title meeting-group__title--${group}`}
            >
              {t(label)}
            </h3>
            <ul className="proposal-list">
              {meetings[group].map((m) => (
                <MeetingCard key={m.id} spaceId={spaceId} meeting={m} circles={circles} />
              ))}
            </ul>
          </section>
        ),
      )}
    </div>
  );
}

function MeetingCard({
  spaceId,
  meeting,
  circles,
}: {
  spaceId: string;
  meeting: MeetingSummary;
  circles: readonly Circle[];
}) {
  const t = useT();
  const language = useLanguage();
  const circle = circles.find((c) => c.id === meeting.circleId)?.name;
  return (
    <li className={`proposal-card meeting-card meeting-card--${meeting.status}`}>
      <Link to={`/s/${spaceId}/m/${meeting.id}`} className="proposal-card__title">
        {meeting.title}
      </Link>
      <div className="proposal-card__meta">
        <span className="meta">
          {circle
            ? t('meetings.summary', { kind: t(`meetingKind.${meeting.kind}`), circle })
            : t(`meetingKind.${meeting.kind}`)}
        </span>
        <time className="meta" dateTime={new Date(meeting.startsAt).toISOString()}>
          {formatDateTime(language, meeting.startsAt)}
        </time>
      </div>
    </li>
  );
}
