// Pieces of device text every platform formats its own way: clock parts, the caret under
// a bad word, and a configuration padded to an exact number of lines.

export const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
export const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

export const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

/** `20:16:00.123` in UTC, as most platforms print the time of day. */
export function timeOfDay(now: Date, millis = true): string {
  const time = `${pad(now.getUTCHours())}:${pad(now.getUTCMinutes())}:${pad(now.getUTCSeconds())}`;
  return millis ? `${time}.${pad(now.getUTCMilliseconds(), 3)}` : time;
}

/** `Nov 21`, `Dec  7`: the day padded to two places, as syslog timestamps have it. */
export const syslogDate = (now: Date): string => `${MONTHS[now.getUTCMonth()]} ${String(now.getUTCDate()).padStart(2)}`;

/** `Sat Nov 21` */
export const dayAndDate = (now: Date): string => `${DAYS[now.getUTCDay()]} ${MONTHS[now.getUTCMonth()]} ${now.getUTCDate()}`;

/** The line that points at column `column` of what was typed after the prompt. */
export const caret = (promptWidth: number, column: number): string => ' '.repeat(promptWidth + column) + '^';

/** The same time and address plan on every platform: 127.x.y.1 per loopback index. */
export const loopbackAddress = (i: number): string => `127.${(i >> 8) & 255}.${i & 255}.1`;

/**
 * Exactly `lineCount` lines: `head`, then `block(i)` for i = 0, 1, ... while whole blocks fit,
 * then `filler(i)` one line at a time, then `tail`. Blocks never split, so the text stays valid.
 */
export function fillLines(lineCount: number, head: string[], block: (i: number) => string[], filler: (i: number) => string, tail: string[]): string[] {
  const lines = [...head];
  const room = () => lineCount - tail.length - lines.length;
  for (let i = 0; block(i).length <= room(); i++) lines.push(...block(i));
  for (let i = 0; room() > 0; i++) lines.push(filler(i));
  return [...lines, ...tail].slice(0, Math.max(lineCount, 0));
}
