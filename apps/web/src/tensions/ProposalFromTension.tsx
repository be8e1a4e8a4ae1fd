import {
  addProposalSummary,
  initProposal,
  linkTensionToProposal,
  newId,
  proposalFields,
  roomName,
  summarizeProposal,
  DRIVER_MAX,
  TITLE_MAX,
  type Circle,
  type SpaceInfo,
  type Tension,
} from '@ronde/domain';
import { useId, useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router';
import type * as Y from 'yjs';
import { useT } from '../i18n/useT.ts';
import { openDoc } from '../sync/openDoc.ts';
import type { KnownPerson } from './people.ts';

/** The driver a proposal written for a tension starts with: what is, and what could be. */
export function driverOf(tension: Tension, labels: { what: string; couldBe: string }): string {
  const lines = [`${labels.what} ${tension.what}`];
  if (tension.couldBe !== '') lines.push(`${labels.couldBe} ${tension.couldBe}`);
  return lines.join('\n');
}

/**
 * Turns a tension into a proposal (TENSION-3): a new proposal whose driver is
 * the tension, which records `tensionId` in its creation, listed in the
 * space; then the tension is linked to it and the proposal opens.
 */
export function ProposalFromTension({
  space,
  spaceDoc,
  circles,
  tension,
  me,
  onCancel,
}: {
  space: SpaceInfo;
  spaceDoc: Y.Doc;
  circles: readonly Circle[];
  tension: Tension;
  me: KnownPerson;
  onCancel: () => void;
}) {
  const t = useT();
  const id = useId();
  const navigate = useNavigate();
  const [title, setTitle] = useState(tension.what.split('\n')[0]!.slice(0, TITLE_MAX));
  const [circleId, setCircleId] = useState(space.defaultCircleId || circles[0]?.id || '');
  const [error, setError] = useState<string | null>(null);
  const driver = driverOf(tension, {
    what: t('tensions.driver.what'),
    couldBe: t('tensions.driver.couldBe'),
  }).slice(0, DRIVER_MAX);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (title.trim() === '') {
      setError(t('newProposal.titleRequired'));
      return;
    }
    const proposalId = newId();
    const now = Date.now();
    const { room, release } = openDoc(
      roomName({ spaceId: space.id, kind: 'proposal', id: proposalId }),
    );
    try {
      // One update: the proposal's fields are written freely only at its creation (WRITE-7).
      room.doc.transact(() => {
        initProposal(room.doc, {
          id: proposalId,
          spaceId: space.id,
          circleId,
          title,
          driver,
          createdBy: me.name,
          authorId: me.id,
          now,
        });
        proposalFields(room.doc).set('tensionId', tension.id);
      });
      addProposalSummary(spaceDoc, {
        id: proposalId,
        ...summarizeProposal(room.doc, now),
        createdAt: now,
        authorId: me.id,
      });
      // Its own update, after the index entry it points to (WRITE-17).
      linkTensionToProposal(spaceDoc, tension.id, proposalId);
      navigate(`/s/${space.id}/p/${proposalId}`);
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      release();
    }
  };

  return (
    <form className="stack" onSubmit={submit} noValidate aria-labelledby={`${id}-h`}>
      <h3 id={`${id}-h`} className="card__title">
        {t('tensions.toProposal.title')}
      </h3>
      <div className="field">
        <label htmlFor={`${id}-title`}>{t('newProposal.titleLabel')}</label>
        <input
          id={`${id}-title`}
          value={title}
          maxLength={TITLE_MAX}
          onChange={(e) => {
            setTitle(e.target.value);
            setError(null);
          }}
        />
      </div>
      <div className="field">
        <p className="field__label">{t('newProposal.driverLabel')}</p>
        <p className="tension-driver">{driver}</p>
      </div>
      <div className="field">
        <label htmlFor={`${id}-circle`}>{t('newProposal.circle')}</label>
        <select id={`${id}-circle`} value={circleId} onChange={(e) => setCircleId(e.target.value)}>
          {circles.map((c) => (
            <option key={c.id} value={c.id}>
              {c.name}
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
        <button type="button" className="button button--quiet" onClick={onCancel}>
          {t('newProposal.cancel')}
        </button>
        <button type="submit" className="button button--primary">
          {t('newProposal.create')}
        </button>
      </div>
    </form>
  );
}
