import type {
  Action,
  Circle,
  MeetingSummary,
  ProposalSummary,
  SpaceInfo,
  Tension,
} from '@ronde/domain';
import { useId, useRef, useState } from 'react';
import { Link } from 'react-router';
import type * as Y from 'yjs';
import { formatDay } from '../decisions/formatDecision.ts';
import { useLanguage, useT } from '../i18n/useT.ts';
import { ActionForm } from './ActionForm.tsx';
import { AgendaPicker } from './AgendaPicker.tsx';
import { CloseTensionForm } from './CloseTensionForm.tsx';
import { nameOf, type KnownPerson, type Person } from './people.ts';
import { ProposalFromTension } from './ProposalFromTension.tsx';

type Tool = 'proposal' | 'agenda' | 'action' | 'close';

export interface TensionContext {
  readonly space: SpaceInfo;
  readonly spaceDoc: Y.Doc;
  readonly circles: readonly Circle[];
  readonly proposals: readonly ProposalSummary[];
  readonly meetings: readonly MeetingSummary[];
  readonly actions: readonly Action[];
  readonly roleNames: Readonly<Record<string, string>>;
  readonly people: readonly KnownPerson[];
  readonly me: Person;
  /** A space admin or facilitator (they may edit and close anyone's tension, WRITE-17). */
  readonly lead: boolean;
  readonly readOnly: boolean;
}

/** One tension of the backlog: what it is, where it went, and what can be made of it. */
export function TensionCard({ ctx, tension }: { ctx: TensionContext; tension: Tension }) {
  const t = useT();
  const language = useLanguage();
  const id = useId();
  const [tool, setTool] = useState<Tool | null>(null);
  const spaceId = ctx.space.id;
  const proposal = ctx.proposals.find((p) => p.id === tension.proposalId);
  const meeting = ctx.meetings.find((m) => m.id === tension.meetingId);
  const action = ctx.actions.find((a) => a.id === tension.actionId);
  const closed = tension.closing !== null;
  const upcoming = ctx.meetings.filter((m) => m.status === 'upcoming');
  const mayClose = tension.by === ctx.me.id || ctx.lead;
  const tools: Tool[] = [];
  if (!ctx.readOnly && !closed) {
    if (tension.proposalId === null) tools.push('proposal');
    if (tension.status === 'open' && upcoming.length > 0) tools.push('agenda');
    if (tension.actionId === null && tension.proposalId === null) tools.push('action');
    if (mayClose) tools.push('close');
  }
  const toolButtons = useRef(new Map<Tool, HTMLButtonElement>());
  // A tool's form closes (done or cancelled): focus goes back to its button,
  // not to the page.
  const done = () => {
    if (tool !== null) toolButtons.current.get(tool)?.focus();
    setTool(null);
  };
  const role = tension.roleId === null ? undefined : ctx.roleNames[tension.roleId];
  const author = tension.byName || t('decisions.someone');
  return (
    <li>
      <article className="card tension" aria-labelledby={`${id}-what`}>
        <header className="tension__head">
          <h3 id={`${id}-what`} className="tension__what">
            {tension.what}
          </h3>
          <span className={`badge tension__status tension__status--${tension.status}`}>
            {t(`tensions.status.${tension.status}`)}
          </span>
        </header>
        {tension.couldBe !== '' && (
          <p className="tension__could">
            <span className="tension__label">{t('tensions.couldBeLabel')}</span> {tension.couldBe}
          </p>
        )}
        <p className="meta">
          {role !== undefined
            ? t('tensions.byInRole', { name: author, role })
            : t('tensions.by', { name: author })}
          {' · '}
          <time dateTime={new Date(tension.createdAt).toISOString()}>
            {formatDay(language, tension.createdAt)}
          </time>
        </p>
        <ul className="tension__links">
          {proposal && (
            <li>
              {t('tensions.link.proposal')}{' '}
              <Link to={`/s/${spaceId}/p/${proposal.id}`}>{proposal.title}</Link>
            </li>
          )}
          {tension.triagedTo === 'proposal' && !proposal && <li>{t('tensions.link.toWrite')}</li>}
          {meeting && tension.status === 'on-agenda' && (
            <li>
              {t('tensions.link.agenda')}{' '}
              <Link to={`/s/${spaceId}/m/${meeting.id}`}>{meeting.title}</Link>
            </li>
          )}
          {action && (
            <li>
              {t(`tensions.link.${action.kind}`)}{' '}
              <Link to={`/s/${spaceId}/actions`}>{action.title}</Link>
              {' · '}
              {nameOf(ctx.people, action.ownerId, action.ownerName || t('decisions.someone'))}
              {action.done && ` · ${t(`actions.done.${action.kind}`)}`}
            </li>
          )}
          {closed && (
            <li>
              {t(`tensions.closedBy.${tension.closing}`, {
                name: nameOf(ctx.people, tension.closedBy ?? '', t('decisions.someone')),
              })}
              {tension.closeReason && `${t('text.colon')}${tension.closeReason}`}
            </li>
          )}
        </ul>
        {tools.length > 0 && (
          <div className="actions tension__tools">
            {tools.map((name) => (
              <button
                key={name}
                ref={(button) => {
                  if (button) toolButtons.current.set(name, button);
                  else toolButtons.current.delete(name);
                }}
                type="button"
                className="button button--quiet"
                aria-expanded={tool === name}
                onClick={() => setTool(tool === name ? null : name)}
              >
                {t(`tensions.tool.${name}`)}
              </button>
            ))}
          </div>
        )}
        {tool === 'proposal' && (
          <ProposalFromTension
            space={ctx.space}
            spaceDoc={ctx.spaceDoc}
            circles={ctx.circles}
            tension={tension}
            me={ctx.me}
            onCancel={done}
          />
        )}
        {tool === 'agenda' && (
          <AgendaPicker
            spaceId={spaceId}
            spaceDoc={ctx.spaceDoc}
            tension={tension}
            meetings={upcoming}
            me={ctx.me}
            onDone={done}
          />
        )}
        {tool === 'action' && (
          <ActionForm
            spaceDoc={ctx.spaceDoc}
            me={ctx.me}
            people={ctx.people}
            tensionId={tension.id}
            initialTitle={(tension.couldBe || tension.what).slice(0, 200)}
            onDone={done}
          />
        )}
        {tool === 'close' && (
          <CloseTensionForm
            spaceDoc={ctx.spaceDoc}
            tension={tension}
            me={ctx.me.id}
            onDone={done}
          />
        )}
      </article>
    </li>
  );
}
