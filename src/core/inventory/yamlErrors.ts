// YAML syntax errors -> diagnostics. For the slips a network engineer commonly makes (a tab,
// a key indented too deep, a missing space after a colon, an unclosed quote or bracket), one
// diagnostic in plain words where the slip is written, with the parser's own words at the end.
// Parser errors that follow from a slip are not said again; any other error keeps the
// parser's message.
import type { YAMLError } from 'yaml';
import { layoutSlips } from './layoutSlips';
import type { Slip } from './slip';
import type { InventoryDiagnostic, PositionOf } from './types';
import { unclosedSlips } from './unclosedSlips';

export function syntaxDiagnostics(source: string, errors: readonly YAMLError[], position: PositionOf): InventoryDiagnostic[] {
  const slips = [...layoutSlips(source), ...unclosedSlips(source)];
  const explained = new Set<Slip>();
  const diagnostics: InventoryDiagnostic[] = [];
  for (const error of errors) {
    const slip = explainingSlip(error, slips);
    if (slip) {
      if (!explained.has(slip)) diagnostics.push(diagnostic(slip.start, slip.end, `${slip.message} (YAML parser: ${firstLine(error)})`, position));
      explained.add(slip);
    } else if (!isStrayAfter(error, explained)) {
      diagnostics.push(diagnostic(error.pos[0], error.pos[1], `YAML syntax error: ${firstLine(error)}`, position));
    }
  }
  return diagnostics;
}

/**
 * The slip the error follows from, of those that reach it: the nearest one before it (a quote
 * inside an unclosed bracket, not the bracket), else the nearest after it (the parser says a
 * key is indented too deep on the line above it).
 */
function explainingSlip(error: YAMLError, slips: Slip[]): Slip | undefined {
  const at = error.pos[0];
  const reaching = slips.filter((s) => s.reach.from <= at && at <= s.reach.to && (!s.causes || s.causes.has(error.code)));
  const distance = (s: Slip) => (s.start <= at ? at - s.start : Number.MAX_SAFE_INTEGER / 2 + s.start - at);
  return reaching.sort((a, b) => distance(a) - distance(b))[0];
}

/** After a slip it could not place, the parser reads the rest as stray tokens, one error each: noise. */
function isStrayAfter(error: YAMLError, explained: Set<Slip>): boolean {
  return error.code === 'UNEXPECTED_TOKEN' && [...explained].some((slip) => slip.start <= error.pos[0]);
}

function firstLine(error: YAMLError): string {
  return error.message.split('\n')[0];
}

function diagnostic(start: number, end: number, message: string, position: PositionOf): InventoryDiagnostic {
  const from = position(start);
  const to = position(Math.max(start, end));
  return { severity: 'error', message, ...from, endLine: to.line, endColumn: to.column };
}
