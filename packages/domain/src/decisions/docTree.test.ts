import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { proposalBody } from '../proposal.ts';
import { proposalDoc } from '../../test/decisionFixtures.ts';
import { fragmentToTree, isDocNode, treeText } from './docTree.ts';

describe('fragmentToTree', () => {
  it('DEC-4 turns elements into nodes and formatted runs into text with marks', () => {
    const tree = fragmentToTree(proposalBody(proposalDoc()));
    expect(tree).toEqual([
      {
        type: 'paragraph',
        content: [
          { type: 'text', text: 'Work ' },
          {
            type: 'text',
            text: 'four days',
            marks: [
              { type: 'bold' },
              { type: 'link', attrs: { href: 'https://a.org', target: null } },
            ],
          },
        ],
      },
    ]);
    expect(tree.every(isDocNode)).toBe(true);
    expect(JSON.parse(JSON.stringify(tree))).toEqual(tree);
  });

  it('DEC-4 keeps scalar attributes, nests children, drops empty elements’ content', () => {
    const doc = new Y.Doc();
    const heading = new Y.XmlElement('heading');
    heading.setAttribute('level', 2 as unknown as string);
    const list = new Y.XmlElement('bulletList');
    const item = new Y.XmlElement('listItem');
    const para = new Y.XmlElement('paragraph');
    const text = new Y.XmlText('one');
    proposalBody(doc).insert(0, [heading, list, new Y.XmlElement('horizontalRule')]);
    list.insert(0, [item]);
    item.insert(0, [para]);
    para.insert(0, [text]);
    const tree = fragmentToTree(proposalBody(doc));
    expect(tree).toEqual([
      { type: 'heading', attrs: { level: 2 } },
      {
        type: 'bulletList',
        content: [
          {
            type: 'listItem',
            content: [{ type: 'paragraph', content: [{ type: 'text', text: 'one' }] }],
          },
        ],
      },
      { type: 'horizontalRule' },
    ]);
    expect(treeText(tree)).toBe('\none\n');
  });

  it('DEC-4 isDocNode refuses values that are not nodes', () => {
    expect(isDocNode({ type: 'p', content: [{ text: 'x' }] })).toBe(false);
    expect(isDocNode('x')).toBe(false);
    expect(isDocNode({ type: 'text', text: 3 })).toBe(false);
  });
});
