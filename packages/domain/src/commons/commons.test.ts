import { describe, expect, it } from 'vitest';
import { parseDecisionEntry, type DecisionEntry } from '../decisions/decisionEntry.ts';
import type { DocNode } from '../decisions/docTree.ts';
import { commonsHtml, escapeHtml } from './commonsHtml.ts';
import { commonsMarkdown, escapeMarkdown } from './commonsMarkdown.ts';
import {
  COMMONS_LICENCE,
  decisionCredits,
  decisionsRecord,
  mergeCredits,
  proposalRecord,
} from './commonsRecord.ts';
import { textBlocks } from './docText.ts';

const EVIL = '<script>alert(1)</script> # [x](javascript:alert(1)) *b*';

const text = (t: string, marks?: DocNode['marks']): DocNode => ({
  type: 'text',
  text: t,
  ...(marks ? { marks } : {}),
});

const BODY: DocNode[] = [
  { type: 'paragraph', content: [text('Work '), text('four', [{ type: 'bold' }]), text(' days.')] },
  {
    type: 'bulletList',
    content: [
      { type: 'listItem', content: [{ type: 'paragraph', content: [text('Mon')] }] },
      {
        type: 'listItem',
        content: [
          { type: 'paragraph', content: [text('Tue')] },
          {
            type: 'orderedList',
            content: [
              { type: 'listItem', content: [{ type: 'paragraph', content: [text('am')] }] },
            ],
          },
        ],
      },
    ],
  },
  {
    type: 'paragraph',
    content: [
      text('safe', [{ type: 'link', attrs: { href: 'https://example.org/a b' } }]),
      text(' and '),
      text('unsafe', [{ type: 'link', attrs: { href: 'javascript:alert(1)' } }]),
    ],
  },
  { type: 'paragraph', content: [text(EVIL)] },
];

function entry(over: Record<string, unknown> = {}): DecisionEntry {
  return parseDecisionEntry({
    schema: 1,
    id: 'ev000001',
    meeting: { id: 'meet0001', title: 'Weekly', circleId: 'c1', circleName: 'General' },
    itemId: 'it1',
    proposalId: 'prop0001',
    process: 'consent',
    title: 'Four-day week',
    driver: 'We are tired.',
    body: BODY,
    outcome: 'adopted',
    reviewDate: '2027-06-01',
    decidedBy: 'fac1',
    decidedAt: Date.UTC(2026, 2, 10),
    startedAt: null,
    durationMs: null,
    proposerId: 'ana',
    participants: ['ana', 'ben'],
    facilitators: ['fac1'],
    positionRounds: 1,
    positions: [
      {
        round: 1,
        person: 'ana',
        value: 'consent',
        reason: '',
        onBehalfOf: null,
        recordedBy: 'ana',
        at: 1,
        counted: true,
      },
      {
        round: 1,
        person: 'ben',
        value: 'concern',
        reason: 'x',
        onBehalfOf: null,
        recordedBy: 'ben',
        at: 1,
        counted: true,
      },
    ],
    objections: [
      {
        id: 'ob1',
        round: 1,
        objector: 'ben',
        reason: 'Too <fast>',
        quote: null,
        test: null,
        amendments: [{ by: 'ana', at: 2, eventId: 'am1' }],
        confirmations: [],
        resolution: 'integrated',
      },
    ],
    authors: [
      { id: 'ana', chars: 40 },
      { id: '@server', chars: 3 },
    ],
    names: { ana: 'Ana', ben: 'Ben', fac1: 'Faye' },
    recordedBy: '@server',
    recordedAt: 1,
    ...over,
  })!;
}

const SPACE = { id: 'space001', name: 'Coop <du> Val' };

describe('commons records', () => {
  it('EXPORT-1 a log lists its decisions oldest first, with the licence', () => {
    const later = entry({ id: 'ev000002', decidedAt: Date.UTC(2026, 3, 1), title: 'Later' });
    const record = decisionsRecord({
      scope: 'decision-log',
      title: 'Coop',
      space: SPACE,
      exportedAt: 0,
      decisions: [later, entry()],
    });
    expect(record.decisions.map((d) => d.id)).toEqual(['ev000001', 'ev000002']);
    expect(record.licence).toEqual({
      name: 'CC BY-SA 4.0',
      url: 'https://creativecommons.org/licenses/by-sa/4.0/',
    });
  });

  it('EXPORT-1 a proposal keeps its own decisions and credits its text’s authors', () => {
    const other = entry({ id: 'ev000009', proposalId: 'prop0002' });
    const record = proposalRecord({
      space: SPACE,
      exportedAt: 0,
      proposal: {
        id: 'prop0001',
        title: 'P',
        driver: '',
        body: BODY,
        status: 'adopted',
        version: null,
      },
      authors: [
        { id: 'zoe', name: 'Zoé' },
        { id: '@server', name: '' },
      ],
      decisions: [other, entry()],
    });
    expect(record.decisions.map((d) => d.id)).toEqual(['ev000001']);
    expect(record.contributors.find((c) => c.id === 'zoe')).toEqual({
      id: 'zoe',
      name: 'Zoé',
      roles: ['author'],
    });
    expect(record.contributors.some((c) => c.id.startsWith('@'))).toBe(false);
  });

  it('EXPORT-2 credits every contributor once with all their roles, by name', () => {
    expect(decisionCredits(entry()).some((c) => c.id === '@server')).toBe(false);
    expect(mergeCredits(decisionCredits(entry()))).toEqual([
      { id: 'ana', name: 'Ana', roles: ['author', 'proposer', 'participant', 'amender'] },
      { id: 'ben', name: 'Ben', roles: ['participant', 'objector'] },
      { id: 'fac1', name: 'Faye', roles: ['facilitator'] },
    ]);
  });

  it('EXPORT-3 walks text into blocks, keeping only http(s) and mailto links', () => {
    const blocks = textBlocks(BODY);
    expect(blocks.map((b) => [b.kind, b.depth])).toEqual([
      ['paragraph', 0],
      ['bullet', 1],
      ['bullet', 1],
      ['ordered', 2],
      ['paragraph', 0],
      ['paragraph', 0],
    ]);
    const links = blocks[4]!.runs.map((r) => r.href);
    expect(links).toEqual(['https://example.org/a b', null, null]);
  });
});

