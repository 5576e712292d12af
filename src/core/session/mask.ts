// Credentials never leave NetPoll in text it writes about a device: every error and every
// excerpt of what a device sent passes through the device's masker first. Command outputs are
// the device's data and are never masked (secrets in configuration lines are scrubbed by the
// per-platform rules of the poll store instead).

export const MASK = '******';

export type Masker = (text: string) => string;

/**
 * Text a device sent (an excerpt in an error, its prompt) is masked for secrets of any length:
 * a device that shows a two-letter password back shows a password. NetPoll's own sentences
 * around such excerpts hold no secret, and are masked once more for secrets at least this long
 * as a safeguard; a shorter value would turn the words of the sentence (`present`, for `en`)
 * into masks and hide nothing.
 */
export const SENTENCE_MIN_LENGTH = 4;

/** The masker for these values (a device's password, secret and passphrase, its jump hosts' too). */
export function secretMasker(values: Iterable<string | undefined>, minLength = 1): Masker {
  // Longest first, so a value that contains another is masked whole.
  const secrets = [...new Set([...values].filter((v): v is string => v !== undefined && v.length >= Math.max(1, minLength)))].sort((a, b) => b.length - a.length);
  if (secrets.length === 0) return (text) => text;
  return (text) => {
    let masked = text;
    for (const secret of secrets) if (masked.includes(secret)) masked = masked.split(secret).join(MASK);
    return masked;
  };
}

/** The longest value a masker hides; a text cut shorter than it may hold part of one. */
export function longestSecret(values: Iterable<string | undefined>): number {
  let longest = 0;
  for (const v of values) if (v !== undefined) longest = Math.max(longest, v.length);
  return longest;
}
