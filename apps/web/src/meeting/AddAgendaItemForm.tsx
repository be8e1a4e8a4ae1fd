import {
  AGENDA_ITEM_KINDS,
  AGENDA_TITLE_MAX,
  DECISION_PROCESSES,
  DEFAULT_TIMEBOX_MINUTES,
  TENSION_TEXT_MAX,
  TIMEBOX_MAX,
  TIMEBOX_MIN,
  type AgendaItemKind,
  type DecisionProcess,
  type ElectionTarget,
  type ProposalSummary,
} from '@ronde/domain';
import { useId, useRef, useState, type FormEvent } from 'react';
import type { MessageKey } from '../i18n/en.ts';
import { useT } from '../i18n/useT.ts';
import {
  ElectionItemFields,
  electionDraftProblem,
  electionTarget,
  type ElectionDraft,
} from '../election/ElectionItemFields.tsx';

/** What the form holds, checked before it reaches the domain. */
export interface AgendaDraft {
  readonly kind: AgendaItemKind;
  readonly title: string;
  readonly proposalId: string;
  readonly process: DecisionProcess;
  readonly text: string;
  readonly timebox: string;
}

/** An item the form asks to add: the fields its kind uses. */
export interface NewAgendaItem {
  readonly kind: AgendaItemKind;
  readonly title?: string;
  readonly proposalId?: string;
  readonly process?: DecisionProcess;
  readonly text?: string;
  readonly timeboxMinutes: number;
  /** A proposal item's proposer: the proposal's author, when known (domain PROP-6). */
  readonly ownerId?: string;
  /** An election's role and term (domain ELECT-1). */
  readonly election?: ElectionTarget;
}

/**
 * The first problem of a draft, as a message key, or null when it can be
 * added (the domain checks the same rules again: SPEC AGENDA-2, AGENDA-3).
 */
export function draftProblem(draft: AgendaDraft): MessageKey | null {
  if (draft.kind === 'proposal' && !draft.proposalId) return 'agenda.proposalRequired';
  if (draft.kind === 'tension' && !draft.text.trim()) return 'agenda.tensionRequired';
  if (draft.kind === 'information' && !draft.title.trim()) return 'agenda.titleRequired';
  const minutes = Number(draft.timebox);
  if (!Number.isInteger(minutes) || minutes < TIMEBOX_MIN || minutes > TIMEBOX_MAX) {
    return 'agenda.timeboxRange';
  }
  return null;
}

/**
 * Adds an item at the end of the agenda: a proposal of the space, a tension
 * or an information. `onAdd` writes it (the planned agenda's map before the
 * start, an `agenda.add` event once it has started).
 */
