import {
  ACTION_TITLE_MAX,
  appliedReviews,
  appliedTriages,
  CLOSE_REASON_MAX,
  isTensionPending,
  meetingLog,
  readLog,
  reviewAction,
  triageTension,
  TRIAGE_OUTCOMES,
  type Action,
  type MeetingPerson,
  type MeetingState,
  type Tension,
  type TriageOutcome,
} from '@ronde/domain';
import { useId, useState, type FormEvent } from 'react';
import type * as Y from 'yjs';
import { useYStore } from '../hooks/useYStore.ts';
import { useT } from '../i18n/useT.ts';
import { useSpacePeople } from '../members/useSpacePeople.ts';
import { processModel, type ProcessModel } from '../process/processModel.ts';
import { RefusalNote } from '../process/RefusalNote.tsx';
import { isRunning } from '../process/steps.ts';
import { useSentResult } from '../process/useSentResult.ts';
import { OwnerSelect } from './OwnerSelect.tsx';
import { knownPeople, nameOf } from './people.ts';
import { useActions, useTensions } from './useBacklog.ts';
import './tensions.css';

/**
 * A tactical meeting's backlog (SPEC TRIAGE): while it runs, its facilitators
 * triage the space's pending tensions — those on this meeting's agenda first
 * — into an action, a project, a proposal to write, or a drop with a reason,
 * and follow up the open actions and projects (done / not done). Each is a
 * signed process event; the server writes its effect in the backlog
 * (TRIAGESRV). Everyone sees what was decided. Owners are named as the
 * space's directory names them, else as the meeting or the records do.
 */
export function TacticalBacklog({
  spaceId,
  spaceDoc,
  meetingDoc,
  meetingId,
  state,
  people,
  me,
  readOnly,
}: {
  spaceId: string;
  spaceDoc: Y.Doc;
  meetingDoc: Y.Doc;
  meetingId: string;
  state: MeetingState;
  people: readonly MeetingPerson[];
  me: string;
  readOnly: boolean;
}) {
  const t = useT();
  const id = useId();
  const tensions = useTensions(spaceDoc);
  const actions = useActions(spaceDoc);
  const log = useYStore(meetingDoc, meetingLog, readLog);
  const directory = useSpacePeople(spaceId);
  const model = processModel(meetingDoc, state, people, me, t('meeting.unnamed'), readOnly);
  if (state.phase === 'not-started') return null;
  const triages = appliedTriages(state, log);
  const reviews = appliedReviews(state, log);
  const triaged = new Set(triages.map((tr) => tr.tensionId));
  const pending = tensions
    .filter((tension) => isTensionPending(tension) && !triaged.has(tension.id))
    .sort((a, b) => Number(b.meetingId === meetingId) - Number(a.meetingId === meetingId));
  const running = isRunning(state);
  const open = actions.filter((a) => !a.done || reviews.some((r) => r.actionId === a.id));
  const owners = people.filter((p) => p.role !== 'observer');
  const meetingNames = Object.fromEntries(people.map((p) => [p.id, p.name]));
  const known = knownPeople(
    { id: me, name: meetingNames[me] ?? '' },
    directory.people,
    [meetingNames],
    tensions,
    actions,
  );
  return (
    <section className="tactical" aria-labelledby={`${id}-h`}>
      <h2 id={`${id}-h`}>{t('triage.title')}</h2>
      <section aria-labelledby={`${id}-triage`} className="stack">
        <h3 id={`${id}-triage`}>{t('triage.tensions')}</h3>
        {running && pending.length === 0 && <p className="empty">{t('triage.nonePending')}</p>}
        {running && pending.length > 0 && (
          <ul className="backlog__list">
            {pending.map((tension) => (
              <TriageItem
                key={tension.id}
                model={model}
                tension={tension}
                onAgenda={tension.meetingId === meetingId}
                owners={owners}
              />
            ))}
          </ul>
        )}
        {triages.length > 0 && (
          <>
            <h4>{t('triage.done')}</h4>
            <ul className="tactical__record">
              {triages.map((tr) => (
                <li key={tr.id}>
                  <strong>
                    {tensions.find((x) => x.id === tr.tensionId)?.what ??
                      t('triage.unknownTension')}
                  </strong>
                  {' → '}
                  {t(`triage.outcome.${tr.outcome}`)}
                  {tr.action &&
                    ` · ${tr.action.title} (${nameOf(known, tr.action.ownerId, model.name(tr.action.ownerId))})`}
                  {tr.reason && ` · ${tr.reason}`}
                </li>
              ))}
            </ul>
          </>
        )}
      </section>
      <section aria-labelledby={`${id}-review`} className="stack">
        <h3 id={`${id}-review`}>{t('triage.followUp')}</h3>
        {open.length === 0 ? (
          <p className="empty">{t('triage.noActions')}</p>
        ) : (
          <ul className="backlog__list">
            {open.map((action) => (
              <ReviewItem
                key={action.id}
                model={model}
                action={action}
                owner={nameOf(known, action.ownerId, action.ownerName || t('decisions.someone'))}
                running={running}
                reviewed={reviews.filter((r) => r.actionId === action.id).at(-1)?.done ?? null}
              />
            ))}
          </ul>
        )}
      </section>
    </section>
  );
}

