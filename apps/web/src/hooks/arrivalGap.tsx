import { render } from '@testing-library/react';
import { useLayoutEffect } from 'react';
import * as Y from 'yjs';

/**
 * For tests of stores read with `useSyncExternalStore`: renders `read` (a
 * hook call) while `copy` is applied to `doc` after the commit and before the
 * passive effects that subscribe, as a local or server copy landing in that
 * gap would be; answers what `read` returned last.
 *
 * @example
 * expect(readAcrossArrival(doc, copy, () => useMeetingState(doc).facilitators)).toEqual(['f1']);
 */
export function readAcrossArrival<T>(doc: Y.Doc, copy: Uint8Array, read: () => T): T {
  let last: { value: T } | null = null;
  function Reader() {
    last = { value: read() };
    return null;
  }
  function Arrival() {
    useLayoutEffect(() => Y.applyUpdate(doc, copy), []);
    return null;
  }
  render(
    <>
      <Reader />
      <Arrival />
    </>,
  );
  if (!last) throw new Error('the reader never rendered');
  return (last as { value: T }).value;
}
