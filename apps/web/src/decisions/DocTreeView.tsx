import type { DocMark, DocNode } from '@ronde/domain';
import type { ReactNode } from 'react';
import { markElement } from '../editor/markElement.tsx';

/**
 * A proposal text kept in the decision log (`fragmentToTree`), rendered
 * read-only with plain elements: no editor in this bundle. Headings start
 * at `h4`, under the decision's own heading levels.
 *
 * @example
 * <DocTreeView nodes={entry.body} />
 */
export function DocTreeView({ nodes }: { nodes: readonly DocNode[] }) {
  return <>{nodes.map((node, i) => renderNode(node, i))}</>;
}

function renderNode(node: DocNode, key: number): ReactNode {
  if (node.type === 'text') return <Marked key={key} text={node.text ?? ''} marks={node.marks} />;
  const children = node.content ? <DocTreeView nodes={node.content} /> : null;
  switch (node.type) {
    case 'paragraph':
      return <p key={key}>{children}</p>;
    case 'heading': {
      const level = Math.min(3, Math.max(1, Number(node.attrs?.level) || 1));
      const Tag = (['h4', 'h5', 'h6'] as const)[level - 1]!;
      return <Tag key={key}>{children}</Tag>;
    }
    case 'bulletList':
      return <ul key={key}>{children}</ul>;
    case 'orderedList': {
      const start = Number(node.attrs?.start);
      return (
        <ol key={key} start={Number.isInteger(start) && start !== 1 ? start : undefined}>
          {children}
        </ol>
      );
    }
    case 'listItem':
      return <li key={key}>{children}</li>;
    case 'blockquote':
      return <blockquote key={key}>{children}</blockquote>;
    case 'codeBlock':
      return (
        <pre key={key}>
          <code>{children}</code>
        </pre>
      );
    case 'hardBreak':
      return <br key={key} />;
    case 'horizontalRule':
      return <hr key={key} />;
    default:
      return <div key={key}>{children}</div>;
  }
}

function Marked({ text, marks = [] }: { text: string; marks?: readonly DocMark[] }) {
  return marks.reduce<ReactNode>((inner, mark) => markElement(mark.type, mark.attrs, inner), text);
}
