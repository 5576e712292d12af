// Turns what a terminal received into the text a person would read on screen:
// escape codes removed, backspace repaints applied, pager residue and the prompt dropped.

// CSI sequences (colours, cursor moves), OSC sequences (titles), and lone two-character escapes.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const ANSI = /\x1b\[[0-9;?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)|\x1b[@-Z\\-_]/g;

export function stripAnsi(text: string): string {
  return text.replace(ANSI, '');
}

/**
 * Applies backspaces and carriage returns the way a terminal does, and normalises newlines
 * to \n. Spaces typed over earlier text are erasures (a pager wiping its marker): they are
 * dropped from the end of a line, while spaces the device appended are kept.
 */
export function applyTerminalEdits(text: string): string {
  const lines: string[] = [];
  let cells: string[] = [];
  let erased: boolean[] = [];
  let column = 0;
  const endLine = () => {
    let end = cells.length;
    while (end > 0 && erased[end - 1]) end--;
    lines.push(cells.slice(0, end).join(''));
    cells = [];
    erased = [];
    column = 0;
  };
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === '\n') {
      endLine();
    } else if (ch === '\r') {
      // \r\n is a plain newline; a lone \r returns to column 0 so what follows overwrites.
      if (text[i + 1] !== '\n' && text[i + 1] !== '\r') column = 0;
    } else if (ch === '\b') {
      if (column > 0) column--;
    } else {
      erased[column] = ch === ' ' && column < cells.length;
      cells[column++] = ch;
    }
  }
  endLine();
  return lines.join('\n');
}

const PAGER_RESIDUE = /^\s*-+\s?More\s?-+\s*/gm;

export interface CleanOptions {
  stripAnsi: boolean;
  /** The pager was answered during this command: remove any marker a repaint left behind. */
  paged: boolean;
}

/** The command's output from everything received after its echo, ending with the prompt. */
export function cleanCommandOutput(received: string, options: CleanOptions): string {
  let text = options.stripAnsi ? stripAnsi(received) : received;
  text = applyTerminalEdits(text);
  if (options.paged) text = text.replace(PAGER_RESIDUE, '');
  const lines = text.split('\n');
  // The first line is what followed the echo on its own line (empty); the last is the prompt.
  if (lines.length > 0 && lines[0].trim() === '') lines.shift();
  lines.pop();
  return lines.join('\n');
}
