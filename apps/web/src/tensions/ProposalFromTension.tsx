import {
  linkTensionToProposal,
  proposalFields,
  DRIVER_MAX,
  TITLE_MAX,
  type Circle,
  type SpaceInfo,
  type Tension,
} from '@ronde/domain';
import { useId, useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router';
import type * as Y from 'yjs';
import { CircleSelect } from '../components/CircleSelect.tsx';
import { FormActions } from '../components/FormActions.tsx';
import { useT } from '../i18n/useT.ts';
import { createProposal } from '../proposal/createProposal.ts';
import type { Person } from './people.ts';

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
  me: Person;
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
    try {
      // The tension goes in with the proposal's creation, its only free write (WRITE-7).
      const proposalId = createProposal(
        spaceDoc,
        {
          spaceId: space.id,
          circleId,
          title,
          driver,
          createdBy: me.name,
          authorId: me.id,
        },
        (doc) => proposalFields(doc).set('tensionId', tension.id),
      );
      // Its own update, after the index entry it points to (WRITE-17).
      linkTensionToProposal(spaceDoc, tension.id, proposalId);
      navigate(`/s/${space.id}/p/${proposalId}`);
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
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
      <CircleSelect
        id={`${id}-circle`}
        label={t('newProposal.circle')}
        circles={circles}
        value={circleId}
        onChange={setCircleId}
      />
      <FormActions
        error={error}
        cancel={t('newProposal.cancel')}
        onCancel={onCancel}
        submit={t('newProposal.create')}
      />
    </form>
  );
}
