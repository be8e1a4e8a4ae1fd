import type { LedgerLine } from '@ronde/domain';
import { Link } from 'react-router';
import { useT, useTn } from '../i18n/useT.ts';
import type { TranslatePlural } from '../i18n/useT.ts';

/** Milliseconds as whole minutes (at least 1 when any), or days past 48 hours. */
export function formatSpan(tn: TranslatePlural, ms: number): string {
  if (ms >= 48 * 3_600_000) return tn('ledger.days', Math.floor(ms / 86_400_000));
  return tn('ledger.minutes', ms === 0 ? 0 : Math.max(1, Math.round(ms / 60_000)));
}

/** Where a line's source lives in the app. */
function sourcePath(spaceId: string, line: LedgerLine): string {
  const { type, id } = line.source;
  switch (type) {
    case 'proposal':
      return `/s/${spaceId}/p/${id}/history`;
    case 'decision':
      return `/s/${spaceId}/decisions#decision-${id}`;
    case 'meeting':
      return `/s/${spaceId}/m/${id}`;
    case 'tension':
      return `/s/${spaceId}/tensions`;
    case 'role':
      return `/s/${spaceId}/governance`;
  }
}

/**
 * One ledger line as a sentence, its source a link; a tension says what it
 * became (LEDGER-2).
 *
 * @example
 * <LedgerLineItem line={line} spaceId={spaceId} name={nameOf(line.person)} />
 */
export function LedgerLineItem({
  line,
  spaceId,
  name,
}: {
  line: LedgerLine;
  spaceId: string;
  name: string;
}) {
  const t = useT();
  const tn = useTn();
  const title = line.source.title.trim() || t('ledger.untitled');
  const source = <Link to={sourcePath(spaceId, line)}>{title}</Link>;
  const template = t(`ledger.line.${line.kind}`, {
    name,
    chars: tn('history.chars', line.amount),
    time: formatSpan(tn, line.amount),
    source: '\u0000',
  });
  const [before, after] = template.split('\u0000');
  const chain: string[] = [];
  if (line.kind === 'tension-raised') {
    const { proposalTitle, outcome, recordsChanged } = line.detail;
    if (typeof proposalTitle === 'string') {
      chain.push(t('ledger.chain.proposal', { title: proposalTitle || t('ledger.untitled') }));
    }
    if (typeof outcome === 'string') {
      chain.push(
        t('ledger.chain.decision', {
          outcome: t(`decisions.outcome.${outcome as 'adopted'}`),
        }),
      );
    }
    if (typeof recordsChanged === 'number' && recordsChanged > 0) {
      chain.push(tn('ledger.chain.records', recordsChanged));
    }
  }
  return (
    <li className="ledger-line">
      {before}
      {source}
      {after}
      {chain.length > 0 && <span className="meta"> — {chain.join(' → ')}</span>}
    </li>
  );
}
