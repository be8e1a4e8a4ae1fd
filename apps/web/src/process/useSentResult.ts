import type { EventResult } from '@ronde/domain';
import { useState } from 'react';
import { useSubmitRefusal, type MyRefusal } from '../sync/submitRefusals.ts';
import type { Command, ProcessModel } from './processModel.ts';

/**
 * Runs commands like `model.run`, remembering the last event sent so its
 * fate can be shown: `result` is its result in the fold (null until sent and
 * while the log does not hold it yet), `refusal` the server's refusal when
 * it never reached the log.
 *
 * @example
 * const { send, result, refusal } = useSentResult(model);
 * send((s, by, at) => noteItem(s, by, at, text));
 * <RefusalNote result={result} refusal={refusal} />;
 */
export function useSentResult(model: ProcessModel): {
  send: (command: Command) => void;
  result: EventResult | null;
  refusal: MyRefusal | null;
} {
  const [sent, setSent] = useState<string | null>(null);
  const result = sent === null ? null : (model.state.results.find((r) => r.id === sent) ?? null);
  const refusal = useSubmitRefusal(sent);
  const send = (command: Command) =>
    model.run((s, by, at) => {
      const event = command(s, by, at);
      setSent(event.id);
      return event;
    });
  return { send, result, refusal };
}
