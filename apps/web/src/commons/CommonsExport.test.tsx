import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { CommonsExport, exportUrl } from './CommonsExport.tsx';

vi.mock('../sync/sessionKeeper.ts', () => ({ freshToken: () => Promise.resolve('tok') }));

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe('CommonsExport', () => {
  it('COMMONS-3 builds the export URLs of the log, a decision and a proposal version', () => {
    expect(exportUrl('sp1abcdef', { kind: 'log' }, 'md', 'fr')).toBe(
      '/api/spaces/sp1abcdef/commons/decisions?format=md&lang=fr',
    );
    expect(exportUrl('sp1abcdef', { kind: 'decision', id: 'ev1abcdef' }, 'html', 'en')).toBe(
      '/api/spaces/sp1abcdef/commons/decisions/ev1abcdef?format=html&lang=en',
    );
    expect(
      exportUrl(
        'sp1abcdef',
        { kind: 'proposal', id: 'pr1abcdef', version: 'adopted:ev1' },
        'json',
        'en',
      ),
    ).toBe(
      '/api/spaces/sp1abcdef/commons/proposals/pr1abcdef?format=json&lang=en&version=adopted%3Aev1',
    );
  });

  it('COMMONS-2 each button is named for what it exports and downloads the file the server names', async () => {
    const fetchMock = vi.fn(() =>
      Promise.resolve(
        new Response('# Decision', {
          status: 200,
          headers: { 'content-disposition': 'attachment; filename="decision-ev1abcdef.md"' },
        }),
      ),
    );
    vi.stubGlobal('fetch', fetchMock);
    const created: Blob[] = [];
    vi.stubGlobal('URL', {
      ...URL,
      createObjectURL: (blob: Blob) => (created.push(blob), 'blob:x'),
      revokeObjectURL: () => undefined,
    });
    render(
      <CommonsExport
        spaceId="sp1abcdef"
        target={{ kind: 'decision', id: 'ev1abcdef' }}
        name="Tools"
      />,
    );
    expect(screen.getByRole('group', { name: 'Export “Tools” (CC BY-SA 4.0)' })).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Export “Tools” as Markdown' }));
    await waitFor(() => expect(created).toHaveLength(1));
    expect(created[0]!.type).toBe('text/markdown;charset=utf-8');
    expect(created[0]!.size).toBe('# Decision'.length);
    const [url, init] = fetchMock.mock.calls[0] as unknown as [string, RequestInit];
    expect(url).toBe('/api/spaces/sp1abcdef/commons/decisions/ev1abcdef?format=md&lang=en');
    expect((init.headers as Record<string, string>).authorization).toBe('Bearer tok');
  });

  it('COMMONS-4 says so when the server refuses', async () => {
    vi.stubGlobal('fetch', () => Promise.resolve(new Response('{}', { status: 401 })));
    render(<CommonsExport spaceId="sp1abcdef" target={{ kind: 'log' }} name="the log" />);
    fireEvent.click(screen.getByRole('button', { name: 'Export “the log” as HTML' }));
    expect(await screen.findByRole('alert')).toHaveProperty(
      'textContent',
      'The export could not be downloaded. Try again.',
    );
  });
});
