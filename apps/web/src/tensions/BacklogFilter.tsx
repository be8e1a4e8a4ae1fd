import type { MessageKey } from '../i18n/en.ts';
import { useT } from '../i18n/useT.ts';
import type { Backlog } from './BacklogTop.tsx';

/** Which items a backlog shows: those still to see to, one's own, or all. */
export type BacklogShown = 'open' | 'mine' | 'all';

const LABELS = {
  tensions: {
    label: 'tensions.filter',
    open: 'tensions.filter.open',
    mine: 'tensions.filter.mine',
    all: 'tensions.filter.all',
  },
  actions: {
    label: 'actions.filter',
    open: 'actions.filter.open',
    mine: 'actions.filter.mine',
    all: 'actions.filter.all',
  },
} as const satisfies Record<Backlog, Record<BacklogShown | 'label', MessageKey>>;

/**
 * The "show" field above a backlog's list, in the words of that backlog
 * (what "open" and "mine" mean differs between tensions and actions).
 *
 * @example
 * <BacklogFilter id={`${id}-filter`} backlog="actions" value={filter} onChange={setFilter} />
 */
export function BacklogFilter({
  id,
  backlog,
  value,
  onChange,
}: {
  id: string;
  backlog: Backlog;
  value: BacklogShown;
  onChange: (shown: BacklogShown) => void;
}) {
  const t = useT();
  const labels = LABELS[backlog];
  return (
    <div className="field backlog__filter">
      <label htmlFor={id}>{t(labels.label)}</label>
      <select id={id} value={value} onChange={(e) => onChange(e.target.value as BacklogShown)}>
        <option value="open">{t(labels.open)}</option>
        <option value="mine">{t(labels.mine)}</option>
        <option value="all">{t(labels.all)}</option>
      </select>
    </div>
  );
}
