import { currentItem } from '@ronde/domain';
import { useT, type Translate } from '../i18n/useT.ts';
import { useProcess } from './processModel.ts';
import { currentTemplate, railSteps, upcoming, type Upcoming } from './steps.ts';

/** The words of what comes next, or of what must happen first. */
export function upcomingText(t: Translate, next: Upcoming | null): string {
  if (next === null) return t('cockpit.next.outcome');
  switch (next.kind) {
    case 'step':
      return t('cockpit.next.step', { step: t(next.name) });
    case 'item':
      return t('cockpit.next.item', { title: next.title });
    case 'closing':
      return t('cockpit.next.closing');
    case 'end':
      return t('cockpit.next.end');
  }
}

/** "Step 5 of 7 · Next: Outcome": where we are, in one line, on every screen. */
export function StepProgress() {
  const t = useT();
  const { state } = useProcess();
  const template = currentTemplate(state);
  const step = state.step;
  if (template === null || step === null) return null;
  const steps = railSteps(template, step);
  const index = steps.findIndex((s) => s.status === 'current') + 1;
  return (
    <p className="step-progress">
      {steps.length > 1 && (
        <span className="step-progress__count">
          {t('cockpit.stepOf', { index, count: steps.length })}
        </span>
      )}
      <span className="step-progress__next">{upcomingText(t, upcoming(state))}</span>
    </p>
  );
}

/**
 * The step sidebar: the current template's steps, the one we are at marked
 * (aria-current), those passed marked done, and what "Next step" leads to.
 */
export function StepRail() {
  const t = useT();
  const { state } = useProcess();
  const template = currentTemplate(state);
  const step = state.step;
  if (template === null || step === null) return null;
  const item = currentItem(state);
  const where =
    state.phase === 'check-in'
      ? t('cockpit.checkIn')
      : state.phase === 'closing'
        ? t('cockpit.closing')
        : (item?.title ?? '');
  return (
    <nav className="step-rail card" aria-label={t('cockpit.steps')}>
      <p className="step-rail__where">{where}</p>
      <ol className="step-rail__list">
        {railSteps(template, step).map((s) => (
          <li
            key={s.key}
            className={`step-rail__step step-rail__step--${s.status}`}
            aria-current={s.status === 'current' ? 'step' : undefined}
          >
            <span className="step-rail__dot" aria-hidden="true" />
            <span className="step-rail__name">{t(s.name)}</span>
            {s.status !== 'ahead' && (
              <span className="visually-hidden"> ({t(`cockpit.status.${s.status}`)})</span>
            )}
          </li>
        ))}
      </ol>
      <p className="step-rail__next">{upcomingText(t, upcoming(state))}</p>
    </nav>
  );
}
