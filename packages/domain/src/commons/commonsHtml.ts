import type { DecisionEntry } from '../decisions/decisionEntry.ts';
import type { DocNode } from '../decisions/docTree.ts';
import { POSITION_VALUES } from '../process/events.ts';
import { exportLabels, type ExportLabels, type ExportLanguage } from './commonsLabels.ts';
import type { CommonsRecord } from './commonsRecord.ts';
import { isoDay, textBlocks, type Block, type Run } from './docText.ts';

/**
 * Text and attribute values for HTML (SPEC EXPORT-5): `& < > " '` as
 * entities, so no text of a record becomes markup.
 *
 * @example
 * escapeHtml('<script>'); // '&lt;script&gt;'
 */
export function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

const e = escapeHtml;

function inline(runs: readonly Run[]): string {
  return runs
    .map((r) => {
      if (r.lineBreak) return '<br>';
      let html = e(r.text);
      if (r.code) html = `<code>${html}</code>`;
      if (r.bold) html = `<strong>${html}</strong>`;
      if (r.italic) html = `<em>${html}</em>`;
      if (r.href) html = `<a href="${e(r.href)}" rel="nofollow noopener">${html}</a>`;
      return html;
    })
    .join('');
}

/** Blocks as HTML; consecutive list items share one list per depth. */
function body(nodes: readonly DocNode[], headingLevel: number): string {
  const out: string[] = [];
  const open: ('ul' | 'ol')[] = [];
  const closeTo = (depth: number) => {
    while (open.length > depth) out.push(`</li></${open.pop()!}>`);
  };
  for (const b of textBlocks(nodes) as Block[]) {
    if (b.kind === 'bullet' || b.kind === 'ordered') {
      const tag = b.kind === 'bullet' ? 'ul' : 'ol';
      if (open.length > b.depth) closeTo(b.depth);
      if (open.length === b.depth && open[b.depth - 1] !== tag) closeTo(b.depth - 1);
      if (open.length === b.depth) out.push('</li><li>');
      while (open.length < b.depth) {
        out.push(`<${tag}><li>`);
        open.push(tag);
      }
      out.push(inline(b.runs));
      continue;
    }
    closeTo(0);
    if (b.kind === 'heading') out.push(`<h${headingLevel}>${inline(b.runs)}</h${headingLevel}>`);
    else if (b.kind === 'quote') out.push(`<blockquote><p>${inline(b.runs)}</p></blockquote>`);
    else out.push(`<p>${inline(b.runs)}</p>`);
  }
  closeTo(0);
  return out.join('\n');
}

function decision(l: ExportLabels, entry: DecisionEntry, level: number, toc: boolean): string {
  const name = (id: string) => e(entry.names[id] || l.unnamed);
  const facts = [
    `<li><strong>${e(l.outcome[entry.outcome])}</strong> — ${e(l.decidedOn)} <time datetime="${isoDay(entry.decidedAt)}">${isoDay(entry.decidedAt)}</time></li>`,
  ];
  if (entry.meeting.title) facts.push(`<li>${e(l.meeting)}: ${e(entry.meeting.title)}</li>`);
  if (entry.meeting.circleName) {
    facts.push(`<li>${e(l.circle)}: ${e(entry.meeting.circleName)}</li>`);
  }
  if (entry.reviewDate) facts.push(`<li>${e(l.review)} ${e(entry.reviewDate)}</li>`);
  const parts = [
    `<article aria-labelledby="d-${e(entry.id)}">`,
    `<h${level} id="d-${e(entry.id)}">${e(entry.title)}</h${level}>`,
    `<ul class="facts">${facts.join('')}</ul>`,
  ];
  if (entry.driver) parts.push(`<p><strong>${e(l.driver)}</strong>: ${e(entry.driver)}</p>`);
  if (entry.body.length > 0) {
    parts.push(`<h${level + 1}>${e(l.text)}</h${level + 1}>`, body(entry.body, level + 2));
  }
  const counted = entry.positions.filter((p) => p.counted);
  if (counted.length > 0) {
    const counts = POSITION_VALUES.map(
      (v) => [v, counted.filter((p) => p.value === v).length] as const,
    )
      .filter(([, n]) => n > 0)
      .map(([v, n]) => `${e(l.position[v])} ${n}`);
    parts.push(`<p><strong>${e(l.positions)}</strong>: ${counts.join(', ')}</p>`);
  }
  if (entry.objections.length > 0) {
    parts.push(`<h${level + 1}>${e(l.objections)}</h${level + 1}>`, '<ul>');
    for (const o of entry.objections) {
      parts.push(
        `<li>${e(l.objectionBy)} ${name(o.objector)} (${e(l.resolution[o.resolution])}): ${e(o.reason)}</li>`,
      );
    }
    parts.push('</ul>');
  }
  if (toc) parts.push(`<p><a href="#contents">${e(l.backToContents)}</a></p>`);
  parts.push('</article>');
  return parts.join('\n');
}

