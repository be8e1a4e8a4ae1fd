import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ExportDecisionButton } from './ExportDecisionButton.tsx';

vi.mock('../sync/sessionKeeper.ts', () => ({ freshToken: () => Promise.resolve('tok') }));

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe('ExportDecisionButton', () => {
  it('downloads the signed record with the session token (CONS-10)', async () => {
    const fetchMock = vi.fn(() =>
      Promise.resolve(
        new Response(JSON.stringify({ format: 'ronde-decision/1' }), { status: 200 }),
      ),
    );
    vi.stubGlobal('fetch', fetchMock);
    const created: Blob[] = [];
    vi.stubGlobal('URL', {
      ...URL,
      createObjectURL: (blob: Blob) => (created.push(blob), 'blob:x'),
      revokeObjectURL: () => undefined,
    });
    render(<ExportDecisionButton spaceId="sp1abcdef" decisionId="ev1abcdef" title="Tools" />);
    fireEvent.click(screen.getByRole('button', { name: /download signed record of “tools”/i }));
    await waitFor(() => expect(created).toHaveLength(1));
    const [url, init] = fetchMock.mock.calls[0] as unknown as [string, RequestInit];
    expect(url).toContain('/api/spaces/sp1abcdef/decisions/ev1abcdef/export');
    expect(new Headers(init.headers).get('authorization')).toBe('Bearer tok');
    const text = await new Promise<string>((resolve) => {
      const reader = new FileReader();
      reader.onload = () => resolve(String(reader.result));
      reader.readAsText(created[0] as Blob);
    });
    expect(JSON.parse(text)).toEqual({ format: 'ronde-decision/1' });
  });

  it('says so when the download fails', async () => {
    vi.stubGlobal('fetch', () => Promise.resolve(new Response('{}', { status: 500 })));
    render(<ExportDecisionButton spaceId="sp1abcdef" decisionId="ev1abcdef" title="Tools" />);
    fireEvent.click(screen.getByRole('button'));
    expect(await screen.findByRole('alert')).toBeTruthy();
  });
});
