import { activeTimeout, callTimeout, endTimeout } from '@ronde/domain';
import { useT } from '../i18n/useT.ts';
import { useProcess } from './processModel.ts';
import { isRunning } from './steps.ts';

/** A time-out, visible to everyone; anyone taking part calls one, a facilitator ends it. */
export function TimeoutBanner() {
  const t = useT();
  const model = useProcess();
  const { state } = model;
  if (!isRunning(state)) return null;
  const timeout = activeTimeout(state);
  if (timeout === null) {
    if (!model.takesPart) return null;
    return (
      <div className="process-timeout-call">
        <button type="button" className="button" onClick={() => model.run(callTimeout)}>
          {t('process.callTimeout')}
        </button>
      </div>
    );
  }
  return (
    <div className="timeout-banner">
      <p className="timeout-banner__text">
        <strong>{t('process.timeoutTitle')}</strong>{' '}
        {t('process.timeoutBy', { name: model.name(timeout.by) })}
      </p>
      {model.facilitator && (
        <button type="button" className="button" onClick={() => model.run(endTimeout)}>
          {t('process.endTimeout')}
        </button>
      )}
    </div>
  );
}
