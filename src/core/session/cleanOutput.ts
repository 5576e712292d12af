// Turns what a terminal received into the text a person would read on screen:
// escape codes removed, backspace repaints applied, pager residue and the prompt dropped.

// CSI sequences (colours, cursor moves), OSC sequences (titles), and lone two-character escapes.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const ANSI = /\x1b\[[0-9;?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)|\x1b[@-Z\\-_]/g;

export function stripAnsi(text: string): string {
  return text.replace(ANSI, '');
}

/** Erase to end of line (`ESC [ K`), kept through stripAnsi as this control character. */
const ERASE_LINE = '\u000b';
// eslint-disable-next-line no-control-regex -- the escape character is what is matched
const ERASE_LINE_SEQUENCE = /\x1b\[0?K/g;

/**
 * Applies backspaces, carriage returns and erase-to-end-of-line the way a terminal does, and
 * normalises newlines to \n. Pagers wipe their marker by moving back and writing spaces; such
 * spaces, written before the cursor last moved back, are dropped from the end of the line,
 * while spaces the device wrote as part of a line are kept.
 */
export function applyTerminalEdits(text: string): string {
  const lines: string[] = [];
  let cells: string[] = [];
  /** For each cell, how many times the cursor had moved back on this line when it was written. */
  let writtenAt: number[] = [];
  let movesBack = 0;
  let column = 0;
  const endLine = () => {
    let end = cells.length;
    while (end > 0 && cells[end - 1] === ' ' && writtenAt[end - 1] < movesBack) end--;
    lines.push(cells.slice(0, end).join(''));
    cells = [];
    writtenAt = [];
    movesBack = 0;
    column = 0;
  };
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === '\n') {
      endLine();
    } else if (ch === '\r') {
      // \r\n is a plain newline; a lone \r returns to column 0 so what follows overwrites.
      if (text[i + 1] !== '\n' && text[i + 1] !== '\r') {
        column = 0;
        movesBack++;
      }
    } else if (ch === '\b') {
      if (column > 0) column--;
      movesBack++;
    } else if (ch === ERASE_LINE) {
      cells.length = column;
      writtenAt.length = column;
    } else {
      cells[column] = ch;
      writtenAt[column++] = movesBack;
    }
  }
  endLine();
  return lines.join('\n');
}

// A pager marker left on screen by a device that does not wipe it (spaces and tabs only:
// the lines around it are output).
const PAGER_RESIDUE = /[ \t]*-+[ \t]?More[ \t]?-+[ \t]*/g;

export interface CleanOptions {
  stripAnsi: boolean;
  /** The pager was answered during this command: remove any marker a repaint left behind. */
  paged: boolean;
}

/** The command's output from everything received after its echo, ending with the prompt. */
export function cleanCommandOutput(received: string, options: CleanOptions): string {
  const marked = received.replace(ERASE_LINE_SEQUENCE, ERASE_LINE);
  let text = applyTerminalEdits(options.stripAnsi ? stripAnsi(marked) : marked);
  if (options.paged) text = text.replace(PAGER_RESIDUE, '');
  const lines = text.split('\n');
  // The first line is what followed the echo on its own line (empty); the last is the prompt.
  if (lines.length > 0 && lines[0].trim() === '') lines.shift();
  lines.pop();
  return lines.join('\n');
}
