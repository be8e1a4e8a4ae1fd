import { initProposal, proposalBody, proposalTitle, replaceText } from '@ronde/domain';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { watchProposalEdits, type SummaryPatch } from './indexUpdater.ts';

function setup() {
  const doc = new Y.Doc();
  initProposal(doc, {
    id: 'prop0001',
    spaceId: 'space001',
    circleId: 'circle01',
    title: 'Four-day week',
    driver: '',
    createdBy: 'Awa',
    now: 0,
  });
  const writes: SummaryPatch[] = [];
  const stop = watchProposalEdits(doc, {
    write: (s) => writes.push(s),
    promptDelayMs: 300,
    bodyIntervalMs: 10_000,
  });
  return { doc, writes, stop };
}

function typeInBody(doc: Y.Doc, text: string): void {
  const paragraph = new Y.XmlElement('paragraph');
  paragraph.insert(0, [new Y.XmlText(text)]);
  proposalBody(doc).insert(proposalBody(doc).length, [paragraph]);
}

describe('watchProposalEdits', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    vi.setSystemTime(1_000_000);
  });
  afterEach(() => vi.useRealTimers());

  it('writes a title change promptly, once for a burst of keystrokes', () => {
    const { doc, writes } = setup();
    replaceText(proposalTitle(doc), 'Four-day week t');
    vi.advanceTimersByTime(100);
    replaceText(proposalTitle(doc), 'Four-day week trial');
    expect(writes).toHaveLength(0);
    vi.advanceTimersByTime(300);
    expect(writes).toEqual([
      { title: 'Four-day week trial', status: 'draft', circleId: 'circle01', updatedAt: 1_000_100 },
    ]);
  });

  it('writes body edits at most every 10 seconds', () => {
    const { doc, writes } = setup();
    typeInBody(doc, 'a');
    vi.advanceTimersByTime(0);
    expect(writes).toHaveLength(1); // the first edit shows at once
    for (let i = 0; i < 9; i++) {
      vi.advanceTimersByTime(1000);
      typeInBody(doc, 'b');
    }
    expect(writes).toHaveLength(1);
    vi.advanceTimersByTime(1000);
    expect(writes).toHaveLength(2);
    expect(writes[1]?.updatedAt).toBe(1_009_000); // the time of the last edit
  });

  it('ignores edits that arrive from other replicas', () => {
    const { doc, writes } = setup();
    const remote = new Y.Doc();
    Y.applyUpdate(remote, Y.encodeStateAsUpdate(doc));
    replaceText(proposalTitle(remote), 'Remote title');
    typeInBody(remote, 'remote text');
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(remote, Y.encodeStateVector(doc)), 'provider');
    vi.advanceTimersByTime(20_000);
    expect(writes).toHaveLength(0);
  });

  it('writes what is pending when it stops, and nothing after', () => {
    const { doc, writes, stop } = setup();
    typeInBody(doc, 'a');
    vi.advanceTimersByTime(0);
    typeInBody(doc, 'b');
    stop();
    expect(writes).toHaveLength(2);
    typeInBody(doc, 'c');
    vi.advanceTimersByTime(20_000);
    expect(writes).toHaveLength(2);
  });
});
