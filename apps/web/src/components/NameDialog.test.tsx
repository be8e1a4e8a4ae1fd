import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { useSession } from '../state/session.ts';
import { NameDialog, useNameFirst } from './NameDialog.tsx';

const renames = vi.hoisted(() => ({
  taken: [] as string[],
  failed: [] as string[],
  names: [] as string[],
}));
vi.mock('../identity/renameEverywhere.ts', () => ({
  spacesToRename: () => ['space001'],
  renameEverywhere: async (name: string) => {
    renames.names.push(name);
    return { taken: renames.taken, failed: renames.failed };
  },
}));

afterEach(cleanup);
beforeEach(() => useSession.setState({ language: 'en', name: '' }));

function Probe({ action }: { action: () => void }) {
  const nameFirst = useNameFirst(action);
  return (
    <div>
      <button type="button" onClick={nameFirst.run}>
        Go
      </button>
      {nameFirst.dialog}
    </div>
  );
}

/** Renders a button guarded by `useNameFirst` and clicks it; the action, to check. */
function go() {
  const action = vi.fn();
  render(<Probe action={action} />);
  fireEvent.click(screen.getByRole('button', { name: 'Go' }));
  return action;
}

describe('useNameFirst', () => {
  it('runs at once for someone with a name', () => {
    useSession.setState({ name: 'Awa' });
    const action = go();
    expect(action).toHaveBeenCalledTimes(1);
    expect(screen.queryByRole('dialog')).toBeNull();
  });

  it('asks for the name first, then runs once', () => {
    const action = go();
    expect(action).not.toHaveBeenCalled();
    fireEvent.change(screen.getByRole('textbox'), { target: { value: 'Awa' } });
    fireEvent.submit(screen.getByRole('textbox').closest('form')!);
    expect(action).toHaveBeenCalledTimes(1);
    expect(screen.queryByRole('dialog')).toBeNull();
  });

  it('gives focus back to the button that opened it, answered or declined', () => {
    render(<Probe action={vi.fn()} />);
    const opener = screen.getByRole('button', { name: 'Go' });
    opener.focus(); // as a click would in a browser
    fireEvent.click(opener);
    fireEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(document.activeElement).toBe(opener);
    fireEvent.click(opener);
    fireEvent.change(screen.getByRole('textbox'), { target: { value: 'Awa' } });
    fireEvent.submit(screen.getByRole('textbox').closest('form')!);
    expect(document.activeElement).toBe(opener);
  });

  it('drops the action when the dialog is declined', () => {
    const action = go();
    fireEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(screen.queryByRole('dialog')).toBeNull();
    act(() => useSession.getState().setName('Ben'));
    expect(action).not.toHaveBeenCalled();
  });
});

describe('NameDialog', () => {
  it('NAME-5 gives the name to the member’s spaces, and stays open saying where it failed', async () => {
    useSession.setState({ name: 'Awa', nameDialogOpen: true });
    renames.failed = ['space001'];
    renames.names = [];
    render(<NameDialog />);
    fireEvent.change(screen.getByRole('textbox', { name: 'Your name' }), {
      target: { value: ' Awa  Diallo ' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Continue' }));
    expect(await screen.findByRole('alert')).toHaveProperty(
      'textContent',
      'Your name could not be changed in 1 of your spaces (offline?): it keeps your old name there. Save again to retry.',
    );
    expect(renames.names).toEqual(['Awa Diallo']);
    expect(useSession.getState().nameDialogOpen).toBe(true);
    // Back online: saving again goes through, and the dialog closes.
    renames.failed = [];
    fireEvent.click(screen.getByRole('button', { name: 'Continue' }));
    await act(async () => {});
    expect(useSession.getState().nameDialogOpen).toBe(false);
  });

  it('NAME-7 says where another member goes by the name apart from where saving failed', async () => {
    useSession.setState({ name: 'Awa', nameDialogOpen: true });
    renames.taken = ['space001', 'space002'];
    renames.failed = ['space003'];
    render(<NameDialog />);
    fireEvent.change(screen.getByRole('textbox', { name: 'Your name' }), {
      target: { value: 'Ben' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Continue' }));
    await screen.findAllByRole('alert');
    expect(screen.getAllByRole('alert').map((alert) => alert.textContent)).toEqual([
      'In 2 of your spaces another member goes by this name: there you keep your old name. Choose one that tells you apart.',
      'Your name could not be changed in 1 of your spaces (offline?): it keeps your old name there. Save again to retry.',
    ]);
    expect(useSession.getState().nameDialogOpen).toBe(true);
    renames.taken = [];
    renames.failed = [];
  });
});
