import type { ChangeDiff, GovernanceChange } from '@ronde/domain';
import { useId, type ReactNode } from 'react';
import { changeTitle, conflictText, diffLines, type Naming } from './changeText.ts';

/**
 * One structured change as a readable diff against the records as they are:
 * what it does, each field before → after, and why it cannot apply now.
 * `children` are the change's controls (edit, remove) when it is editable.
 */
export function ChangeDiffView({
  naming,
  change,
  diff,
  children,
}: {
  naming: Naming;
  change: GovernanceChange;
  diff: ChangeDiff | null;
  children?: ReactNode;
}) {
  const id = useId();
  const { t } = naming;
  const title = changeTitle(naming, change);
  const lines = diff ? diffLines(naming, diff.fields, diff.type) : [];
  return (
    <li
      className={`gov-change${diff?.conflict ? ' gov-change--conflict' : ''}`}
      aria-labelledby={`${id}-title`}
    >
      <h4 id={`${id}-title`} className="gov-change__title">
        {title}
      </h4>
      {lines.length > 0 && (
        <dl className="gov-diff">
          {lines.map((line) => (
            <div key={line.key} className="gov-diff__line">
              <dt>{line.label}</dt>
              <dd>
                {line.before !== null && (
                  <del className="gov-diff__before">
                    <span className="visually-hidden">{t('gov.diff.before')} </span>
                    {line.before}
                  </del>
                )}
                {line.before !== null && line.after !== null && (
                  <span aria-hidden="true" className="gov-diff__arrow">
                    {' → '}
                  </span>
                )}
                {line.after !== null && (
                  <ins className="gov-diff__after">
                    <span className="visually-hidden">{t('gov.diff.after')} </span>
                    {line.after}
                  </ins>
                )}
              </dd>
            </div>
          ))}
        </dl>
      )}
      {diff?.conflict && (
        <p className="gov-change__conflict">
          <strong>{t('gov.conflict.label')}</strong> {conflictText(naming, diff.conflict)}
        </p>
      )}
      {children}
    </li>
  );
}
