import { useEffect, useRef, useState } from 'react';

/**
 * What the polite live region says: the latest change among `parts` (each a
 * sentence keyed by what it is about), never what was there on first render.
 * A part that changes to null says nothing.
 *
 * @example
 * const message = useAnnouncement([[step.id, t('process.announceStep', { step })]]);
 */
export function useAnnouncement(parts: readonly (readonly [string | null, string])[]): string {
  const [message, setMessage] = useState('');
  const previous = useRef<readonly (string | null)[] | null>(null);
  const keys = parts.map(([key]) => key);
  const texts = parts.map(([, text]) => text);
  const signature = JSON.stringify(keys);
  useEffect(() => {
    const before = previous.current;
    const now = JSON.parse(signature) as (string | null)[];
    previous.current = now;
    if (before === null) return;
    const said = now
      .map((key, i) => (key !== null && key !== before[i] ? texts[i] : null))
      .filter((text): text is string => text !== null);
    if (said.length > 0) setMessage(said.join(' '));
    // Only a change of keys is news; the texts follow them (or the language).
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [signature]);
  return message;
}
