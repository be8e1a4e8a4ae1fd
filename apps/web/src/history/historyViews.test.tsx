import type { VersionMeta } from '@ronde/domain';
import { cleanup, render, screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { useSession } from '../state/session.ts';
import { AuthoredText } from './AuthoredText.tsx';
import type { VersionDiffView as DiffAnswer, VersionView } from './historyApi.ts';
import { VersionDiffView } from './VersionDiffView.tsx';

beforeEach(() => useSession.setState({ language: 'en' }));
afterEach(cleanup);

const meta = (id: string): VersionMeta => ({
  id,
  kind: 'named',
  name: id,
  by: 'ada00001',
  at: 1,
  meetingId: null,
  bytes: 10,
});

const names = { ada00001: 'Ada', bea00001: 'Béa' };

/** Ada wrote 30 characters, Béa 10, the server 0 of the body, and 1 unbound character. */
const view: VersionView = {
  version: meta('v1'),
  names,
  shares: [
    { author: 'ada00001', chars: 30 },
    { author: 'bea00001', chars: 9 },
    { author: null, chars: 1 },
  ],
  text: {
    title: [{ type: 'text', runs: [{ text: 'Bike racks', author: 'ada00001' }] }],
    driver: [],
    body: [
      {
        type: 'paragraph',
        runs: [
          { text: 'We buy ', author: 'ada00001' },
          { text: 'two ', author: 'bea00001' },
          { text: 'racks.', author: 'ada00001' },
        ],
      },
      { type: 'listItem', runs: [{ text: 'Budget', author: 'bea00001' }] },
      { type: 'heading', runs: [{ text: '?', author: null }] },
    ],
  },
};

const diff: DiffAnswer = {
  from: meta('v1'),
  to: meta('v2'),
  names,
  diff: {
    counts: { inserted: 5, deleted: 1 },
    sections: {
      title: [],
      driver: [],
      body: [
        {
          type: 'paragraph',
          op: 'same',
          runs: [
            { text: 'We buy ', op: 'same', author: 'ada00001' },
            { text: '2', op: 'deleted', author: 'bea00001' },
            { text: 'racks', op: 'same', author: 'ada00001' },
          ],
        },
        {
          type: 'paragraph',
          op: 'inserted',
          runs: [{ text: 'Soon', op: 'inserted', author: 'ada00001' }],
        },
      ],
    },
  },
};

describe('AuthoredText', () => {
  it('names each author’s share in the legend and each passage’s author in hidden text, not by colour alone', () => {
    const { container } = render(<AuthoredText view={view} />);
    const legend = screen.getByRole('list');
    expect(
      within(legend)
        .getAllByRole('listitem')
        .map((li) => li.textContent),
    ).toEqual([
      'Ada: 75% (30 characters)',
      'Béa: 23% (9 characters)',
      'unattributed: 3% (1 character)',
    ]);
    const body = screen.getByRole('region', { name: 'Text' });
    expect(body.querySelector('p')?.textContent).toBe(
      'Ada wrote: We buy Béa wrote: two Ada wrote: racks.',
    );
    const two = within(body).getAllByTitle('Béa')[0]!;
    expect(two.textContent).toBe('Béa wrote: two ');
    // The tint follows the legend's order; the hidden label carries the name.
    expect(two.className).toContain('history-run--t1');
    expect(within(two).getByText('Béa wrote:').className).toBe('visually-hidden');
    expect(container.querySelector('h5')?.textContent).toBe('unattributed wrote: ?');
    expect(within(body).getByText('Budget').parentElement?.textContent).toBe('• Béa wrote: Budget');
    expect(screen.getByRole('region', { name: 'Driver' }).textContent).toContain('Driver');
  });

  it('reads in French, with French plurals', () => {
    useSession.setState({ language: 'fr' });
    render(<AuthoredText view={view} />);
    expect(screen.getByRole('heading', { name: 'Qui a écrit cette version' })).toBeTruthy();
    const items = within(screen.getByRole('list')).getAllByRole('listitem');
    expect(items.map((li) => li.textContent?.replace(/\u202f|\u00a0/g, ' '))).toEqual([
      'Ada : 75 % (30 caractères)',
      'Béa : 23 % (9 caractères)',
      'non attribué : 3 % (1 caractère)',
    ]);
    const body = screen.getByRole('region', { name: 'Texte' });
    expect(within(body).getAllByTitle('Béa')[0]!.textContent).toBe('Béa a écrit : two ');
  });
});

describe('VersionDiffView', () => {
  it('marks insertions as <ins> and deletions as <del>, each introduced by hidden words naming who wrote it', () => {
    const { container } = render(<VersionDiffView answer={diff} />);
    expect(screen.getByRole('status').textContent).toBe(
      '5 characters inserted · 1 character deleted',
    );
    const del = container.querySelector('del');
    const ins = container.querySelector('ins');
    expect(del?.textContent).toBe('deleted (written by Béa): 2');
    expect(del?.getAttribute('title')).toBe('deleted (written by Béa):');
    expect(ins?.textContent).toBe('inserted by Ada: Soon');
    expect(within(ins as HTMLElement).getByText('inserted by Ada:').className).toBe(
      'visually-hidden',
    );
    const blocks = screen.getByRole('region', { name: 'Text' }).querySelectorAll('p');
    expect(blocks[1]?.textContent).toBe('New paragraph · inserted by Ada: Soon');
    // Sections without text are left out.
    expect(screen.queryByRole('region', { name: 'Title' })).toBeNull();
  });

  it('says when nothing changed, and reads in French', () => {
    useSession.setState({ language: 'fr' });
    const { rerender } = render(<VersionDiffView answer={diff} />);
    expect(screen.getByRole('status').textContent).toBe(
      '5 caractères ajoutés · 1 caractère supprimé',
    );
    expect(document.querySelector('del')?.textContent).toBe('supprimé (écrit par Béa) : 2');
    expect(document.querySelector('ins')?.textContent).toBe('ajouté par Ada : Soon');
    const same = {
      ...diff,
      diff: { counts: { inserted: 0, deleted: 0 }, sections: { title: [], driver: [], body: [] } },
    };
    rerender(<VersionDiffView answer={same} />);
    expect(screen.getByRole('status').textContent).toBe('Aucun changement entre ces versions.');
  });
});
