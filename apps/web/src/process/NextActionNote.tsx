import { currentItem, NOTE_MAX, noteItem } from '@ronde/domain';
import { useId, useState } from 'react';
import { useT } from '../i18n/useT.ts';
import { useProcess } from './processModel.ts';
import { RefusalNote } from './RefusalNote.tsx';
import { useSentResult } from './useSentResult.ts';

/**
 * A tension item's next action (OUT-4): everyone sees the latest note; the
 * facilitators and the item's owner write it.
 */
export function NextActionNote() {
  const t = useT();
  const id = useId();
  const model = useProcess();
  const { send, result } = useSentResult(model);
  /** What the user typed; null while it is the latest note unchanged. */
  const [draft, setDraft] = useState<string | null>(null);
  const item = currentItem(model.state);
  if (model.state.phase !== 'item' || item === null || item.kind !== 'tension') return null;
  const mayWrite = model.facilitator || model.me === item.ownerId;
  const text = draft ?? item.note;
  const save = () => {
    send((s, by, at) => noteItem(s, by, at, text.trim()));
    setDraft(null);
  };
  return (
    <div className="next-action stack">
      {item.note !== '' && (
        <p className="next-action__note">{t('process.nextAction', { note: item.note })}</p>
      )}
      {mayWrite && (
        <>
          <div className="field">
            <label htmlFor={`${id}-note`}>{t('process.nextActionLabel')}</label>
            <input
              id={`${id}-note`}
              type="text"
              value={text}
              maxLength={NOTE_MAX}
              onChange={(e) => setDraft(e.target.value)}
            />
          </div>
          <RefusalNote result={result} />
          <div className="actions">
            <button type="button" className="button" onClick={save}>
              {t('process.saveNextAction')}
            </button>
          </div>
        </>
      )}
    </div>
  );
}
