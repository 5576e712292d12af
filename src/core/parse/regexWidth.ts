// Python's getwidth(): the fewest and most characters a part of a pattern can match. Python
// needs it for lookbehinds (fixed width only); the translation needs to know what can match
// empty, where Python and JavaScript repeat differently.
import { Alternation, RegexNode } from './regexSyntax';

export type Width = [number, number];

/** A backreference is as wide as its group; callers that do not track groups say "anything". */
export type GroupWidth = (group: number) => Width;

export const ANY_WIDTH: GroupWidth = () => [0, Infinity];

export function widthOf(alternation: Alternation, groupWidth: GroupWidth): Width {
  let lo = Infinity;
  let hi = 0;
  for (const sequence of alternation) {
    let seqLo = 0;
    let seqHi = 0;
    for (const node of sequence) {
      const [a, b] = nodeWidth(node, groupWidth);
      seqLo += a;
      seqHi += b;
    }
    lo = Math.min(lo, seqLo);
    hi = Math.max(hi, seqHi);
  }
  return [lo, hi];
}

// Widths without group tracking, kept per node: asked for every repeat, they would otherwise be
// recomputed for each level of nesting (`sh(o(w)?)?` nests a level per letter).
const anyWidthCache = new WeakMap<RegexNode, Width>();

export function nodeWidth(node: RegexNode, groupWidth: GroupWidth): Width {
  if (groupWidth !== ANY_WIDTH) return computeWidth(node, groupWidth);
  let width = anyWidthCache.get(node);
  if (!width) anyWidthCache.set(node, (width = computeWidth(node, groupWidth)));
  return width;
}

function computeWidth(node: RegexNode, groupWidth: GroupWidth): Width {
  switch (node.kind) {
    case 'literal':
    case 'any':
    case 'set':
      return [1, 1];
    case 'anchor':
    case 'look':
      return [0, 0];
    case 'group':
      // A closed group's width is already known to the parser.
      return node.group !== undefined && groupWidth !== ANY_WIDTH ? groupWidth(node.group) : widthOf(node.body, groupWidth);
    case 'atomic':
      return widthOf(node.body, groupWidth);
    case 'repeat': {
      const [lo, hi] = nodeWidth(node.body, groupWidth);
      return [lo * node.min, hi === 0 ? 0 : hi * node.max];
    }
    case 'backref':
      return groupWidth(node.group);
  }
}

export const canMatchEmpty = (node: RegexNode) => nodeWidth(node, ANY_WIDTH)[0] === 0;