/**
 * A decision log's table of contents (EXPORT-10): each decision linked by
 * its heading's id, with its day and outcome.
 */
function contents(l: ExportLabels, entries: readonly DecisionEntry[]): string {
  const items = entries.map(
    (entry) =>
      `<li><a href="#d-${e(entry.id)}">${e(entry.title)}</a> — <time datetime="${isoDay(entry.decidedAt)}">${isoDay(entry.decidedAt)}</time>, ${e(l.outcome[entry.outcome])}</li>`,
  );
  return [
    '<nav aria-labelledby="contents">',
    `<h2 id="contents">${e(l.contents)}</h2>`,
    `<ol>${items.join('')}</ol>`,
    '</nav>',
  ].join('\n');
}

const STYLE = `body{font-family:system-ui,sans-serif;line-height:1.5;color:#2b2420;background:#fffdf9;margin:0}
main{max-width:46rem;margin:0 auto;padding:1rem}
article{border-top:1px solid #cbbba4;margin-top:1.5rem}
a{color:#1f5f78}
footer{border-top:2px solid #cbbba4;margin-top:2rem;padding-top:1rem}
.facts{padding-left:1.2rem}`;

/**
 * A record as a standalone, accessible HTML page (SPEC EXPORT-5): a
 * language, a title, one `main` with a heading outline, every text escaped,
 * links only to http(s) and mailto, no script, the contributors and the
 * licence (`rel="license"`) in the footer.
 *
 * @example
 * const html = commonsHtml(record, 'en');
 */
export function commonsHtml(record: CommonsRecord, language: ExportLanguage = 'en'): string {
  const l = exportLabels(language);
  const title = `${l.scope[record.scope]}: ${record.title}`;
  const parts = [
    '<!doctype html>',
    `<html lang="${language}">`,
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<meta name="license" content="${e(record.licence.url)}">`,
    `<title>${e(title)}</title>`,
    `<style>${STYLE}</style>`,
    '</head>',
    '<body>',
    '<main>',
    `<h1>${e(title)}</h1>`,
    `<p>${e(l.space)}: ${e(record.space.name)} — ${e(l.exportedOn)} <time datetime="${isoDay(record.exportedAt)}">${isoDay(record.exportedAt)}</time></p>`,
  ];
  const p = record.proposal;
  if (p) {
    const version = p.version
      ? `${e(p.version.name || p.version.kind)} (${isoDay(p.version.at)})`
      : e(l.currentText);
    parts.push(
      `<ul class="facts"><li>${e(l.proposalStatus)}: ${e(p.status)}</li><li>${e(l.version)}: ${version}</li></ul>`,
    );
    if (p.driver) parts.push(`<p><strong>${e(l.driver)}</strong>: ${e(p.driver)}</p>`);
    parts.push(`<h2>${e(l.text)}</h2>`, body(p.body, 3));
  }
  const level = record.scope === 'decision' ? 2 : 3;
  // A whole log is navigable: contents first, each decision links back (EXPORT-10).
  const toc = record.scope === 'decision-log' && record.decisions.length > 1;
  if (toc) parts.push(contents(l, record.decisions));
  if (record.scope !== 'decision') {
    parts.push(`<h2>${e(l.decisions)}</h2>`);
    if (record.decisions.length === 0) parts.push(`<p>${e(l.noDecisions)}</p>`);
  }
  for (const entry of record.decisions) parts.push(decision(l, entry, level, toc));
  parts.push('</main>', '<footer>', `<h2>${e(l.contributors)}</h2>`);
  if (record.contributors.length === 0) parts.push(`<p>${e(l.noContributors)}</p>`);
  else {
    parts.push('<ul>');
    for (const c of record.contributors) {
      parts.push(
        `<li>${e(c.name || l.unnamed)} (${c.roles.map((r) => e(l.role[r])).join(', ')})</li>`,
      );
    }
    parts.push('</ul>');
  }
  parts.push(
    `<p>${e(l.licence)} <a rel="license" href="${e(record.licence.url)}">${e(record.licence.name)}</a> (${e(record.licence.url)}).</p>`,
    '</footer>',
    '</body>',
    '</html>',
    '',
  );
  return parts.join('\n');
}
