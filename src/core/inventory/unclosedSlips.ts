// Quotes and flow brackets ([ and {) that are never closed, found in the parser's concrete
// syntax tree. The parser notices only where the value can no longer go on (often the end of
// the file); the slip is where the quote or bracket opens.
import { CST, Parser } from 'yaml';
import type { Slip } from './slip';

export function unclosedSlips(source: string): Slip[] {
  const slips: Slip[] = [];
  for (const document of new Parser().parse(source)) {
    for (const token of tokensIn(document)) {
      const slip = unclosedQuote(token, source) ?? unclosedFlow(token, source);
      if (slip) slips.push(slip);
    }
  }
  return slips;
}

function* tokensIn(token: CST.Token): Generator<CST.Token> {
  yield token;
  if (token.type === 'document' && token.value) yield* tokensIn(token.value);
  if (!CST.isCollection(token)) return;
  for (const item of token.items) {
    if (item.key) yield* tokensIn(item.key);
    if (item.value) yield* tokensIn(item.value);
  }
}

function unclosedQuote(token: CST.Token, source: string): Slip | undefined {
  if (token.type !== 'double-quoted-scalar' && token.type !== 'single-quoted-scalar') return undefined;
  const quote = token.source[0];
  if (isClosed(token.source)) return undefined;
  const message = `the ${quote} quote opened here is never closed, so YAML reads what follows as part of this value; end the value with ${quote}`;
  return { start: token.offset, end: lineEnd(source, token.offset), message, reach: { from: token.offset, to: token.offset + token.source.length } };
}

/** Does the quoted scalar end with its closing quote? A backslash escapes in "...", '' is a quote in '...'. */
function isClosed(quoted: string): boolean {
  const quote = quoted[0];
  for (let i = 1; i < quoted.length; i++) {
    const escape = quote === '"' ? quoted[i] === '\\' : quoted[i] === "'" && quoted[i + 1] === "'";
    if (escape) i++;
    else if (quoted[i] === quote) return true;
  }
  return false;
}

function unclosedFlow(token: CST.Token, source: string): Slip | undefined {
  if (token.type !== 'flow-collection' || token.end.some((end) => end.type === 'flow-map-end' || end.type === 'flow-seq-end')) return undefined;
  const [opener, closer, what] = token.start.type === 'flow-seq-start' ? ['[', ']', 'list'] : ['{', '}', 'mapping'];
  const message = `the ${opener} opened here is never closed; end the ${what} with ${closer}`;
  const start = token.start.offset;
  return { start, end: lineEnd(source, start), message, reach: { from: start, to: token.offset + CST.stringify(token).length } };
}

/** Where the line holding `offset` ends (before its line break). */
function lineEnd(source: string, offset: number): number {
  const end = source.slice(offset).search(/\r?\n/);
  return end < 0 ? source.length : offset + end;
}
