import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { decodeAnchor, encodeAnchor } from './anchor.ts';
import { fromBase64, toBase64 } from './base64.ts';

describe('objection anchors', () => {
  it('POS-5 base64 round-trips any bytes and rejects what is not base64', () => {
    for (let length = 0; length < 20; length++) {
      const bytes = Uint8Array.from({ length }, (_, i) => (i * 97 + length) & 255);
      const text = toBase64(bytes);
      expect(text).toBe(Buffer.from(bytes).toString('base64'));
      expect(fromBase64(text)).toEqual(bytes);
    }
    expect(fromBase64('A')).toBeNull();
    expect(fromBase64('A===')).toBeNull();
    expect(fromBase64('AB$=')).toBeNull();
  });

  it('POS-5 an anchor follows concurrent edits of the proposal body', () => {
    const doc = new Y.Doc();
    const body = doc.getText('body');
    body.insert(0, 'We meet every week.');
    const anchor = encodeAnchor(
      Y.createRelativePositionFromTypeIndex(body, 8),
      Y.createRelativePositionFromTypeIndex(body, 18),
      'every week',
    );
    const copy = JSON.parse(JSON.stringify(anchor));
    body.insert(0, 'Proposal: ');
    const decoded = decodeAnchor(copy)!;
    const start = Y.createAbsolutePositionFromRelativePosition(decoded.start, doc)!.index;
    const end = Y.createAbsolutePositionFromRelativePosition(decoded.end, doc)!.index;
    expect(body.toString().slice(start, end)).toBe('every week');
    expect(decoded.quote).toBe('every week');
    expect(decodeAnchor({ start: '!!', end: '', quote: '' })).toBeNull();
  });
});
