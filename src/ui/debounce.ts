// Batched repaints: many changes in a burst (forty devices settling at once) become one call.

export interface Debounced {
  /** Asks for a call within `delayMs`; asking again before then changes nothing. */
  schedule(): void;
  /** Calls now, and drops the scheduled call. */
  flush(): void;
  dispose(): void;
}

/** `delayMs` may be a function: asked at each schedule, for a delay that follows the work. */
export function debounced(call: () => void, delayMs: number | (() => number)): Debounced {
  let timer: NodeJS.Timeout | undefined;
  const flush = () => {
    clearTimeout(timer);
    timer = undefined;
    call();
  };
  return {
    schedule: () => void (timer ??= setTimeout(flush, typeof delayMs === 'number' ? delayMs : delayMs())),
    flush,
    dispose: () => clearTimeout(timer),
  };
}
