import * as Y from 'yjs';
import { QUOTE_MAX, type Anchor } from './events.ts';
import { fromBase64, toBase64 } from './base64.ts';

/**
 * Anchors an objection to a span of the proposal body: two relative
 * positions (they follow concurrent edits) and the quoted text (SPEC POS-5).
 *
 * @example
 * const start = Y.createRelativePositionFromTypeIndex(body, 4);
 * const end = Y.createRelativePositionFromTypeIndex(body, 9);
 * const anchor = encodeAnchor(start, end, 'quick');
 */
export function encodeAnchor(
  start: Y.RelativePosition,
  end: Y.RelativePosition,
  quote: string,
): Anchor {
  return {
    start: toBase64(Y.encodeRelativePosition(start)),
    end: toBase64(Y.encodeRelativePosition(end)),
    quote: quote.slice(0, QUOTE_MAX),
  };
}

/**
 * The relative positions of an anchor, or null when they do not decode.
 *
 * @example
 * const decoded = decodeAnchor(anchor);
 * if (decoded) Y.createAbsolutePositionFromRelativePosition(decoded.start, doc);
 */
export function decodeAnchor(
  anchor: Anchor,
): { start: Y.RelativePosition; end: Y.RelativePosition; quote: string } | null {
  const start = fromBase64(anchor.start);
  const end = fromBase64(anchor.end);
  if (start === null || end === null) return null;
  try {
    return {
      start: Y.decodeRelativePosition(start),
      end: Y.decodeRelativePosition(end),
      quote: anchor.quote,
    };
  } catch {
    // Bytes that are base64 but not a relative position: the anchor is lost, not the objection.
    return null;
  }
}
