import * as Y from 'yjs';
import { proposalBody, proposalDriver, proposalTitle } from '../proposal.ts';

/** The parts of a proposal a version shows, in reading order. */
export const VERSION_SECTIONS = ['title', 'driver', 'body'] as const;
export type VersionSection = (typeof VERSION_SECTIONS)[number];

/**
 * One unit of a version's text: a UTF-16 unit of text, or the start of a
 * block (a paragraph, heading or list item of the body). `key` is its Yjs
 * id (`client:clock`), unique in the document and never reused, so two
 * versions of one document compare by key (HIST-2).
 */
export type VersionToken =
  | { readonly kind: 'char'; readonly key: string; readonly client: number; readonly ch: string }
  | {
      readonly kind: 'block';
      readonly key: string;
      readonly client: number;
      readonly type: string;
    };

/** A version's tokens per section. */
export type VersionTokens = Readonly<Record<VersionSection, readonly VersionToken[]>>;

/**
 * The visible text of a proposal document, unit by unit, each with the Yjs
 * client id that inserted it (SPEC HIST-1): title, driver and the body's
 * text blocks (an element that holds text directly; inside a list item it
 * counts as a `listItem`). Deleted items, formatting marks and embeds are
 * skipped. Reads the document's structs, so it works on any state,
 * garbage-collected or not.
 *
 * @example
 * const doc = new Y.Doc(); Y.applyUpdate(doc, storedState);
 * versionTokens(doc).title.map((t) => (t.kind === 'char' ? t.ch : '')).join('');
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
    const str = item.content.str;
    for (let i = 0; i < str.length; i++) {
      into.push({ kind: 'char', key: `${client}:${clock + i}`, client, ch: str[i] as string });
    }
  }
  return into;
}

function walkFragment(parent: Y.XmlFragment | Y.XmlElement, into: VersionToken[], inList: boolean) {
  for (let item = parent._start; item !== null; item = item.right) {
    if (item.deleted || !(item.content instanceof Y.ContentType)) continue;
    const child = item.content.type;
    if (child instanceof Y.XmlElement) {
      const holdsText = child.toArray().some((node) => node instanceof Y.XmlText);
      const listed = inList || child.nodeName === 'listItem';
      if (holdsText) {
        const { client, clock } = item.id;
        into.push({
          kind: 'block',
          key: `${client}:${clock}`,
          client,
          type: listed ? 'listItem' : child.nodeName,
        });
      }
      walkFragment(child, into, listed);
    } else if (child instanceof Y.XmlText) {
      textTokens(child, into);
    }
  }
}
