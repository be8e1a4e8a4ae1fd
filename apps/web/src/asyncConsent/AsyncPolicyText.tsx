import type { AsyncPolicy } from '@ronde/domain';
import { useT } from '../i18n/useT.ts';

/**
 * What silence means at the deadline, in one sentence (shown up front:
 * before sending, and on the consent itself).
 *
 * @example
 * <AsyncPolicyText policy={state.policy} />
 */
export function AsyncPolicyText({ policy, id }: { policy: AsyncPolicy; id?: string }) {
  const t = useT();
  return (
    <p className="hint async-policy" id={id}>
      {policy.lazy
        ? t('async.policy.lazy')
        : policy.quorumPercent >= 100
          ? t('async.policy.everyone')
          : t('async.policy.quorum', { percent: policy.quorumPercent })}
    </p>
  );
}
