import { isId, spaceProposals, type VersionMeta } from '@ronde/domain';
import { useCallback, useId, useMemo, useState, type FormEvent } from 'react';
import { useParams } from 'react-router';
import { BackLink } from '../components/BackLink.tsx';
import { Loading } from '../components/Loading.tsx';
import { SpaceDocPage } from '../components/SpaceDocPage.tsx';
import { CommonsExport } from '../commons/CommonsExport.tsx';
import { AuthoredText } from '../history/AuthoredText.tsx';
import { authorName } from '../history/authorName.ts';
import { historyApi, type Names } from '../history/historyApi.ts';
import { NameVersionForm } from '../history/NameVersionForm.tsx';
import { useLoaded } from '../history/useHistory.ts';
import { VersionDiffView } from '../history/VersionDiffView.tsx';
import { versionLabel } from '../history/versionLabel.ts';
import { formatDateTime } from '../i18n/formatTime.ts';
import { useLanguage, useT } from '../i18n/useT.ts';
import { NotFoundPage } from './NotFoundPage.tsx';
import '../history/history.css';

/** `/s/:spaceId/p/:proposalId/history`: a proposal's versions, who wrote what, and what changed. */
export function ProposalHistoryPage() {
  const { proposalId = '' } = useParams();
  const t = useT();
  if (!isId(proposalId)) return <NotFoundPage message={t('proposal.notFound')} />;
  return (
    <SpaceDocPage titleKey="history.pageTitle" loadingKey="history.loading">
      {(space, doc) => (
        <ProposalHistory
          spaceId={space.id}
          proposalId={proposalId}
          title={String(spaceProposals(doc).get(proposalId)?.get('title') ?? '')}
        />
      )}
    </SpaceDocPage>
  );
}

function ProposalHistory({
  spaceId,
  proposalId,
  title,
}: {
  spaceId: string;
  proposalId: string;
  title: string;
}) {
  const t = useT();
  const [list, reload] = useLoaded(
    useCallback(() => historyApi.list(spaceId, proposalId), [spaceId, proposalId]),
  );
  const [selected, setSelected] = useState<string | null>(null);
  const versions = list?.status === 'ready' ? list.value.versions : [];
  const shown = selected ?? versions.at(-1)?.id ?? null;

  return (
    <div className="page history-page">
      <div className="proposal-top">
        <BackLink to={`/s/${spaceId}/p/${proposalId}`}>{t('history.back')}</BackLink>
      </div>
      <h1 className="page-title">
        {title ? t('history.title', { title }) : t('history.pageTitle')}
      </h1>
      <p className="history-intro">{t('history.intro')}</p>
      <NameVersionForm
        spaceId={spaceId}
        proposalId={proposalId}
        onSaved={(id) => {
          setSelected(id);
          reload();
        }}
      />
      {list === null || list.status === 'loading' ? (
        <Loading message={t('history.loading')} />
      ) : list.status === 'error' ? (
        <p role="alert" className="alert">
          {t('history.failed')}{' '}
          <button type="button" className="button button--quiet" onClick={reload}>
            {t('history.retry')}
          </button>
        </p>
      ) : (
        <div className="history-layout">
          <section className="history-versions" aria-labelledby="history-versions">
            <h2 id="history-versions">{t('history.versions')}</h2>
            {versions.length === 0 ? (
              <p className="empty">{t('history.none')}</p>
            ) : (
              <VersionList
                versions={versions}
                names={list.value.names}
                shown={shown}
                onShow={setSelected}
              />
            )}
          </section>
          {shown !== null && (
            <VersionPanel spaceId={spaceId} proposalId={proposalId} versionId={shown} />
          )}
          {versions.length >= 2 && (
            <ComparePanel spaceId={spaceId} proposalId={proposalId} versions={versions} />
          )}
        </div>
      )}
    </div>
  );
}

