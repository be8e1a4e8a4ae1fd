import {
  circleMembersAt,
  entriesToReview,
  inPeriod,
  isCircleMember,
  rolesOf,
  timeBalances,
  timeBankCsv,
  timeEntriesCsv,
  type Period,
  type TimeEntry,
  type WorkFields,
  type WorkKind,
} from '@ronde/domain';
import { useId, useMemo, useRef, useState } from 'react';
import type * as Y from 'yjs';
import { BackLink } from '../components/BackLink.tsx';
import { CircleSelect } from '../components/CircleSelect.tsx';
import { SpaceDocPage } from '../components/SpaceDocPage.tsx';
import { localDate } from '../decisions/filterDecisions.ts';
import { useParticipation } from '../equity/ParticipationOverview.tsx';
import { useKnownPeople } from '../governance/useGovernance.ts';
import { useCircles } from '../hooks/useCircles.ts';
import { useNow } from '../hooks/useNow.ts';
import { useProposals } from '../hooks/useProposals.ts';
import { useT, useTn } from '../i18n/useT.ts';
import { useAccess } from '../state/useAccess.ts';
import { useMembership } from '../state/useIdentity.ts';
import { BalanceChart } from '../timeBank/BalanceChart.tsx';
import { BalanceTable } from '../timeBank/BalanceTable.tsx';
import { downloadText } from '../timeBank/downloadText.ts';
import { EntryCard, type EntryActions } from '../timeBank/EntryCard.tsx';
import {
  PERIOD_PRESETS,
  presetOf,
  presetPeriod,
  type PeriodPreset,
} from '../timeBank/periodPresets.ts';
import { submitTimeEvent } from '../timeBank/submitTimeEvent.ts';
import { useTimeBank } from '../timeBank/useTimeBank.ts';
import { WorkForm, type WorkRecord } from '../timeBank/WorkForm.tsx';
import '../timeBank/timeBank.css';

/** `/s/:spaceId/time`: the time bank — declare, review, balances, chart, CSV. */
export function TimeBankPage() {
  return (
    <SpaceDocPage titleKey="timeBank.title" loadingKey="timeBank.loading">
      {(space, doc) => <TimeBank spaceId={space.id} spaceName={space.name} spaceDoc={doc} />}
    </SpaceDocPage>
  );
}

