import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiError } from '../api/http.ts';
import { WorkForm } from './WorkForm.tsx';

afterEach(cleanup);

const CIRCLES = [{ id: 'circle01', name: 'General', purpose: '', createdAt: 1 }];
const INITIAL = {
  minutes: 60,
  workedOn: '2026-03-10',
  kind: 'project' as const,
  subject: '',
  circleId: 'circle01',
  note: '',
};

function renderForm(onSubmit = vi.fn(() => Promise.resolve())) {
  render(
    <WorkForm
      circles={CIRCLES}
      initial={INITIAL}
      title="Declare hours of work"
      submitLabel="Declare"
      onSubmit={onSubmit}
    />,
  );
  const form = screen.getByRole('form', { name: 'Declare hours of work' });
  return { form, onSubmit };
}

describe('WorkForm', () => {
  it('TIME-1 says what is wrong before anything is sent', () => {
    const { onSubmit } = renderForm();
    fireEvent.change(screen.getByRole('spinbutton', { name: 'Hours' }), { target: { value: '0' } });
    fireEvent.change(screen.getByRole('spinbutton', { name: 'Minutes' }), {
      target: { value: '0' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Declare' }));
    expect(screen.getByRole('alert').textContent).toBe(
      'Give a duration between 1 minute and 24 hours.',
    );
    fireEvent.change(screen.getByRole('spinbutton', { name: 'Hours' }), {
      target: { value: '25' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Declare' }));
    expect(screen.getByRole('alert').textContent).toBe(
      'Give a duration between 1 minute and 24 hours.',
    );
    fireEvent.change(screen.getByRole('spinbutton', { name: 'Hours' }), { target: { value: '1' } });
    fireEvent.click(screen.getByRole('button', { name: 'Declare' }));
    expect(screen.getByRole('alert').textContent).toBe('Say what you worked on.');
    expect(onSubmit).not.toHaveBeenCalled();
  });

  it('TIME-1 hands over hours and minutes as whole minutes with the other fields', async () => {
    const { onSubmit } = renderForm();
    fireEvent.change(screen.getByRole('spinbutton', { name: 'Hours' }), { target: { value: '1' } });
    fireEvent.change(screen.getByRole('spinbutton', { name: 'Minutes' }), {
      target: { value: '30' },
    });
    fireEvent.change(screen.getByRole('combobox', { name: 'Work for' }), {
      target: { value: 'commons' },
    });
    fireEvent.change(screen.getByRole('combobox', { name: 'What you worked on' }), {
      target: { value: 'Charter' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Declare' }));
    await waitFor(() => expect(onSubmit).toHaveBeenCalledTimes(1));
    expect(onSubmit).toHaveBeenCalledWith({
      minutes: 90,
      workedOn: '2026-03-10',
      kind: 'commons',
      subject: 'Charter',
      circleId: 'circle01',
      note: '',
    });
  });

  it('TIME-1 suggests subjects for the chosen kind and circle', () => {
    render(
      <WorkForm
        circles={CIRCLES}
        initial={INITIAL}
        title="Declare hours of work"
        submitLabel="Declare"
        onSubmit={() => Promise.resolve()}
        suggest={(kind, circleId) => (kind === 'role' ? [`Treasurer of ${circleId}`] : [])}
      />,
    );
    const options = () =>
      [...document.querySelectorAll('datalist option')].map((o) => o.getAttribute('value'));
    expect(options()).toEqual([]);
    fireEvent.change(screen.getByRole('combobox', { name: 'Work for' }), {
      target: { value: 'role' },
    });
    expect(options()).toEqual(['Treasurer of circle01']);
  });

  it('TIMESRV-7 commons work goes to the anchor circle; TIME-12 a refusal says why', async () => {
    const onSubmit = vi.fn((_fields: unknown) =>
      Promise.reject(new ApiError('server', 409, 'not-anchor', 'refused')),
    );
    render(
      <WorkForm
        circles={[...CIRCLES, { id: 'kitchen1', name: 'Kitchen', purpose: '', createdAt: 2 }]}
        initial={{ ...INITIAL, circleId: 'kitchen1', subject: 'Charter' }}
        title="Declare hours of work"
        submitLabel="Declare"
        onSubmit={onSubmit}
        anchorId="circle01"
      />,
    );
    const circle = screen.getByRole('combobox', { name: 'Circle' }) as HTMLSelectElement;
    expect([circle.value, circle.disabled]).toEqual(['kitchen1', false]);
    fireEvent.change(screen.getByRole('combobox', { name: 'Work for' }), {
      target: { value: 'commons' },
    });
    expect([circle.value, circle.disabled]).toEqual(['circle01', true]);
    expect(circle.getAttribute('aria-describedby')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Declare' }));
    await waitFor(() => expect(onSubmit).toHaveBeenCalledTimes(1));
    expect(onSubmit.mock.calls[0]?.[0]).toMatchObject({ kind: 'commons', circleId: 'circle01' });
    expect((await screen.findByRole('alert')).textContent).toBe(
      'Work on the commons belongs to the whole space’s circle.',
    );
  });

  it('TIMESRV-7 role work names its role and takes its circle', async () => {
    const onSubmit = vi.fn((_fields: unknown) => Promise.resolve());
    render(
      <WorkForm
        circles={[...CIRCLES, { id: 'kitchen1', name: 'Kitchen', purpose: '', createdAt: 2 }]}
        initial={INITIAL}
        title="Declare hours of work"
        submitLabel="Declare"
        onSubmit={onSubmit}
        anchorId="circle01"
        records={(kind) =>
          kind === 'role'
            ? [{ id: 'roleCook', name: 'Cook', label: 'Cook — Kitchen', circleId: 'kitchen1' }]
            : []
        }
      />,
    );
    fireEvent.change(screen.getByRole('combobox', { name: 'Work for' }), {
      target: { value: 'role' },
    });
    expect(screen.queryByRole('combobox', { name: 'What you worked on' })).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Declare' }));
    expect(screen.getByRole('alert').textContent).toBe('Choose the role you worked for.');
    fireEvent.change(screen.getByRole('combobox', { name: 'Which role' }), {
      target: { value: 'roleCook' },
    });
    const circle = screen.getByRole('combobox', { name: 'Circle' }) as HTMLSelectElement;
    expect([circle.value, circle.disabled]).toEqual(['kitchen1', true]);
    fireEvent.click(screen.getByRole('button', { name: 'Declare' }));
    await waitFor(() => expect(onSubmit).toHaveBeenCalledTimes(1));
    expect(onSubmit.mock.calls[0]?.[0]).toEqual({
      minutes: 60,
      workedOn: '2026-03-10',
      kind: 'role',
      subject: 'Cook',
      circleId: 'kitchen1',
      note: '',
      subjectId: 'roleCook',
    });
  });
});
