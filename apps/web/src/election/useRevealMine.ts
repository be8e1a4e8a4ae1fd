import { currentItem, isRevealed, revealNomination } from '@ronde/domain';
import { useEffect, useRef } from 'react';
import type { ProcessModel } from '../process/processModel.ts';
import { readSecret } from './nominationSecrets.ts';

/**
 * Once the facilitator has revealed the nominations, opens mine (domain
 * SPEC ELECT-4): submits my latest seal's content, once per seal, from the
 * device that sealed it.
 *
 * @example
 * useRevealMine(model);
 */
export function useRevealMine(model: ProcessModel): void {
  const sent = useRef(new Set<string>());
  const item = currentItem(model.state);
  const seal = item?.election?.seals.find((s) => s.by === model.me) ?? null;
  const revealed = item !== null && isRevealed(item);
  const opened = item?.election?.nominations.some((n) => n.id === seal?.id) ?? false;
  useEffect(() => {
    if (item === null || seal === null || !revealed || opened || !model.takesPart) return;
    if (sent.current.has(seal.id)) return;
    const secret = readSecret(seal.id);
    if (secret === null) return;
    sent.current.add(seal.id);
    model.run((_s, by, at) => revealNomination(item.id, by, at, seal.id, secret));
  }, [item, seal, revealed, opened, model]);
}
