// Turns what a terminal received into the text a person would read on screen:
// escape codes removed, backspace repaints applied, pager residue and the prompt dropped.

// CSI sequences (colours, cursor moves), OSC sequences (titles), character set choices
// (`ESC ( B`, as `tput sgr0` writes), other escapes of one or two characters (`ESC 7`, `ESC 8`,
// `ESC =`), and the shift-in and shift-out controls.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const ANSI = /\x1b\[[0-9;?<=>]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)|\x1b[ -/]+[0-~]|\x1b[0-~]|[\x0e\x0f]/g;

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
  /** Lines that belong to the prompt (Junos `{master:0}`): removed from the end of the output. */
  promptContext?: readonly RegExp[];
}

/** Something a terminal acts on rather than shows: backspace, escape, erase, shift, a carriage return inside a line. */
// eslint-disable-next-line no-control-regex -- control characters are what is looked for
const NEEDS_REPAINT = /[\b\x1b\x0b\x0e\x0f]|\r(?![\r\n]|$)/;
/** The carriage returns of a \r\n line break (and at the end of the text, where its \n was cut off). */
const LINE_END_RETURNS = /\r+(?=\n|$)/g;

/**
 * The command's output from everything received after its echo, ending with the prompt.
 */
export function cleanCommandOutput(received: string, options: CleanOptions): string {
  // The first line is what followed the echo on its own line (empty); the last is the prompt.
  const promptLineStart = received.lastIndexOf('\n');
  if (promptLineStart < 0) return '';
  const firstBreak = received.indexOf('\n');
  const start = screenLine(received.slice(0, firstBreak), options).trim() === '' ? firstBreak + 1 : 0;
  if (start > promptLineStart) return '';
  return cleanOutputBody(received.slice(start, promptLineStart), options);
}

/**
 * The output from the lines between the echo's line and the prompt's line (without the line
 * break before the prompt). Most outputs need no repaint: they cost one scan and one copy,
 * whatever their size; only lines that carry a repaint are replayed the way a terminal would.
 */
export function cleanOutputBody(body: string, options: CleanOptions): string {
  let text = NEEDS_REPAINT.test(body) ? body.split('\n').map((line) => screenLine(line, options)).join('\n') : body.replace(LINE_END_RETURNS, '');
  if (options.paged) text = text.replace(PAGER_RESIDUE, '');
  return withoutPromptContext(text, options.promptContext ?? []);
}

/** The output without a context line the device printed just above its prompt. */
function withoutPromptContext(text: string, context: readonly RegExp[]): string {
  if (context.length === 0) return text;
  const lastBreak = text.lastIndexOf('\n');
  const last = text.slice(lastBreak + 1);
  if (!context.some((line) => line.test(last))) return text;
  return lastBreak < 0 ? '' : text.slice(0, lastBreak);
}

/** One received line (without its \n) as it stands on screen. */
function screenLine(line: string, options: CleanOptions): string {
  if (!NEEDS_REPAINT.test(line)) return line.replace(LINE_END_RETURNS, '');
  const marked = line.replace(ERASE_LINE_SEQUENCE, ERASE_LINE);
  // Escape codes go first: a return they hid from the line's end is still part of its break.
  return applyTerminalEdits((options.stripAnsi ? stripAnsi(marked) : marked).replace(LINE_END_RETURNS, ''));
}
