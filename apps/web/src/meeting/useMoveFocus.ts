import { useCallback, useEffect, useRef } from 'react';
import type { MoveDirection } from './AgendaItemRow.tsx';

/**
 * Keeps focus on a moved item's move button once the list shows the move
 * (at once for the planned agenda, when the server's event arrives for the
 * live one); at an end, where that button is disabled, on the other one.
 *
 * @example
 * const focus = useMoveFocus(items);
 * <AgendaItemRow registerMoveButton={focus.register} … />;
 * focus.request(item.id, 'up', index - 1);
 */
export function useMoveFocus(items: readonly { readonly id: string }[]): {
  register: (id: string, direction: MoveDirection, el: HTMLButtonElement | null) => void;
  request: (id: string, direction: MoveDirection, to: number) => void;
} {
  const buttons = useRef(new Map<string, HTMLButtonElement>());
  const pending = useRef<{ id: string; direction: MoveDirection; to: number } | null>(null);

  const register = useCallback(
    (id: string, direction: MoveDirection, el: HTMLButtonElement | null) => {
      const key = `${id}:${direction}`;
      if (el) buttons.current.set(key, el);
      else buttons.current.delete(key);
    },
    [],
  );
  const request = useCallback((id: string, direction: MoveDirection, to: number) => {
    pending.current = { id, direction, to };
  }, []);

  useEffect(() => {
    const wanted = pending.current;
    if (!wanted) return;
    const index = items.findIndex((item) => item.id === wanted.id);
    // Not there yet (a live move shows once the server's event arrives).
    if (index !== wanted.to) return;
    pending.current = null;
    const atEnd = wanted.direction === 'up' ? index === 0 : index === items.length - 1;
    const direction = atEnd ? (wanted.direction === 'up' ? 'down' : 'up') : wanted.direction;
    buttons.current.get(`${wanted.id}:${direction}`)?.focus();
  }, [items]);

  return { register, request };
}
