import { MAX_VERSION_NAME, normalizeVersionName } from '@ronde/domain';
import { useId, useState, type FormEvent } from 'react';
import { ApiError } from '../api/http.ts';
import { useT } from '../i18n/useT.ts';
import { historyApi } from './historyApi.ts';

/**
 * "Name this version": a member names the proposal's current text; the
 * server files it (VERS-5, VERS-6). Bad names are refused here and by the
 * server, and the typed name stays for another try.
 *
 * @example
 * <NameVersionForm spaceId={spaceId} proposalId={proposalId} onSaved={reload} />
 */
export function NameVersionForm({
  spaceId,
  proposalId,
  onSaved,
}: {
  spaceId: string;
  proposalId: string;
  onSaved: (versionId: string) => void;
}) {
  const t = useT();
  const id = useId();
  const [name, setName] = useState('');
  const [state, setState] = useState<
    | { kind: 'idle' | 'busy' }
    | { kind: 'saved'; name: string }
    | { kind: 'error'; key: 'history.name.invalid' | 'history.name.full' | 'history.name.failed' }
  >({ kind: 'idle' });

  const submit = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    const normalized = normalizeVersionName(name);
    if (normalized === null) {
      setState({ kind: 'error', key: 'history.name.invalid' });
      return;
    }
    setState({ kind: 'busy' });
    try {
      const { version } = await historyApi.name(spaceId, proposalId, normalized);
      setName('');
      setState({ kind: 'saved', name: normalized });
      onSaved(version.id);
    } catch (error) {
      const code = error instanceof ApiError ? error.code : '';
      setState({
        kind: 'error',
        key:
          code === 'invalid_name'
            ? 'history.name.invalid'
            : code === 'too_many_versions'
              ? 'history.name.full'
              : 'history.name.failed',
      });
    }
  };

  return (
    <form className="history-name" onSubmit={(event) => void submit(event)}>
      <label htmlFor={`${id}-name`}>{t('history.name.label')}</label>
      <div className="history-name__row">
        <input
          id={`${id}-name`}
          value={name}
          maxLength={MAX_VERSION_NAME * 2}
          placeholder={t('history.name.placeholder')}
          onChange={(event) => setName(event.target.value)}
        />
        <button type="submit" className="button" disabled={state.kind === 'busy'}>
          {state.kind === 'busy' ? t('history.name.saving') : t('history.name.submit')}
        </button>
      </div>
      {state.kind === 'saved' && (
        <p role="status" className="meta">
          {t('history.name.saved', { name: state.name })}
        </p>
      )}
      {state.kind === 'error' && (
        <p role="alert" className="alert alert--inline">
          {t(state.key)}
        </p>
      )}
    </form>
  );
}
