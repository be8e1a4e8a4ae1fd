import { SERVER_AUTHOR, consentLog, openAsyncConsent } from '@ronde/domain';
import { cleanup } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { readAcrossArrival } from '../hooks/arrivalGap.tsx';
import { useAsyncConsentState } from './useAsyncConsent.ts';

afterEach(cleanup);

const T0 = 1_700_000_000_000;

describe('useAsyncConsentState', () => {
  it('sees a log that arrived between the render and the subscription', () => {
    const doc = new Y.Doc();
    const opened = new Y.Doc();
    consentLog(opened).push([
      openAsyncConsent('pr1proposal', 'ana00001', T0, T0 + 86_400_000, 'a'.repeat(64)),
      {
        id: 'roll0001',
        type: 'async.roll',
        by: SERVER_AUTHOR,
        at: T0,
        voters: ['ana00001', 'bea00001'],
        facilitators: [],
        policy: { lazy: false, quorumPercent: 100 },
        names: {},
      },
    ]);
    const copy = Y.encodeStateAsUpdate(opened);
    expect(readAcrossArrival(doc, copy, () => useAsyncConsentState(doc).phase)).toBe('open');
  });
});