/** The time bank of a loaded space document. */
export function TimeBank({
  spaceId,
  spaceName,
  spaceDoc,
}: {
  spaceId: string;
  spaceName: string;
  spaceDoc: Y.Doc;
}) {
  const t = useT();
  const tn = useTn();
  const id = useId();
  const me = useMembership(spaceId)?.userId ?? '';
  const access = useAccess(spaceId);
  const circles = useCircles(spaceDoc);
  const participation = useParticipation(spaceDoc);
  const { entries, roster } = useTimeBank(spaceDoc);
  const known = useKnownPeople(spaceDoc);
  const proposals = useProposals(spaceDoc);
  // Subjects to pick from: the space's proposals, the circle's roles (typed freely otherwise).
  const suggest = (kind: WorkKind, circle: string): readonly string[] =>
    kind === 'proposal'
      ? proposals.map((p) => p.title).filter(Boolean)
      : kind === 'role'
        ? rolesOf(spaceDoc, circle).map((r) => r.name)
        : [];
  const now = useNow();
  const today = localDate(now);
  // What role or proposal work names, with its circle (TIME-1, TIMESRV-7).
  const records = (kind: 'role' | 'proposal'): readonly WorkRecord[] =>
    kind === 'proposal'
      ? proposals
          .filter((p) => p.title)
          .map((p) => ({
            id: p.id,
            name: p.title,
            label: `${p.title} — ${circleName(p.circleId)}`,
            circleId: p.circleId,
          }))
      : circles.flatMap((c) =>
          rolesOf(spaceDoc, c.id).map((r) => ({
            id: r.id,
            name: r.name,
            label: `${r.name} — ${c.name}`,
            circleId: c.id,
          })),
        );
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [circleId, setCircleId] = useState('');
  const [declaring, setDeclaring] = useState(false);
  // Once the form closes (declared or cancelled), focus goes back to the
  // button that opened it rather than to the page.
  const refocusOpen = useRef(false);
  const closeForm = () => {
    refocusOpen.current = true;
    setDeclaring(false);
  };
  const [notice, setNotice] = useState('');
  const period: Period = useMemo(() => ({ from: from || null, to: to || null }), [from, to]);
  const balances = useMemo(
    () =>
      timeBalances({
        entries,
        participation,
        period,
        circleId: circleId || null,
        utcOffsetMinutes: -new Date().getTimezoneOffset(),
      }),
    [entries, participation, period, circleId],
  );
  const toReview = entriesToReview(entries, me, roster, now);
  const circleName = (cid: string): string => circles.find((c) => c.id === cid)?.name ?? '';
  // Names of the people who can confirm: the decision log's, then the time bank's.
  const nameOf = (person: string): string =>
    known[person] ??
    entries.find((e) => e.declarer === person)?.declarerName ??
    entries.find((e) => e.confirmedBy?.id === person)?.confirmedBy?.name ??
    t('meeting.unnamed');
  // What the declarer of a pending entry is told: who can confirm it (TIME-12).
  const reviewersOf = (entry: TimeEntry): string => {
    const members = circleMembersAt(roster, entry.circleId, now);
    if (members === 'everyone') return t('timeBank.reviewers.anyone');
    const others = members.filter((m) => m !== entry.declarer);
    const circle = circleName(entry.circleId);
    if (others.length === 0) return t('timeBank.reviewers.none', { circle });
    return tn('timeBank.reviewers.some', others.length, {
      names: others.map(nameOf).join(', '),
      circle,
    });
  };
  // Whether an entry falls in the chosen period and circle (the balances' filters).
  const chosen = (e: TimeEntry): boolean =>
    inPeriod(e.workedOn, period) && (!circleId || e.circleId === circleId);
  const reviewing = new Set(toReview.map((e) => e.id));
  // Everything else in the period: one's own, the confirmed, the disputed (TIME-4: shown).
  const shown = entries
    .filter((e) => !reviewing.has(e.id))
    .filter(chosen)
    .slice()
    .reverse();
  const inCircle = (entry: TimeEntry): boolean => isCircleMember(roster, me, entry.circleId, now);
  const preset = presetOf(period, today);
  const choosePreset = (value: PeriodPreset) => {
    const next = presetPeriod(value, today);
    setFrom(next.from ?? '');
    setTo(next.to ?? '');
  };

  const actions: EntryActions = {
    confirm: async (entry: TimeEntry) => {
      await submitTimeEvent(spaceId, { type: 'time.confirm', entryId: entry.id });
      setNotice(t('timeBank.notice.confirmed'));
    },
    dispute: async (entry: TimeEntry, reason: string) => {
      await submitTimeEvent(spaceId, { type: 'time.dispute', entryId: entry.id, reason });
      setNotice(t('timeBank.notice.disputed'));
    },
    amend: async (entry: TimeEntry, fields: WorkFields) => {
      await submitTimeEvent(spaceId, { type: 'time.amend', entryId: entry.id, ...fields });
      setNotice(t('timeBank.notice.amended'));
    },
  };
  const declare = async (fields: WorkFields) => {
    await submitTimeEvent(spaceId, { type: 'time.declare', ...fields });
    closeForm();
    setNotice(t('timeBank.notice.declared'));
  };
  // A list of entry cards: the two lists differ only in whether `me` is in each entry's
  // circle and whether its declarer is told who can confirm it.
  const entryCards = (
    list: readonly TimeEntry[],
    review: (entry: TimeEntry) => { inCircle: boolean; reviewers?: string },
  ) => (
    <div className="time-bank__entries">
      {list.map((entry) => (
        <EntryCard
          key={entry.id}
          entry={entry}
          me={me}
          readOnly={access.readOnly}
          circles={circles}
          actions={actions}
          suggest={suggest}
          anchorId={roster.anchorId}
          records={records}
          {...review(entry)}
        />
      ))}
    </div>
  );
  const downloadCsv = () => {
    const csv = timeBankCsv(balances, period, circleName);
    // A byte-order mark, so spreadsheets read the names as UTF-8.
    downloadText(
      `time-bank-${spaceId}-${from || 'start'}-${to || today}.csv`,
      `\ufeff${csv}`,
      'text/csv',
    );
  };
  // Every entry of the period and circle, oldest declared first (TIME-13).
  const downloadEntriesCsv = () => {
    downloadText(
      `time-entries-${spaceId}-${from || 'start'}-${to || today}.csv`,
      `\ufeff${timeEntriesCsv(entries.filter(chosen), circleName)}`,
      'text/csv',
    );
  };

  return (
    <div className="page time-bank">
      <div className="proposal-top">
        <BackLink to={`/s/${spaceId}`}>{t('timeBank.back', { space: spaceName })}</BackLink>
      </div>
      <h1 className="page-title">{t('timeBank.title')}</h1>
      <p className="time-bank__intro">{t('timeBank.intro')}</p>
      <p role="status" className="meta">
        {notice}
      </p>

      <section aria-labelledby={`${id}-declare`} className="time-bank__section">
        <h2 id={`${id}-declare`}>{t('timeBank.declare.title')}</h2>
        {access.readOnly ? (
          <p className="meta">{t('timeBank.readOnly')}</p>
        ) : declaring ? (
          <WorkForm
            circles={circles}
            initial={{
              minutes: 60,
              workedOn: today,
              kind: 'project',
              subject: '',
              circleId: circles[0]?.id ?? '',
              note: '',
            }}
            title={t('timeBank.declare.title')}
            submitLabel={t('timeBank.declare.send')}
            onSubmit={declare}
            onCancel={closeForm}
            suggest={suggest}
            anchorId={roster.anchorId}
            records={records}
          />
        ) : (
          <button
            ref={(button) => {
              if (button && refocusOpen.current) {
                refocusOpen.current = false;
                button.focus();
              }
            }}
            type="button"
            className="button button--primary"
            onClick={() => {
              setNotice('');
              setDeclaring(true);
            }}
          >
            {t('timeBank.declare.open')}
          </button>
        )}
      </section>

      <section aria-labelledby={`${id}-review`} className="time-bank__section">
        <h2 id={`${id}-review`}>{t('timeBank.review.title')}</h2>
        {toReview.length === 0 ? (
          <p className="empty">{t('timeBank.review.empty')}</p>
        ) : (
          <>
            <p className="meta">{tn('timeBank.review.count', toReview.length)}</p>
            {/* Entries to review are in one's own circles (TIME-12). */}
            {entryCards(toReview, () => ({ inCircle: true }))}
          </>
        )}
      </section>

      <section aria-labelledby={`${id}-balances`} className="time-bank__section">
        <h2 id={`${id}-balances`}>{t('timeBank.balances.title')}</h2>
        <div className="time-bank__filters" role="group" aria-label={t('timeBank.period')}>
          <div className="field">
            <label htmlFor={`${id}-preset`}>{t('timeBank.preset')}</label>
            <select
              id={`${id}-preset`}
              value={preset}
              onChange={(e) => {
                if (e.target.value !== 'custom') choosePreset(e.target.value as PeriodPreset);
              }}
            >
              {PERIOD_PRESETS.map((p) => (
                <option key={p} value={p}>
                  {t(`timeBank.preset.${p}`)}
                </option>
              ))}
              <option value="custom" disabled={preset !== 'custom'}>
                {t('timeBank.preset.custom')}
              </option>
            </select>
          </div>
          <div className="field">
            <label htmlFor={`${id}-from`}>{t('timeBank.from')}</label>
            <input
              id={`${id}-from`}
              type="date"
              value={from}
              max={to || undefined}
              onChange={(e) => setFrom(e.target.value)}
            />
          </div>
          <div className="field">
            <label htmlFor={`${id}-to`}>{t('timeBank.to')}</label>
            <input
              id={`${id}-to`}
              type="date"
              value={to}
              min={from || undefined}
              onChange={(e) => setTo(e.target.value)}
            />
          </div>
          <CircleSelect
            id={`${id}-circle`}
            label={t('timeBank.circleFilter')}
            circles={circles}
            value={circleId}
            onChange={setCircleId}
            anyLabel={t('timeBank.allCircles')}
          />
        </div>
        {balances.people.length === 0 ? (
          <p className="empty">{t('timeBank.balances.empty')}</p>
        ) : (
          <>
            <BalanceChart people={balances.people} />
            <BalanceTable balances={balances} circles={circles} />
            <button type="button" className="button" onClick={downloadCsv}>
              {t('timeBank.csv')}
            </button>
          </>
        )}
        {entries.some(chosen) && (
          <button type="button" className="button" onClick={downloadEntriesCsv}>
            {t('timeBank.csvEntries')}
          </button>
        )}
      </section>

      <section aria-labelledby={`${id}-entries`} className="time-bank__section">
        <h2 id={`${id}-entries`}>{t('timeBank.entries.title')}</h2>
        {shown.length === 0 ? (
          <p className="empty">{t('timeBank.entries.empty')}</p>
        ) : (
          entryCards(shown, (entry) => ({
            inCircle: inCircle(entry),
            reviewers: reviewersOf(entry),
          }))
        )}
      </section>
    </div>
  );
}
