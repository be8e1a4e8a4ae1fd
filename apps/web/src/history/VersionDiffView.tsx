import { VERSION_SECTIONS, type DiffBlock } from '@ronde/domain';
import { useT, useTn } from '../i18n/useT.ts';
import { authorName } from './authorName.ts';
import type { Names, VersionDiffView as DiffAnswer } from './historyApi.ts';

/**
 * The changes between two versions, per passage: insertions as `<ins>`
 * (underlined), deletions as `<del>` (struck through), each introduced by
 * hidden text naming what happened and who wrote it, so nothing rests on
 * colour alone; a summary counts both.
 *
 * @example
 * <VersionDiffView answer={answer} />
 */
export function VersionDiffView({ answer }: { answer: DiffAnswer }) {
  const t = useT();
  const tn = useTn();
  const { counts } = answer.diff;
  return (
    <div className="history-diff">
      <p className="history-diff__summary" role="status">
        {counts.inserted === 0 && counts.deleted === 0
          ? t('history.noChange')
          : `${tn('history.insertedCount', counts.inserted)} · ${tn('history.deletedCount', counts.deleted)}`}
      </p>
      <p className="meta">{t('history.legend')}</p>
      {VERSION_SECTIONS.map((section) =>
        answer.diff.sections[section].length === 0 ? null : (
          <section
            key={section}
            className="history-section"
            aria-label={t(`history.section.${section}`)}
          >
            <h4 className="history-section__title">{t(`history.section.${section}`)}</h4>
            {answer.diff.sections[section].map((block, index) => (
              <DiffParagraph key={index} block={block} names={answer.names} />
            ))}
          </section>
        ),
      )}
    </div>
  );
}

function DiffParagraph({ block, names }: { block: DiffBlock; names: Names }) {
  const t = useT();
  return (
    <p className={`history-block history-block--${block.op}`}>
      {block.op !== 'same' && (
        <span className="history-block__mark">
          {t(block.op === 'inserted' ? 'history.blockInserted' : 'history.blockDeleted')}
          {' · '}
        </span>
      )}
      {block.runs.map((run, index) => {
        const name = authorName(t, names, run.author);
        if (run.op === 'same') return <span key={index}>{run.text}</span>;
        const Tag = run.op === 'inserted' ? 'ins' : 'del';
        const label = run.op === 'inserted' ? 'history.insertedBy' : 'history.deletedBy';
        return (
          <Tag key={index} className={`history-${run.op}`} title={t(label, { name })}>
            <span className="visually-hidden">{t(label, { name })} </span>
            {run.text}
          </Tag>
        );
      })}
    </p>
  );
}
