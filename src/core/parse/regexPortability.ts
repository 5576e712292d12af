// Where JavaScript's matching differs from Python's, found before it can give a different
// record: JavaScript forgets a group's text at each new pass of a repeat (Python keeps the last
// text it matched); a backreference to a group that took no part in the match matches nothing
// in JavaScript (in Python it fails); and a repeated part that can match empty is repeated
// differently (Python keeps one empty pass, JavaScript drops it). The first two only matter
// when the group can be skipped, so only such patterns are refused.
import { Alternation, RegexNode, RegexSyntaxError } from './regexSyntax';
import { canMatchEmpty } from './regexWidth';

/** One step on the way from the pattern's top to a node. */
type Frame =
  | { kind: 'branch'; owner: Alternation; index: number; count: number }
  | { kind: 'repeat'; owner: RegexNode; min: number; max: number }
  | { kind: 'look'; owner: RegexNode; negate: boolean };

const canSkip = (frame: Frame) => (frame.kind === 'branch' && frame.count > 1) || (frame.kind === 'repeat' && frame.min === 0) || (frame.kind === 'look' && frame.negate);

const sameFrame = (a: Frame, b: Frame) => a.kind === b.kind && a.owner === b.owner && (a.kind !== 'branch' || a.index === (b as typeof a).index);

export function checkPortable(body: Alternation): void {
  // The way down to the current node, and where on it the repeats (of more than one pass) and
  // the skippable steps are, so each group is checked without walking its path again.
  const path: Frame[] = [];
  const repeats: number[] = [];
  const skips: number[] = [];
  const groups = new Map<number, Frame[]>();
  const backrefs: { group: number; position: number; path: Frame[] }[] = [];

  const within = (frame: Frame, inner: () => void) => {
    path.push(frame);
    if (frame.kind === 'repeat' && frame.max > 1) repeats.push(path.length - 1);
    if (canSkip(frame)) skips.push(path.length - 1);
    inner();
    if (repeats[repeats.length - 1] === path.length - 1) repeats.pop();
    if (skips[skips.length - 1] === path.length - 1) skips.pop();
    path.pop();
  };
  const visitAlternation = (alternation: Alternation) => {
    alternation.forEach((sequence, index) => within({ kind: 'branch', owner: alternation, index, count: alternation.length }, () => sequence.forEach(visit)));
  };
  const visit = (node: RegexNode) => {
    switch (node.kind) {
      case 'group':
        if (node.group !== undefined) {
          if (repeats.length > 0 && skips.length > 0 && repeats[0] < skips[skips.length - 1]) {
            throw new RegexSyntaxError(`group ${node.group} can be skipped on some passes of a repeat; JavaScript would forget its text where Python keeps it`, node.position);
          }
          groups.set(node.group, [...path]);
        }
        visitAlternation(node.body);
        return;
      case 'atomic':
        visitAlternation(node.body);
        return;
      case 'look':
        within({ kind: 'look', owner: node, negate: node.negate }, () => visitAlternation(node.body));
        return;
      case 'repeat':
        // An optional part (at most once) is written as an alternative instead; see the emitter.
        if (node.max > node.min && node.max > 1 && canMatchEmpty(node.body)) {
          throw new RegexSyntaxError('a repeated part that can match empty: JavaScript and Python repeat it differently (make each pass match something)', node.position);
        }
        within({ kind: 'repeat', owner: node, min: node.min, max: node.max }, () => visit(node.body));
        return;
      case 'backref':
        backrefs.push({ group: node.group, position: node.position, path: [...path] });
        return;
      default:
        return;
    }
  };
  visitAlternation(body);

  for (const ref of backrefs) {
    const target = groups.get(ref.group) ?? [];
    let shared = 0;
    while (shared < target.length && shared < ref.path.length && sameFrame(target[shared], ref.path[shared])) shared++;
    if (target.slice(shared).some(canSkip)) {
      throw new RegexSyntaxError(`backreference to group ${ref.group}, which may take no part in the match: JavaScript would match it as empty where Python fails`, ref.position);
    }
  }
}
