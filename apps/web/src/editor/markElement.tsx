import type { ReactNode } from 'react';
import { normalizeLinkUrl } from './linkUrl.ts';

/**
 * `inner` wrapped in the element of a text mark of the editor's schema
 * (bold, italic, strike, underline, code, link); an unknown mark leaves it
 * as it is. A link's address was stored by any client: only web and mail
 * addresses become links.
 *
 * @example
 * markElement('link', { href: 'https://example.org' }, 'a page', { newTab: true });
 */
export function markElement(
  type: string,
  attrs: unknown,
  inner: ReactNode,
  options: { readonly newTab?: boolean } = {},
): ReactNode {
  switch (type) {
    case 'bold':
      return <strong>{inner}</strong>;
    case 'italic':
      return <em>{inner}</em>;
    case 'strike':
      return <s>{inner}</s>;
    case 'underline':
      return <u>{inner}</u>;
    case 'code':
      return <code>{inner}</code>;
    case 'link': {
      const raw = attrs !== null && typeof attrs === 'object' ? (attrs as { href?: unknown }) : {};
      const href = normalizeLinkUrl(String(raw.href ?? ''));
      if (!href) return inner;
      return options.newTab ? (
        <a href={href} target="_blank" rel="noopener noreferrer nofollow">
          {inner}
        </a>
      ) : (
        <a href={href} rel="noopener noreferrer nofollow">
          {inner}
        </a>
      );
    }
    default:
      return inner;
  }
}
