// Lines a device sends on its own (syslog messages from `terminal monitor`), recognised by the
// platform's patterns so they are kept apart and never end up inside a command's output.
import { lineText } from './promptMatcher';

export class UnsolicitedLines {
  /**
   * @param patterns each matches a whole message line as shown (compiled with the m flag, so
   *   a quick test over a whole text finds whether any line could be one).
   * @param view how a received line is seen before it is tested (e.g. colour codes removed).
   */
  constructor(
    private readonly patterns: readonly RegExp[],
    private readonly view: (text: string) => string,
  ) {}

  /** Whether this line, as shown, is a message. */
  isMessage(shown: string): boolean {
    return shown !== '' && this.patterns.some((pattern) => pattern.test(shown));
  }

  /**
   * The text without its message lines, and those lines as shown. A text with no line that could
   * be one (nearly every output) is returned as it is, after one scan per pattern.
   */
  extract(text: string): { text: string; messages: string[] } {
    if (!this.patterns.some((pattern) => pattern.test(text))) return { text, messages: [] };
    const kept: string[] = [];
    const messages: string[] = [];
    for (const line of text.split('\n')) {
      const shown = lineText(this.view(line));
      if (this.isMessage(shown)) messages.push(shown);
      else kept.push(line);
    }
    return { text: kept.join('\n'), messages };
  }
}