function TriageItem({
  model,
  tension,
  onAgenda,
  owners,
}: {
  model: ProcessModel;
  tension: Tension;
  onAgenda: boolean;
  owners: readonly MeetingPerson[];
}) {
  const t = useT();
  const id = useId();
  const { send, result, refusal } = useSentResult(model);
  const [outcome, setOutcome] = useState<TriageOutcome>('action');
  const [title, setTitle] = useState((tension.couldBe || tension.what).slice(0, ACTION_TITLE_MAX));
  const [ownerId, setOwnerId] = useState(
    owners.some((p) => p.id === tension.by) ? tension.by : model.me,
  );
  const [dueDate, setDueDate] = useState('');
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const makesAction = outcome === 'action' || outcome === 'project';
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (outcome === 'dropped' && reason.trim() === '')
      return setError(t('tensions.close.reasonRequired'));
    if (makesAction && title.trim() === '') return setError(t('actions.form.titleRequired'));
    setError(null);
    send((_s, by, at) =>
      triageTension(by, at, {
        tensionId: tension.id,
        outcome,
        reason,
        action: makesAction ? { title: title.trim(), ownerId, dueDate: dueDate || null } : null,
      }),
    );
  };
  return (
    <li>
      <article className="card tension" aria-labelledby={`${id}-what`}>
        <header className="tension__head">
          <h4 id={`${id}-what`} className="tension__what">
            {tension.what}
          </h4>
          {onAgenda && <span className="badge">{t('triage.onThisAgenda')}</span>}
        </header>
        {tension.couldBe && (
          <p className="tension__could">
            <span className="tension__label">{t('tensions.couldBeLabel')}</span> {tension.couldBe}
          </p>
        )}
        <p className="meta">
          {t('tensions.by', { name: tension.byName || t('decisions.someone') })}
        </p>
        {model.facilitator && (
          <form
            className="stack"
            onSubmit={submit}
            noValidate
            aria-label={t('triage.formLabel', { tension: tension.what })}
          >
            <div className="field">
              <label htmlFor={`${id}-outcome`}>{t('triage.outcome')}</label>
              <select
                id={`${id}-outcome`}
                value={outcome}
                onChange={(e) => setOutcome(e.target.value as TriageOutcome)}
              >
                {TRIAGE_OUTCOMES.map((o) => (
                  <option key={o} value={o}>
                    {t(`triage.outcome.${o}`)}
                  </option>
                ))}
              </select>
            </div>
            {makesAction && (
              <>
                <div className="field">
                  <label htmlFor={`${id}-title`}>{t('actions.form.what')}</label>
                  <input
                    id={`${id}-title`}
                    value={title}
                    maxLength={ACTION_TITLE_MAX}
                    onChange={(e) => setTitle(e.target.value)}
                  />
                </div>
                <OwnerSelect
                  id={`${id}-owner`}
                  owners={owners}
                  nameOf={(p) => model.name(p.id)}
                  value={ownerId}
                  onChange={setOwnerId}
                />
                <div className="field">
                  <label htmlFor={`${id}-due`}>{t('actions.form.due')}</label>
                  <input
                    id={`${id}-due`}
                    type="date"
                    value={dueDate}
                    onChange={(e) => setDueDate(e.target.value)}
                  />
                </div>
              </>
            )}
            <div className="field">
              <label htmlFor={`${id}-reason`}>
                {outcome === 'dropped' ? t('triage.reasonDrop') : t('triage.reason')}
              </label>
              <input
                id={`${id}-reason`}
                value={reason}
                maxLength={CLOSE_REASON_MAX}
                onChange={(e) => setReason(e.target.value)}
              />
            </div>
            {error && (
              <p role="alert" className="alert">
                {error}
              </p>
            )}
            <RefusalNote result={result} refusal={refusal} />
            <div className="actions">
              <button type="submit" className="button button--primary">
                {t('triage.submit')}
              </button>
            </div>
          </form>
        )}
      </article>
    </li>
  );
}

function ReviewItem({
  model,
  action,
  owner,
  running,
  reviewed,
}: {
  model: ProcessModel;
  action: Action;
  /** The owner's name to show. */
  owner: string;
  running: boolean;
  reviewed: boolean | null;
}) {
  const t = useT();
  const { send, result, refusal } = useSentResult(model);
  const review = (done: boolean) => send((_s, by, at) => reviewAction(by, at, action.id, done));
  return (
    <li className="tactical__review">
      <span>
        <strong>{action.title}</strong> · {owner}
        {action.dueDate && ` · ${action.dueDate}`}
      </span>
      {reviewed !== null && (
        <span className="badge">
          {reviewed ? t(`actions.done.${action.kind}`) : t(`actions.notDone.${action.kind}`)}
        </span>
      )}
      {running && model.facilitator && (
        <span className="actions">
          <button type="button" className="button" onClick={() => review(true)}>
            {t(`triage.markDone.${action.kind}`, { title: action.title })}
          </button>
          <button type="button" className="button button--quiet" onClick={() => review(false)}>
            {t(`triage.markNotDone.${action.kind}`, { title: action.title })}
          </button>
        </span>
      )}
      <RefusalNote result={result} refusal={refusal} />
    </li>
  );
}
