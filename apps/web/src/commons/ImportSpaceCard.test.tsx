import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { MemoryRouter } from 'react-router';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { useSession } from '../state/session.ts';
import { ImportSpaceCard } from './ImportSpaceCard.tsx';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe('ImportSpaceCard', () => {
  it('BACKUP-7 words the server’s problem in French, with its place in the file', async () => {
    useSession.setState({ language: 'fr', name: 'Zoé' });
    vi.stubGlobal(
      'fetch',
      vi.fn(() =>
        Promise.resolve(
          new Response(
            JSON.stringify({
              error: {
                code: 'bad_signature',
                message: 'space1/meeting/m1 #3: signed with a key that is not its author’s',
                problem: 'foreign-key',
                where: 'space1/meeting/m1 #3',
              },
            }),
            { status: 400 },
          ),
        ),
      ),
    );
    render(
      <MemoryRouter>
        <ImportSpaceCard />
      </MemoryRouter>,
    );
    const content = '{"format":"ronde-backup/1"}';
    const file = new File([content], 'backup.json', { type: 'application/json' });
    // jsdom's File has no text(); browsers do.
    Object.defineProperty(file, 'text', { value: () => Promise.resolve(content) });
    fireEvent.change(screen.getByLabelText('Fichier de sauvegarde (.json)'), {
      target: { files: [file] },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Importer l’espace' }));
    expect((await screen.findByRole('alert')).textContent).toBe(
      'Un évènement de cette sauvegarde n’est pas signé par son auteur : il a été modifié. Rien n’a été importé. ' +
        'Une entrée de journal est signée d’une clé qui n’est pas celle de son autrice ou auteur : space1/meeting/m1 #3.',
    );
  });
});
