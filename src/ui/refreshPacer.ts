// When to tell VS Code that a live document changed. On each change VS Code asks for the whole
// text again, then compares it with the old one and sends the difference to the window, which
// applies and colours it. A document is told again only once VS Code has taken the text it was
// last told about, after a rest that grows with its length and with how long its render took;
// changes in between make one refresh when the wait is over. (No VS Code here: it is told
// through a callback.)

/** A document rests this many times as long as its last render took... */
const REST_PER_RENDER = 10;
/** ...and at least a millisecond per this many characters: 1 s for 100,000. */
const CHARACTERS_PER_REST_MS = 100;
/**
 * VS Code compares old and new text, to change only what differs, up to this many characters;
 * past it, the window replaces and colours the whole text again, seconds of its work for a few
 * hundred kB at every refresh. A live document this long is told only of a change to show at
 * once (its poll ending).
 */
export const FOLLOWED_UP_TO_CHARACTERS = 100_000;

export class RefreshPacer {
  /** When each document may be told again. */
  private readonly restUntil = new Map<string, number>();
  private readonly timers = new Map<string, NodeJS.Timeout>();
  /** Told it changed, and when; VS Code has not asked for its text since. */
  private readonly told = new Map<string, number>();
  /** Changed while VS Code had not asked for its text yet: whether that change is to show at once. */
  private readonly waiting = new Map<string, boolean>();
  /** Last rendered longer than FOLLOWED_UP_TO_CHARACTERS. */
  private readonly tooLong = new Set<string>();

  /**
   * `tell`: fires VS Code's change event for the document. `answerWithinMs`: a document whose
   * text VS Code has not asked for by then is told again at its next change (it waits on VS
   * Code's window, which can be busy for seconds, but not forever).
   */
  constructor(
    private readonly tell: (uri: string) => void,
    private readonly answerWithinMs = 60_000,
  ) {}

  /** A document changed; `now`: a change to show without a rest (a poll starting or ending). */
  changed(uri: string, now: boolean): void {
    const toldAt = this.told.get(uri);
    if (toldAt !== undefined && performance.now() - toldAt < this.answerWithinMs) {
      this.waiting.set(uri, now || (this.waiting.get(uri) ?? false));
      return;
    }
    if (!now && this.tooLong.has(uri)) return;
    if (now) this.cancelTimer(uri);
    if (this.timers.has(uri)) return;
    const wait = now ? 0 : Math.max(0, (this.restUntil.get(uri) ?? 0) - performance.now());
    this.timers.set(
      uri,
      setTimeout(() => {
        this.timers.delete(uri);
        this.told.set(uri, performance.now());
        this.tell(uri);
      }, wait),
    );
  }

  /** VS Code took a document's text, of `length` characters, rendered in `renderMs`. */
  rendered(uri: string, renderMs: number, length: number): void {
    this.restUntil.set(uri, performance.now() + Math.max(REST_PER_RENDER * renderMs, length / CHARACTERS_PER_REST_MS));
    if (length > FOLLOWED_UP_TO_CHARACTERS) this.tooLong.add(uri);
    else this.tooLong.delete(uri);
    this.told.delete(uri);
    const now = this.waiting.get(uri);
    this.waiting.delete(uri);
    if (now !== undefined) this.changed(uri, now);
  }

  /** A document closed: nothing more to tell it. */
  closed(uri: string): void {
    this.cancelTimer(uri);
    this.told.delete(uri);
    this.waiting.delete(uri);
    this.restUntil.delete(uri);
    this.tooLong.delete(uri);
  }

  dispose(): void {
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
  }

  private cancelTimer(uri: string): void {
    clearTimeout(this.timers.get(uri));
    this.timers.delete(uri);
  }
}