function VersionList({
  versions,
  names,
  shown,
  onShow,
}: {
  versions: readonly VersionMeta[];
  names: Names;
  shown: string | null;
  onShow: (id: string) => void;
}) {
  const t = useT();
  const language = useLanguage();
  return (
    <ol className="history-list" reversed>
      {[...versions].reverse().map((version) => {
        const label = versionLabel(t, version);
        return (
          <li key={version.id} className="history-list__item">
            <button
              type="button"
              className="button button--quiet history-list__button"
              aria-pressed={version.id === shown}
              aria-label={t('history.view', { version: label })}
              onClick={() => onShow(version.id)}
            >
              <strong>{label}</strong>
            </button>
            <span className="meta">
              {version.kind === 'named'
                ? t('history.byMember', { name: authorName(t, names, version.by) })
                : `${t(`history.kind.${version.kind}`)} · ${t('history.byServer')}`}
              {' · '}
              <time dateTime={new Date(version.at).toISOString()}>
                {formatDateTime(language, version.at)}
              </time>
            </span>
          </li>
        );
      })}
    </ol>
  );
}

function VersionPanel({
  spaceId,
  proposalId,
  versionId,
}: {
  spaceId: string;
  proposalId: string;
  versionId: string;
}) {
  const t = useT();
  const [view] = useLoaded(
    useCallback(
      () => historyApi.view(spaceId, proposalId, versionId),
      [spaceId, proposalId, versionId],
    ),
  );
  return (
    <section className="history-view" aria-labelledby="history-view">
      {view?.status === 'ready' ? (
        <>
          <h2 id="history-view">
            {t('history.viewing')}
            {t('text.colon')}
            {versionLabel(t, view.value.version)}
          </h2>
          <CommonsExport
            spaceId={spaceId}
            target={{ kind: 'proposal', id: proposalId, version: versionId }}
            name={versionLabel(t, view.value.version)}
          />
          <AuthoredText view={view.value} />
        </>
      ) : (
        <>
          <h2 id="history-view">{t('history.viewing')}</h2>
          {view?.status === 'error' ? (
            <p role="alert" className="alert">
              {t('history.failed')}
            </p>
          ) : (
            <Loading message={t('history.loading')} />
          )}
        </>
      )}
    </section>
  );
}

function ComparePanel({
  spaceId,
  proposalId,
  versions,
}: {
  spaceId: string;
  proposalId: string;
  versions: readonly VersionMeta[];
}) {
  const t = useT();
  const id = useId();
  const [chosenFrom, setFrom] = useState('');
  const [chosenTo, setTo] = useState('');
  const [pair, setPair] = useState<[string, string] | null>(null);
  // Until chosen (or when a choice is gone), the two latest versions.
  const known = (versionId: string) => versions.some((v) => v.id === versionId);
  const from = known(chosenFrom) ? chosenFrom : (versions.at(-2)?.id ?? '');
  const to = known(chosenTo) ? chosenTo : (versions.at(-1)?.id ?? '');
  const load = useMemo(
    () => (pair === null ? null : () => historyApi.diff(spaceId, proposalId, pair[0], pair[1])),
    [spaceId, proposalId, pair],
  );
  const [answer] = useLoaded(load);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setPair([from, to]);
  };
  const options = versions.map((version) => (
    <option key={version.id} value={version.id}>
      {versionLabel(t, version)}
    </option>
  ));
  return (
    <section className="history-compare" aria-labelledby={`${id}-compare`}>
      <h2 id={`${id}-compare`}>{t('history.compare')}</h2>
      <form className="history-compare__form" onSubmit={submit}>
        <label htmlFor={`${id}-from`}>{t('history.from')}</label>
        <select id={`${id}-from`} value={from} onChange={(e) => setFrom(e.target.value)}>
          {options}
        </select>
        <label htmlFor={`${id}-to`}>{t('history.to')}</label>
        <select id={`${id}-to`} value={to} onChange={(e) => setTo(e.target.value)}>
          {options}
        </select>
        <button type="submit" className="button">
          {t('history.compareSubmit')}
        </button>
      </form>
      {answer?.status === 'ready' && <VersionDiffView answer={answer.value} />}
      {answer?.status === 'loading' && <Loading message={t('history.loading')} />}
      {answer?.status === 'error' && (
        <p role="alert" className="alert">
          {t('history.failed')}
        </p>
      )}
    </section>
  );
}
