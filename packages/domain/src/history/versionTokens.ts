import * as Y from 'yjs';
import { proposalBody, proposalDriver, proposalTitle } from '../proposal.ts';

/** The parts of a proposal a version shows, in reading order. */
export const VERSION_SECTIONS = ['title', 'driver', 'body'] as const;
export type VersionSection = (typeof VERSION_SECTIONS)[number];

/**
 * One piece of a version's text: a run of UTF-16 units that one Yjs item
 * holds (ids `client:clock` … `client:clock + text.length - 1`, unique in the
 * document and never reused), or the start of a block (a paragraph, heading
 * or list item of the body, the id of its element). Two versions of one
 * document compare by id (HIST-2); reading per item rather than per unit
 * keeps a long text cheap (HIST-7).
 */
export type VersionToken =
  | {
      readonly kind: 'text';
      readonly client: number;
      readonly clock: number;
      readonly text: string;
    }
  | {
      readonly kind: 'block';
      readonly client: number;
      readonly clock: number;
      readonly type: string;
    };

/** A version's tokens per section. */
export type VersionTokens = Readonly<Record<VersionSection, readonly VersionToken[]>>;

/**
 * The visible text of a proposal document, item by item, each with the Yjs
 * client id that inserted it (SPEC HIST-1, HIST-7): title, driver and the
 * body's text blocks (an element that holds text directly; inside a list
 * item it counts as a `listItem`). Deleted items, formatting marks and
 * embeds are skipped. Reads the document's structs, so it works on any
 * state, garbage-collected or not.
 *
 * @example
 * const doc = new Y.Doc(); Y.applyUpdate(doc, storedState);
 * versionTokens(doc).title.map((t) => (t.kind === 'text' ? t.text : '')).join('');
 */
export function versionTokens(doc: Y.Doc): VersionTokens {
  const body: VersionToken[] = [];
  walkFragment(proposalBody(doc), body, false);
  return {
    title: textTokens(proposalTitle(doc)),
    driver: textTokens(proposalDriver(doc)),
    body,
  };
}

function textTokens(text: Y.Text | Y.XmlText, into: VersionToken[] = []): VersionToken[] {
  for (let item = text._start; item !== null; item = item.right) {
    if (item.deleted || !(item.content instanceof Y.ContentString)) continue;
    const { client, clock } = item.id;
    into.push({ kind: 'text', client, clock, text: item.content.str });
  }
  return into;
}

function walkFragment(parent: Y.XmlFragment | Y.XmlElement, into: VersionToken[], inList: boolean) {
  for (let item = parent._start; item !== null; item = item.right) {
    if (item.deleted || !(item.content instanceof Y.ContentType)) continue;
    const child = item.content.type;
    if (child instanceof Y.XmlElement) {
      const listed = inList || child.nodeName === 'listItem';
      if (holdsText(child)) {
        const { client, clock } = item.id;
        into.push({ kind: 'block', client, clock, type: listed ? 'listItem' : child.nodeName });
      }
      walkFragment(child, into, listed);
    } else if (child instanceof Y.XmlText) {
      textTokens(child, into);
    }
  }
}

/** An element with a text node among its (visible) children. */
function holdsText(element: Y.XmlElement): boolean {
  for (let item = element._start; item !== null; item = item.right) {
    if (!item.deleted && item.content instanceof Y.ContentType) {
      if (item.content.type instanceof Y.XmlText) return true;
    }
  }
  return false;
}
