import {
  allRounds,
  decisionRecord,
  objectionFollowUp,
  objectionResolution,
  type ItemState,
  type MeetingState,
  type ObjectionState,
} from '@ronde/domain';
import { useId } from 'react';
import { formatCalendarDate } from '../decisions/formatDecision.ts';
import { useLanguage, useT } from '../i18n/useT.ts';
import { useProcess } from './processModel.ts';
import { SpeakingTimes } from './SpeakingTimes.tsx';

/** Who contributed (spoke in a round or had a position recorded) and who facilitated. */
export function meetingPeople(state: MeetingState): {
  participants: string[];
  facilitators: string[];
} {
  const participants = new Set<string>();
  for (const round of allRounds(state)) {
    for (const turn of round.turns) if (turn.status === 'spoken') participants.add(turn.person);
  }
  const facilitators = new Set(state.facilitators);
  for (const item of state.items) {
    for (const p of item.positions) participants.add(p.person);
    for (const f of item.facilitators) facilitators.add(f);
  }
  return { participants: [...participants].sort(), facilitators: [...facilitators].sort() };
}

/** After the meeting: duration, each item's outcome, objections and how they ended, people. */
export function MeetingSummary() {
  const t = useT();
  const id = useId();
  const language = useLanguage();
  const model = useProcess();
  const { state } = model;
  const minutes =
    state.startedAt !== null && state.endedAt !== null
      ? Math.max(0, Math.round((state.endedAt - state.startedAt) / 60_000))
      : null;
  const { participants, facilitators } = meetingPeople(state);
  const names = (ids: readonly string[]) => ids.map(model.name).join(', ') || '—';
  return (
    <div className="meeting-summary" aria-labelledby={`${id}-h`} role="region">
      <h3 id={`${id}-h`} className="process-step__title">
        {t('process.summary')}
      </h3>
      {minutes !== null && <p>{t('process.duration', { minutes })}</p>}
      <h4 className="process-subtitle">{t('process.items')}</h4>
      <ul className="summary-items">
        {state.items.map((item) => (
          <li key={item.id} className="summary-item">
            <strong>{item.title}</strong>
            {t('text.colon')}
            {item.outcome
              ? t(`process.outcome.${item.outcome.outcome}`)
              : t(`process.itemStatus.${item.status}`)}
            {item.outcome?.reviewDate &&
              ` · ${t('process.reviewOn', {
                date: formatCalendarDate(language, item.outcome.reviewDate),
              })}`}
            {item.kind === 'tension' && item.note && (
              <span className="meta"> · {t('process.nextAction', { note: item.note })}</span>
            )}
            {item.objections.length > 0 && (
              <ul>
                {item.objections.map((o) => (
                  <li key={o.id}>
                    {t('process.summaryObjection', {
                      name: model.name(o.objector),
                      reason: o.reason,
                      resolution: resolutionText(t, state, item, o, model.name),
                    })}
                  </li>
                ))}
              </ul>
            )}
          </li>
        ))}
      </ul>
      <p>
        <strong>{t('process.decisions')}</strong>
        {t('text.colon')}
        {state.items
          .filter((i) => i.outcome?.outcome === 'adopted')
          .map((i) => i.title)
          .join(', ') || t('process.noDecisions')}
      </p>
      <p>
        <strong>{t('process.participants')}</strong>
        {t('text.colon')}
        {names(participants)}
      </p>
      <p>
        <strong>{t('process.facilitators')}</strong>
        {t('text.colon')}
        {names(facilitators)}
      </p>
      <SpeakingTimes live={false} />
    </div>
  );
}

/**
 * How an objection ended, in words: its resolution, except that one its
 * objector lifted (or raised again) in a later round says so (domain
 * CONSENT-5), never "not resolved".
 */
function resolutionText(
  t: ReturnType<typeof useT>,
  state: MeetingState,
  item: ItemState,
  objection: ObjectionState,
  name: (id: string) => string,
): string {
  const resolution = objectionResolution(item, objection);
  if (resolution === 'open' || resolution === 'integrated') {
    const record = decisionRecord(state, item.id);
    const follow = record ? objectionFollowUp(record.positions, objection) : null;
    if (follow !== null) {
      return t(`process.followUp.${follow.kind}`, {
        name: name(objection.objector),
        round: follow.round,
      });
    }
  }
  return t(`process.resolution.${resolution}`);
}
