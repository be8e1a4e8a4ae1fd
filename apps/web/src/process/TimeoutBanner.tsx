import { activeTimeout, callTimeout, endTimeout } from '@ronde/domain';
import { useT } from '../i18n/useT.ts';
import { useProcess } from './processModel.ts';
import { isRunning } from './steps.ts';

/** Anyone taking part calls a time-out while none is running. */
export function CallTimeout() {
  const t = useT();
  const model = useProcess();
  const { state } = model;
  if (!isRunning(state) || !model.takesPart || activeTimeout(state) !== null) return null;
  return (
    <div className="process-timeout-call">
      <button type="button" className="button" onClick={() => model.run(callTimeout)}>
        {t('process.callTimeout')}
      </button>
    </div>
  );
}

/** A time-out, visible to everyone; a facilitator ends it. */
export function TimeoutBanner() {
  const t = useT();
  const model = useProcess();
  const { state } = model;
  if (!isRunning(state)) return null;
  const timeout = activeTimeout(state);
  if (timeout === null) return null;
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
