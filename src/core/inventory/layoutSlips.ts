// Slips in how lines are laid out, found in the source text: a tab in indentation, a key
// indented deeper than the key above it, and a key with no space after its colon.
import { gluedKey, missingSpaceMessage } from './missingSpace';
import { LAYOUT_ERRORS, Slip } from './slip';
import { hasContent, KeyLine, keyLine, leadOf, SourceLine, sourceLines } from './sourceLines';

export function layoutSlips(source: string): Slip[] {
  const lines = sourceLines(source).filter(hasContent);
  return [...tabSlips(lines), ...deeperKeySlips(lines), ...missingSpaceSlips(lines)];
}

/** YAML forbids tabs in indentation; the parser's complaints about the line follow from it. */
function tabSlips(lines: SourceLine[]): Slip[] {
  return lines.flatMap((line) => {
    const tab = leadOf(line.text).indexOf('\t');
    if (tab < 0) return [];
    const start = line.start + tab;
    const message = 'indentation must be spaces, not tabs: replace the tab with spaces';
    return [{ start, end: start + 1, message, reach: { from: line.start, to: line.start + line.text.length }, causes: LAYOUT_ERRORS }];
  });
}

/**
 * `port:` indented deeper than `host: 127.0.0.1` above it: YAML takes it as more of host's
 * value, and a key there is an error. The parser reports it on the line above, or on the blank
 * lines between, so the slip reaches from the key above to the deeper one.
 */
function deeperKeySlips(lines: SourceLine[]): Slip[] {
  const slips: Slip[] = [];
  for (const [index, line] of lines.entries()) {
    const above = index > 0 ? lines[index - 1] : undefined;
    const aboveKey = above && keyLine(above.text);
    const key = keyLine(line.text);
    // With a tab in either indentation, the columns say nothing (and the tab is the slip).
    if (!above || !aboveKey || !key || key.startsItem || key.column <= aboveKey.column || !hasInlineValue(aboveKey) || key.tabbed || aboveKey.tabbed) continue;
    const start = line.start + key.column;
    const where = above.number === line.number - 1 ? 'on the line above' : `on line ${above.number}`;
    const message = `${key.key}: is indented deeper than ${aboveKey.key}: ${where}, so YAML reads it as part of the value of ${aboveKey.key}; indent it like ${aboveKey.key}:`;
    slips.push({ start, end: start + key.key.length + 1, message, reach: { from: above.start, to: line.start + line.text.length }, causes: LAYOUT_ERRORS });
  }
  return slips;
}

/** A value on the key's own line; after `key:`, `key: |` or `key: &anchor`, deeper lines are the value. */
function hasInlineValue({ value }: KeyLine): boolean {
  return value !== '' && !/^[|>]/.test(value) && !/^(?:[&!]\S*\s*)+$/.test(value);
}

/**
 * `host:127.0.0.1` as a line of a mapping: YAML reads a key with no value, and the parser
 * reports it there or together with the next line.
 */
function missingSpaceSlips(lines: SourceLine[]): Slip[] {
  return lines.flatMap((line, index) => {
    const lead = leadOf(line.text);
    const glued = gluedKey(line.text.slice(lead.length));
    if (!glued) return [];
    const start = line.start + lead.length;
    const next = lines[index + 1] ?? line;
    return [{ start, end: start + glued.length, message: missingSpaceMessage(glued), reach: { from: line.start, to: next.start + next.text.length }, causes: LAYOUT_ERRORS }];
  });
}
