// A slip: a mistake found in the source text of devices.yaml, said in plain words, with the
// parser errors it explains. The parser often reports a slip far from where it is written
// (an unclosed quote at the end of the file), or several times; a slip puts it back in one place.
import type { ErrorCode } from 'yaml';

export interface Slip {
  /** Where the mistake is written: source offsets, end exclusive. */
  start: number;
  end: number;
  /** What is wrong and how to fix it. */
  message: string;
  /** Parser errors that start in this range (offsets, both ends included) follow from the slip. */
  reach: { from: number; to: number };
  /** The error codes the slip causes; absent means any (an unclosed quote swallows whatever follows). */
  causes?: ReadonlySet<ErrorCode>;
}

/** What the parser says when lines do not line up: what a misplaced space, tab or colon causes. */
export const LAYOUT_ERRORS: ReadonlySet<ErrorCode> = new Set<ErrorCode>([
  'BAD_INDENT',
  'BLOCK_AS_IMPLICIT_KEY',
  'BLOCK_IN_FLOW',
  'MISSING_CHAR',
  'MULTILINE_IMPLICIT_KEY',
  'TAB_AS_INDENT',
  'UNEXPECTED_TOKEN',
]);