describe('commons exports', () => {
  const record = decisionsRecord({
    scope: 'decision',
    title: EVIL,
    space: SPACE,
    exportedAt: Date.UTC(2026, 4, 2),
    decisions: [entry({ title: EVIL, driver: EVIL })],
  });

  it('EXPORT-4 Markdown escapes every text and carries contributors and the licence', () => {
    const md = commonsMarkdown(record);
    expect(md).not.toContain('<script');
    expect(md).not.toContain('](javascript');
    expect(md).toContain(escapeMarkdown(EVIL));
    expect(escapeMarkdown('# [a](b) <i>')).toBe('\\# \\[a\\]\\(b\\) &lt;i&gt;');
    expect(md).toContain('[safe](https://example.org/a%20b)');
    expect(md).toContain(' and unsafe');
    expect(md).not.toContain('[unsafe]');
    expect(md).toContain('**four**');
    expect(md).toContain('- Mon');
    expect(md).toContain('  1. am');
    expect(md).toContain(
      '- Ana (author, proposer, participant, amended to integrate an objection)',
    );
    expect(md).toContain('Objection by Ben (integrated): Too &lt;fast&gt;');
    expect(md).toContain(`[${COMMONS_LICENCE.name}](${COMMONS_LICENCE.url})`);
    expect(md).toContain('Space: Coop &lt;du&gt; Val — Exported on 2026-05-02');
    expect(commonsMarkdown(record, 'fr')).toContain('Adoptée');
  });

  it('EXPORT-5 HTML is standalone, escaped, with a language, an outline and the licence', () => {
    const html = commonsHtml(record, 'fr');
    expect(html.startsWith('<!doctype html>\n<html lang="fr">')).toBe(true);
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/href="(?!https:)/);
    expect(html).toContain(`<title>Décision: ${escapeHtml(EVIL)}</title>`);
    expect(html).toContain(`<h1>Décision: ${escapeHtml(EVIL)}</h1>`);
    expect(html).toContain('<a href="https://example.org/a b" rel="nofollow noopener">safe</a>');
    expect(html).toContain(
      '<a rel="license" href="https://creativecommons.org/licenses/by-sa/4.0/">CC BY-SA 4.0</a>',
    );
    expect(html).toContain('<ul><li>\nMon\n</li><li>\nTue\n<ol><li>\nam\n</li></ol>\n</li></ul>');
    for (const tag of ['ul', 'ol', 'li', 'p', 'article', 'main']) {
      const opens = html.match(new RegExp(`<${tag}[ >]`, 'g'))?.length ?? 0;
      expect(html.match(new RegExp(`</${tag}>`, 'g'))?.length ?? 0, tag).toBe(opens);
    }
    expect(html).toContain('<li>Ana (autrice ou auteur, porteuse ou porteur');
    expect(html).toContain('Coop &lt;du&gt; Val');
  });

  it('EXPORT-10 a whole log’s HTML has contents linking each decision, and links back', () => {
    const log = decisionsRecord({
      scope: 'decision-log',
      title: 'Coop',
      space: SPACE,
      exportedAt: Date.UTC(2026, 4, 2),
      decisions: [
        entry({
          id: 'ev000002',
          decidedAt: Date.UTC(2026, 3, 1),
          title: 'Later <b>',
          outcome: 'withdrawn',
        }),
        entry(),
      ],
    });
    const html = commonsHtml(log, 'en');
    expect(html).toContain(
      '<nav aria-labelledby="contents">\n<h2 id="contents">Contents</h2>\n<ol>' +
        '<li><a href="#d-ev000001">Four-day week</a> — <time datetime="2026-03-10">2026-03-10</time>, Adopted</li>' +
        '<li><a href="#d-ev000002">Later &lt;b&gt;</a> — <time datetime="2026-04-01">2026-04-01</time>, Withdrawn</li>' +
        '</ol>\n</nav>',
    );
    // Every link inside the page has its target.
    for (const [, target] of html.matchAll(/href="#([^"]+)"/g)) {
      expect(html).toContain(`id="${target}"`);
    }
    expect(html.match(/<a href="#contents">Back to the contents<\/a>/g)).toHaveLength(2);
    expect(commonsHtml(log, 'fr')).toContain('<h2 id="contents">Sommaire</h2>');
    // A single decision needs none.
    expect(commonsHtml(record, 'en')).not.toContain('<nav');
  });
});
