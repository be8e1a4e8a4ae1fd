import { useId, useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { useT } from '../i18n/useT.ts';
import { useSession } from '../state/session.ts';
import { rememberCreatedSpace } from '../state/rememberCreatedSpace.ts';
import { formatNames } from '../decisions/formatDecision.ts';
import { useLanguage } from '../i18n/useT.ts';
import {
  ImportError,
  importBackup,
  type FormerMember,
  type ImportFailure,
  type ImportProblem,
} from './importBackup.ts';

/** What each kind of problem the server found means, in the reader's language (BACKUP-7). */
const PROBLEMS: Record<ImportProblem, Parameters<ReturnType<typeof useT>>[0]> = {
  format: 'backup.import.problem.format',
  document: 'backup.import.problem.document',
  state: 'backup.import.problem.state',
  record: 'backup.import.problem.record',
  member: 'backup.import.problem.member',
  key: 'backup.import.problem.key',
  event: 'backup.import.problem.event',
  'not-signed': 'backup.import.problem.notSigned',
  'foreign-key': 'backup.import.problem.foreignKey',
  signature: 'backup.import.problem.signature',
};

const FAILURES: Record<ImportFailure, Parameters<ReturnType<typeof useT>>[0]> = {
  'not-json': 'backup.import.error.notJson',
  'too-large': 'backup.import.error.tooLarge',
  invalid: 'backup.import.error.invalid',
  'bad-signature': 'backup.import.error.signature',
  exists: 'backup.import.error.exists',
  forbidden: 'backup.import.error.forbidden',
  network: 'backup.import.error.network',
  other: 'backup.import.error.other',
};

/**
 * The home page's import of a space from a backup file (server SPEC
 * BACKUP-4, BACKUP-5): the importer becomes its admin here and re-invites
 * the others; a refused file says why and nothing is created.
 */
export function ImportSpaceCard() {
  const t = useT();
  const id = useId();
  const language = useLanguage();
  const myName = useSession((s) => s.name);
  const [name, setName] = useState(myName);
  const [file, setFile] = useState<File | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');
  const [imported, setImported] = useState<{
    id: string;
    name: string;
    former: readonly FormerMember[];
  } | null>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!file) return setError(t('backup.import.error.noFile'));
    if (!name.trim()) return setError(t('backup.import.error.noName'));
    setBusy(true);
    setError('');
    try {
      const space = await importBackup(await file.text(), name.trim());
      const session = useSession.getState();
      if (!session.name) session.setName(name);
      rememberCreatedSpace(space);
      setImported({ id: space.id, name: space.name, former: space.formerMembers });
      setBusy(false);
    } catch (e) {
      const failure = e instanceof ImportError ? e.failure : 'other';
      // The server's problem, worded here; the place in the file as it names it.
      const problem =
        e instanceof ImportError && e.problem
          ? ` ${t(PROBLEMS[e.problem], { where: e.where || '—' })}`
          : '';
      setError(`${t(FAILURES[failure])}${problem}`);
      setBusy(false);
    }
  };

  return (
    <section className="card" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`} className="card__title">
        {t('backup.import.title')}
      </h2>
      <p className="hint">{t('backup.import.intro')}</p>
      {imported && (
        <div role="status" className="stack">
          <p>{t('backup.import.done', { space: imported.name })}</p>
          {imported.former.length > 0 && (
            <p>
              {t('backup.import.reinvite', {
                names: formatNames(
                  language,
                  imported.former.map((m) => m.name || t('meeting.unnamed')),
                ),
              })}
            </p>
          )}
          <p>
            <Link to={`/s/${imported.id}`} className="button button--primary">
              {t('backup.import.open', { space: imported.name })}
            </Link>
          </p>
        </div>
      )}
      <form onSubmit={(e) => void submit(e)} noValidate className="stack">
        <div className="field">
          <label htmlFor={`${id}-file`}>{t('backup.import.file')}</label>
          <input
            id={`${id}-file`}
            type="file"
            accept="application/json,.json"
            onChange={(e) => setFile(e.target.files?.[0] ?? null)}
          />
        </div>
        <div className="field">
          <label htmlFor={`${id}-name`}>{t('backup.import.name')}</label>
          <input
            id={`${id}-name`}
            value={name}
            maxLength={60}
            autoComplete="name"
            onChange={(e) => setName(e.target.value)}
          />
        </div>
        {error && (
          <p role="alert" className="alert">
            {error}
          </p>
        )}
        <div>
          <button type="submit" className="button" disabled={busy}>
            {busy ? t('backup.import.busy') : t('backup.import.submit')}
          </button>
        </div>
      </form>
    </section>
  );
}
