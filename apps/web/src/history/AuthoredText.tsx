import { VERSION_SECTIONS, type AuthoredBlock } from '@ronde/domain';
import { useLanguage, useT, useTn } from '../i18n/useT.ts';
import { authorName } from './authorName.ts';
import type { VersionView } from './historyApi.ts';
import { AUTHOR_TINTS } from './versionLabel.ts';

/**
 * A version's text with each passage tinted by its author (the server's
 * attested bindings, VERS-4) and named for screen readers, and a legend of
 * each author's share. The tint is never the only cue: the legend names
 * each tint, every passage carries its author as a tooltip and hidden text.
 *
 * @example
 * <AuthoredText view={view} />
 */
export function AuthoredText({ view }: { view: VersionView }) {
  const t = useT();
  const tn = useTn();
  const percent = new Intl.NumberFormat(useLanguage(), { style: 'percent' });
  const total = view.shares.reduce((sum, share) => sum + share.chars, 0);
  const rank = new Map(view.shares.map((share, index) => [share.author ?? '', index]));
  const tint = (author: string | null) =>
    `history-run--t${(rank.get(author ?? '') ?? 0) % AUTHOR_TINTS}`;
  return (
    <div className="history-authored">
      <h3>{t('history.authors')}</h3>
      <ul className="history-legend">
        {view.shares.map((share) => (
          <li key={share.author ?? ''} className="history-legend__item">
            <span className={`history-swatch ${tint(share.author)}`} aria-hidden="true" />
            {t('history.share', {
              name: authorName(t, view.names, share.author),
              percent: percent.format(total === 0 ? 0 : share.chars / total),
              chars: tn('history.chars', share.chars),
            })}
          </li>
        ))}
      </ul>
      {VERSION_SECTIONS.map((section) => (
        <section
          key={section}
          className="history-section"
          aria-label={t(`history.section.${section}`)}
        >
          <h4 className="history-section__title">{t(`history.section.${section}`)}</h4>
          {view.text[section].length === 0 ? (
            <p className="meta">{t('history.empty')}</p>
          ) : (
            view.text[section].map((block, index) => (
              <Block key={index} block={block} tint={tint} names={view.names} />
            ))
          )}
        </section>
      ))}
    </div>
  );
}

function Block({
  block,
  tint,
  names,
}: {
  block: AuthoredBlock;
  tint: (author: string | null) => string;
  names: VersionView['names'];
}) {
  const t = useT();
  const Tag = block.type === 'heading' ? 'h5' : 'p';
  return (
    <Tag className={`history-block history-block--${block.type}`}>
      {block.type === 'listItem' && <span aria-hidden="true">• </span>}
      {block.runs.map((run, index) => {
        const name = authorName(t, names, run.author);
        return (
          <span key={index} className={`history-run ${tint(run.author)}`} title={name}>
            <span className="visually-hidden">{t('history.wrote', { name })} </span>
            {run.text}
          </span>
        );
      })}
    </Tag>
  );
}
