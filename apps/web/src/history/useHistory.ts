import { useCallback, useEffect, useState } from 'react';

/** What an asynchronous read shows: loading, its value, or a failure. */
export type Loaded<T> =
  | { readonly status: 'loading' }
  | { readonly status: 'ready'; readonly value: T }
  | { readonly status: 'error' };

/**
 * Runs `load` whenever its identity changes (wrap it in `useCallback`) and
 * on `reload()`, keeping only the latest answer.
 *
 * @example
 * const [list, reload] = useLoaded(useCallback(() => historyApi.list(s, p), [s, p]));
 */
export function useLoaded<T>(load: (() => Promise<T>) | null): [Loaded<T> | null, () => void] {
  const [state, setState] = useState<Loaded<T> | null>(null);
  const [round, setRound] = useState(0);
  useEffect(() => {
    if (load === null) {
      setState(null);
      return;
    }
    let live = true;
    setState({ status: 'loading' });
    load().then(
      (value) => live && setState({ status: 'ready', value }),
      () => live && setState({ status: 'error' }),
    );
    return () => {
      live = false;
    };
  }, [load, round]);
  const reload = useCallback(() => setRound((n) => n + 1), []);
  return [state, reload];
}
