// Which lines are this device's prompt. Before the first prompt is learned any prompt of the
// platform counts; after it, only the same host in any mode (`R1(config)#` after `R1#`), so a
// line of output that merely looks like some prompt is not taken for this device's.

/** A received line as shown: carriage returns dropped, surrounding spaces trimmed. */
export function lineText(line: string): string {
  return line.replace(/\r/g, '').trim();
}

/** The prompt without its mode and terminator, e.g. `R1` for `R1(config)#`. */
function promptBase(prompt: string): string {
  return prompt.replace(/(?:\([^)]*\))?[>#$%]$/, '');
}

const MODE_AND_MARK = String.raw`(?:\([^)]*\))?[>#$%]`;

/** Prompts are short: a longer line is tested by its end only, so a long line costs no more. */
const PROMPT_MAX_CHARS = 256;

export class PromptMatcher {
  /** The exact prompt the device showed last, e.g. `R1#`. */
  prompt = '';
  private base = '';
  /** This device's prompt, twice on one line: a Return answered after its echo was written. */
  private doubled: RegExp | undefined;
  /** This device's prompt anywhere in a text. */
  private anywhere: RegExp | undefined;

  constructor(private readonly platformPrompt: RegExp) {}

  /**
   * Remembers the prompt if `line` (as shown) ends with one; returns whether it did. Of a line
   * that holds it twice (a Return echoed early, then answered), the last counts.
   */
  learn(line: string): boolean {
    const end = line.slice(-PROMPT_MAX_CHARS);
    const match = this.platformPrompt.exec(end);
    if (!match) return false;
    const prompt = end.slice(match.index).trim();
    if (prompt === '') return false;
    if (prompt === this.prompt) return true;
    this.prompt = prompt;
    this.base = promptBase(prompt);
    const one = `${escapeRegExp(this.base)}${MODE_AND_MARK}`;
    this.doubled = new RegExp(`^${one}\\s?${one}$`);
    this.anywhere = new RegExp(one, 'g');
    return true;
  }

  /** How many times this device's prompt, in any mode, appears in a text (as shown). */
  count(text: string): number {
    return this.anywhere === undefined ? 0 : text.match(this.anywhere)?.length ?? 0;
  }

  /** Whether `line` (as shown) is this device's prompt, in any mode. */
  isPrompt(line: string): boolean {
    if (line.length > PROMPT_MAX_CHARS || !this.platformPrompt.test(line)) return false;
    return this.prompt === '' || promptBase(line) === this.base;
  }

  /** Whether `line` (as shown) is this device's prompt written twice with nothing between. */
  isDoubled(line: string): boolean {
    return line.length <= 2 * PROMPT_MAX_CHARS && (this.doubled?.test(line) ?? false);
  }
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
