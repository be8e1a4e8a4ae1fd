import { DRIVER_MAX, TITLE_MAX, type Circle, type SpaceInfo } from '@ronde/domain';
import { useId, useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router';
import type * as Y from 'yjs';
import { useT } from '../i18n/useT.ts';
import { createProposal } from '../proposal/createProposal.ts';
import { useSession } from '../state/session.ts';
import { CircleSelect } from './CircleSelect.tsx';
import { FormActions } from './FormActions.tsx';
import { FormCard } from './FormCard.tsx';

/**
 * Starts a proposal: this device, its creator, writes the new proposal
 * document (a fresh id, so nobody else can have written it) and lists it in
 * the space, then opens it.
 */
export function NewProposalForm({
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
  const author = useSession((s) => s.name);
  // The author's user id makes them the proposal's proposer (domain PROP-6).
  const authorId = useSession((s) => s.memberships[space.id]?.userId ?? '');
  const [title, setTitle] = useState('');
  const [driver, setDriver] = useState('');
  const [circleId, setCircleId] = useState(space.defaultCircleId || circles[0]?.id || '');
  const [error, setError] = useState<string | null>(null);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!title.trim()) {
      setError(t('newProposal.titleRequired'));
      return;
    }
    try {
      const proposalId = createProposal(spaceDoc, {
        spaceId: space.id,
        circleId,
        title,
        driver: driver.trim(),
        createdBy: author,
        authorId,
      });
      navigate(`/s/${space.id}/p/${proposalId}`);
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  };

  return (
    <FormCard id={id} title={t('newProposal.title')} onSubmit={submit}>
      <div className="field">
        <label htmlFor={`${id}-title`}>{t('newProposal.titleLabel')}</label>
        <input
          id={`${id}-title`}
          value={title}
          maxLength={TITLE_MAX}
          autoFocus
          onChange={(e) => {
            setTitle(e.target.value);
            setError(null);
          }}
        />
      </div>
      <div className="field">
        <label htmlFor={`${id}-driver`}>{t('newProposal.driverLabel')}</label>
        <textarea
          id={`${id}-driver`}
          value={driver}
          rows={3}
          maxLength={DRIVER_MAX}
          aria-describedby={`${id}-driver-hint`}
          onChange={(e) => setDriver(e.target.value)}
        />
        <p id={`${id}-driver-hint`} className="hint">
          {t('newProposal.driverHint')}
        </p>
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
    </FormCard>
  );
}