export function AddAgendaItemForm({
  proposals,
  spaceId = null,
  onAdd,
}: {
  proposals: readonly ProposalSummary[];
  /** The space whose elected roles an election item may name; none: no election offered. */
  spaceId?: string | null;
  onAdd: (item: NewAgendaItem) => void;
}) {
  const t = useT();
  const id = useId();
  const kindRef = useRef<HTMLSelectElement>(null);
  const [kind, setKind] = useState<AgendaItemKind>('proposal');
  const [title, setTitle] = useState('');
  const [proposalId, setProposalId] = useState('');
  const [process, setProcess] = useState<DecisionProcess>('consent');
  const [text, setText] = useState('');
  const [timebox, setTimebox] = useState(String(DEFAULT_TIMEBOX_MINUTES));
  const [problem, setProblem] = useState<MessageKey | null>(null);
  const [election, setElection] = useState<ElectionDraft>({ role: null, termEnd: '' });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const found =
      draftProblem({ kind, title, proposalId, process, text, timebox }) ??
      (kind === 'election'
        ? electionDraftProblem(election, new Date().toISOString().slice(0, 10))
        : null);
    if (found) {
      setProblem(found);
      return;
    }
    const proposal = proposals.find((p) => p.id === proposalId);
    onAdd({
      kind,
      ...(kind === 'information' ? { title } : {}),
      ...(kind === 'proposal'
        ? {
            title: proposal?.title.trim() || t('proposal.untitled'),
            proposalId,
            process,
            ...(proposal?.authorId ? { ownerId: proposal.authorId } : {}),
          }
        : {}),
      ...(kind === 'tension' ? { text } : {}),
      ...(kind === 'election'
        ? {
            title: t('election.itemTitle', { role: election.role?.name ?? '' }),
            election: electionTarget(election),
          }
        : {}),
      timeboxMinutes: Number(timebox),
    });
    setElection({ role: null, termEnd: '' });
    setTitle('');
    setText('');
    setProposalId('');
    setTimebox(String(DEFAULT_TIMEBOX_MINUTES));
    setProblem(null);
    kindRef.current?.focus();
  };

  const invalid = (key: MessageKey) => problem === key;
  const errorId = `${id}-error`;
  return (
    <form
      className="card agenda-add stack"
      onSubmit={submit}
      noValidate
      aria-labelledby={`${id}-h`}
    >
      <h3 id={`${id}-h`} className="card__title">
        {t('agenda.addTitle')}
      </h3>
      <div className="form-row">
        <div className="field">
          <label htmlFor={`${id}-kind`}>{t('agenda.kind')}</label>
          <select
            id={`${id}-kind`}
            ref={kindRef}
            value={kind}
            onChange={(e) => {
              setKind(e.target.value as AgendaItemKind);
              setProblem(null);
            }}
          >
            {AGENDA_ITEM_KINDS.filter((k) => k !== 'election' || spaceId !== null).map((k) => (
              <option key={k} value={k}>
                {t(`agendaKind.${k}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field field--narrow">
          <label htmlFor={`${id}-timebox`}>{t('agenda.timebox')}</label>
          <input
            id={`${id}-timebox`}
            type="number"
            inputMode="numeric"
            min={TIMEBOX_MIN}
            max={TIMEBOX_MAX}
            step={1}
            value={timebox}
            aria-invalid={invalid('agenda.timeboxRange')}
            aria-describedby={invalid('agenda.timeboxRange') ? errorId : undefined}
            onChange={(e) => {
              setTimebox(e.target.value);
              setProblem(null);
            }}
          />
        </div>
      </div>

      {kind === 'proposal' && (
        <div className="form-row">
          <div className="field">
            <label htmlFor={`${id}-proposal`}>{t('agenda.proposal')}</label>
            <select
              id={`${id}-proposal`}
              value={proposalId}
              aria-invalid={invalid('agenda.proposalRequired')}
              aria-describedby={
                proposals.length === 0
                  ? `${id}-no-proposals`
                  : invalid('agenda.proposalRequired')
                    ? errorId
                    : undefined
              }
              onChange={(e) => {
                setProposalId(e.target.value);
                setProblem(null);
              }}
            >
              <option value="">—</option>
              {proposals.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.title.trim() || t('proposal.untitled')}
                </option>
              ))}
            </select>
            {proposals.length === 0 && (
              <p id={`${id}-no-proposals`} className="hint">
                {t('agenda.noProposals')}
              </p>
            )}
          </div>
          <div className="field">
            <label htmlFor={`${id}-process`}>{t('agenda.process')}</label>
            <select
              id={`${id}-process`}
              value={process}
              onChange={(e) => setProcess(e.target.value as DecisionProcess)}
            >
              {DECISION_PROCESSES.map((p) => (
                <option key={p} value={p}>
                  {t(`process.${p}`)}
                </option>
              ))}
            </select>
          </div>
        </div>
      )}
      {kind === 'tension' && (
        <div className="field">
          <label htmlFor={`${id}-tension`}>{t('agenda.tension')}</label>
          <input
            id={`${id}-tension`}
            value={text}
            maxLength={TENSION_TEXT_MAX}
            aria-invalid={invalid('agenda.tensionRequired')}
            aria-describedby={`${id}-tension-hint${invalid('agenda.tensionRequired') ? ` ${errorId}` : ''}`}
            onChange={(e) => {
              setText(e.target.value);
              setProblem(null);
            }}
          />
          <p id={`${id}-tension-hint`} className="hint">
            {t('agenda.tensionHint')}
          </p>
        </div>
      )}
      {kind === 'information' && (
        <div className="field">
          <label htmlFor={`${id}-title`}>{t('agenda.itemTitle')}</label>
          <input
            id={`${id}-title`}
            value={title}
            maxLength={AGENDA_TITLE_MAX}
            aria-invalid={invalid('agenda.titleRequired')}
            aria-describedby={invalid('agenda.titleRequired') ? errorId : undefined}
            onChange={(e) => {
              setTitle(e.target.value);
              setProblem(null);
            }}
          />
        </div>
      )}
      {kind === 'election' && spaceId !== null && (
        <ElectionItemFields
          id={id}
          spaceId={spaceId}
          draft={election}
          problem={problem}
          errorId={errorId}
          onChange={(draft) => {
            setElection(draft);
            setProblem(null);
          }}
        />
      )}
      {problem && (
        <p id={errorId} role="alert" className="alert">
          {t(problem)}
        </p>
      )}
      <div className="actions">
        <button type="submit" className="button button--primary">
          {t('agenda.submit')}
        </button>
      </div>
    </form>
  );
}
