import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { useSession } from '../state/session.ts';
import { useNameFirst } from './NameDialog.tsx';

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
