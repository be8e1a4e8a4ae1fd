import type { EventResult } from '@ronde/domain';
import { useState } from 'react';
import type { Command, ProcessModel } from './processModel.ts';

/**
 * Runs commands like `model.run`, remembering the last event sent so its
 * result in the fold can be shown: null until sent and while the log does not
 * hold it yet.
 *
 * @example
 * const { send, result } = useSentResult(model);
 * send((s, by, at) => noteItem(s, by, at, text));
 * result?.status === 'refused'; // then result.reason says why
 */
export function useSentResult(model: ProcessModel): {
  send: (command: Command) => void;
  result: EventResult | null;
} {
  const [sent, setSent] = useState<string | null>(null);
  const result = sent === null ? null : (model.state.results.find((r) => r.id === sent) ?? null);
  const send = (command: Command) =>
    model.run((s, by, at) => {
      const event = command(s, by, at);
      setSent(event.id);
      return event;
    });
  return { send, result };
}
