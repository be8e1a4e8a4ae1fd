import type { DecisionEntry } from '../decisions/decisionEntry.ts';
import { POSITION_VALUES } from '../process/events.ts';
import { exportLabels, type ExportLabels, type ExportLanguage } from './commonsLabels.ts';
import type { CommonsRecord, Contributor } from './commonsRecord.ts';
import { isoDay, textBlocks, type Block, type Run } from './docText.ts';
import type { DocNode } from '../decisions/docTree.ts';

/**
 * Text for Markdown (SPEC EXPORT-4): every character Markdown or HTML could
 * read as markup is escaped — `\ ` * _ [ ] ( ) # + - . ! | ~ { }` with a
 * backslash, `<`, `>` and `&` as entities — and line breaks become spaces,
 * so no text of a proposal becomes a heading, a link or HTML.
 *
 * @example
 * escapeMarkdown('<b>*hi*</b>'); // '&lt;b&gt;\\*hi\\*&lt;/b&gt;'
 */
export function escapeMarkdown(text: string): string {
  return text
    .replace(/\r\n?|\n/g, ' ')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/[\\`*_[\]()#+\-.!|~{}]/g, (c) => `\\${c}`);
}

const urlPart = (href: string) => href.replace(/[\s()<>\\]/g, (c) => encodeURIComponent(c));

function inline(runs: readonly Run[]): string {
  return runs
    .map((r) => {
      if (r.lineBreak) return '\\\n';
      let text = escapeMarkdown(r.text);
      if (!text.trim()) return text;
      if (r.code) text = `<code>${text}</code>`;
      if (r.bold) text = `**${text}**`;
      if (r.italic) text = `*${text}*`;
      if (r.href) text = `[${text}](${urlPart(r.href)})`;
      return text;
    })
    .join('');
}

function blocks(body: readonly DocNode[]): string[] {
  return textBlocks(body).map((b: Block) => {
    const text = inline(b.runs);
    const indent = '  '.repeat(Math.max(0, b.depth - 1));
    switch (b.kind) {
      case 'heading':
        return `#### ${text}`;
      case 'bullet':
        return `${indent}- ${text}`;
      case 'ordered':
        return `${indent}1. ${text}`;
      case 'quote':
        return `> ${text}`;
      default:
        return text;
    }
  });
}

const nameOf = (l: ExportLabels, entry: DecisionEntry, id: string) =>
  escapeMarkdown(entry.names[id] || l.unnamed);

function decision(l: ExportLabels, entry: DecisionEntry, level: string): string[] {
  const lines = [`${level} ${escapeMarkdown(entry.title)}`, ''];
  lines.push(`- **${l.outcome[entry.outcome]}** — ${l.decidedOn} ${isoDay(entry.decidedAt)}`);
  if (entry.meeting.title) lines.push(`- ${l.meeting}: ${escapeMarkdown(entry.meeting.title)}`);
  if (entry.meeting.circleName) {
    lines.push(`- ${l.circle}: ${escapeMarkdown(entry.meeting.circleName)}`);
  }
  if (entry.reviewDate) lines.push(`- ${l.review} ${escapeMarkdown(entry.reviewDate)}`);
  lines.push('');
  if (entry.driver) lines.push(`**${l.driver}**: ${escapeMarkdown(entry.driver)}`, '');
  const text = blocks(entry.body);
  if (text.length > 0) lines.push(`**${l.text}**`, '', ...text.flatMap((t) => [t, '']));
  const counted = entry.positions.filter((p) => p.counted);
  if (counted.length > 0) {
    const counts = POSITION_VALUES.map(
      (v) => [v, counted.filter((p) => p.value === v).length] as const,
    ).filter(([, n]) => n > 0);
    lines.push(
      `**${l.positions}**: ${counts.map(([v, n]) => `${l.position[v]} ${n}`).join(', ')}`,
      '',
    );
  }
  if (entry.objections.length > 0) {
    lines.push(`**${l.objections}**`, '');
    for (const o of entry.objections) {
      lines.push(
        `- ${l.objectionBy} ${nameOf(l, entry, o.objector)} (${l.resolution[o.resolution]}): ${escapeMarkdown(o.reason)}`,
      );
    }
    lines.push('');
  }
  return lines;
}

function contributors(l: ExportLabels, list: readonly Contributor[]): string[] {
  if (list.length === 0) return [l.noContributors];
  return list.map(
    (c) => `- ${escapeMarkdown(c.name || l.unnamed)} (${c.roles.map((r) => l.role[r]).join(', ')})`,
  );
}

/**
 * A record as a Markdown document (SPEC EXPORT-4): title, space and date,
 * the proposal's text when it is one, each decision, the contributors and
 * the licence with its URL.
 *
 * @example
 * const md = commonsMarkdown(record, 'fr');
 */
export function commonsMarkdown(record: CommonsRecord, language: ExportLanguage = 'en'): string {
  const l = exportLabels(language);
  const lines = [
    `# ${l.scope[record.scope]}: ${escapeMarkdown(record.title)}`,
    '',
    `${l.space}: ${escapeMarkdown(record.space.name)} — ${l.exportedOn} ${isoDay(record.exportedAt)}`,
    '',
  ];
  const p = record.proposal;
  if (p) {
    lines.push(`- ${l.proposalStatus}: ${escapeMarkdown(p.status)}`);
    lines.push(
      `- ${l.version}: ${p.version ? `${escapeMarkdown(p.version.name || p.version.kind)} (${isoDay(p.version.at)})` : l.currentText}`,
    );
    lines.push('');
    if (p.driver) lines.push(`**${l.driver}**: ${escapeMarkdown(p.driver)}`, '');
    lines.push(`## ${l.text}`, '', ...blocks(p.body).flatMap((t) => [t, '']));
  }
  if (record.scope !== 'decision') lines.push(`## ${l.decisions}`, '');
  if (record.decisions.length === 0 && record.scope !== 'decision') lines.push(l.noDecisions, '');
  for (const entry of record.decisions) {
    lines.push(...decision(l, entry, record.scope === 'decision' ? '##' : '###'));
  }
  lines.push(`## ${l.contributors}`, '', ...contributors(l, record.contributors), '');
  lines.push('---', '', `${l.licence} [${record.licence.name}](${record.licence.url}).`, '');
  return lines.join('\n');
}
