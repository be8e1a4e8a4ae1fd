import type { LedgerTotals } from '@ronde/domain';
import { useId } from 'react';
import { useSearchParams } from 'react-router';
import type * as Y from 'yjs';
import { BackLink } from '../components/BackLink.tsx';
import { SpaceDocPage } from '../components/SpaceDocPage.tsx';
import { useLanguage, useT, useTn } from '../i18n/useT.ts';
import { formatSpan, LedgerLineItem } from '../ledger/LedgerLineItem.tsx';
import { useLedger } from '../ledger/useLedger.ts';
import '../ledger/ledger.css';

/** `/s/:spaceId/contributions[?person=<id>]`: the space's contribution ledger, per person. */
export function ContributionsPage() {
  return (
    <SpaceDocPage titleKey="ledger.title" loadingKey="ledger.loading">
      {(space, doc) => <Contributions spaceId={space.id} spaceName={space.name} doc={doc} />}
    </SpaceDocPage>
  );
}

/** The ledger of one space document (exported for its tests). */
export function Contributions({
  spaceId,
  spaceName,
  doc,
}: {
  spaceId: string;
  spaceName: string;
  doc: Y.Doc;
}) {
  const t = useT();
  const id = useId();
  const ledger = useLedger(spaceId, doc);
  const [params, setParams] = useSearchParams();
  const person = params.get('person') ?? '';
  const people = ledger.totals.map((total) => total.person);
  // Names the server knows, then those the records kept (meetings, tensions).
  const kept = new Map<string, string>();
  for (const line of ledger.lines) {
    const byName = line.detail.name;
    if (typeof byName === 'string' && byName) kept.set(line.person, byName);
  }
  const nameOf = (who: string) => ledger.names[who] || kept.get(who) || t('history.someone');
  const lines = person ? ledger.lines.filter((l) => l.person === person) : ledger.lines;
  const totals = person ? ledger.totals.filter((x) => x.person === person) : ledger.totals;
  return (
    <div className="page ledger-page">
      <div className="proposal-top">
        <BackLink to={`/s/${spaceId}`}>{t('ledger.back', { space: spaceName })}</BackLink>
      </div>
      <h1 className="page-title">{t('ledger.title')}</h1>
      <p className="history-intro">{t('ledger.intro', { space: spaceName })}</p>
      <div className="ledger-filter">
        <label htmlFor={`${id}-person`}>{t('ledger.person')}</label>
        <select
          id={`${id}-person`}
          value={person}
          onChange={(event) =>
            setParams(event.target.value ? { person: event.target.value } : {}, { replace: true })
          }
        >
          <option value="">{t('ledger.everyone')}</option>
          {people.map((who) => (
            <option key={who} value={who}>
              {nameOf(who)}
            </option>
          ))}
        </select>
      </div>
      {ledger.written === 'failed' && (
        <p role="alert" className="alert">
          {t('ledger.textFailed')}
        </p>
      )}
      {lines.length === 0 ? (
        <p className="empty">{t('ledger.none')}</p>
      ) : (
        <>
          <section aria-labelledby={`${id}-totals`}>
            <h2 id={`${id}-totals`}>{t('ledger.totals')}</h2>
            <TotalsTable totals={totals} nameOf={nameOf} />
          </section>
          <section aria-labelledby={`${id}-lines`}>
            <h2 id={`${id}-lines`}>{t('ledger.lines')}</h2>
            <ul className="ledger-lines">
              {lines.map((line) => (
                <LedgerLineItem
                  key={`${line.kind}/${line.person}/${line.source.id}`}
                  line={line}
                  spaceId={spaceId}
                  name={nameOf(line.person)}
                />
              ))}
            </ul>
          </section>
        </>
      )}
    </div>
  );
}

function TotalsTable({
  totals,
  nameOf,
}: {
  totals: readonly LedgerTotals[];
  nameOf: (id: string) => string;
}) {
  const t = useT();
  const tn = useTn();
  const number = new Intl.NumberFormat(useLanguage());
  return (
    // A focusable region: keyboard users can scroll the table sideways at phone width.
    <div className="ledger-scroll" role="region" aria-label={t('ledger.totalsRegion')} tabIndex={0}>
      <table className="ledger-table">
        <thead>
          <tr>
            <th scope="col">{t('ledger.col.person')}</th>
            <th scope="col">{t('ledger.col.written')}</th>
            <th scope="col">{t('ledger.col.adopted')}</th>
            <th scope="col">{t('ledger.col.tensions')}</th>
            <th scope="col">{t('ledger.col.objections')}</th>
            <th scope="col">{t('ledger.col.meetings')}</th>
            <th scope="col">{t('ledger.col.spoken')}</th>
            <th scope="col">{t('ledger.col.roles')}</th>
            <th scope="col">{t('ledger.col.roleTime')}</th>
          </tr>
        </thead>
        <tbody>
          {totals.map((row) => (
            <tr key={row.person}>
              <th scope="row">{nameOf(row.person)}</th>
              <td>{number.format(row.charsWritten)}</td>
              <td>{number.format(row.charsAdopted)}</td>
              <td>{number.format(row.tensionsRaised)}</td>
              <td>{number.format(row.objectionsIntegrated)}</td>
              <td>{number.format(row.meetingsAttended)}</td>
              <td>{formatSpan(tn, row.spokenMs)}</td>
              <td>{number.format(row.rolesFilled)}</td>
              <td>{formatSpan(tn, row.roleMs)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
