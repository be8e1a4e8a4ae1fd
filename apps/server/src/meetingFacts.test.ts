import { meetingLog } from '@ronde/domain';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { logEventIds } from './meetingFacts.ts';

describe('meetingFacts', () => {
  it('EVT-6 knows every id of the log as it grows, reading only what was appended', () => {
    const doc = new Y.Doc();
    const log = meetingLog(doc);
    expect([...logEventIds(doc)]).toEqual([]);
    log.push([{ id: 'ev1' } as never, { id: 42 } as never, 'x' as never]);
    expect([...logEventIds(doc)]).toEqual(['ev1']);
    log.push([{ id: 'ev2' } as never]);
    const ids = logEventIds(doc);
    expect([...ids].sort()).toEqual(['ev1', 'ev2']);
    expect(logEventIds(doc)).toBe(ids); // the same set, extended in place
  });
});
