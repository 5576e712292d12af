// Credentials never leave NetPoll in text about a device: every output and every error a
// session produces passes through the device's masker first.

export const MASK = '******';

/**
 * Values shorter than this are not masked: they would match all over an output and hide
 * nothing worth hiding (a one-letter password is no secret).
 */
export const MIN_MASKED_LENGTH = 4;

export type Masker = (text: string) => string;

/** The masker for these values (a device's password, secret and passphrase, its jump hosts' too). */
export function secretMasker(values: Iterable<string | undefined>): Masker {
  // Longest first, so a value that contains another is masked whole.
  const secrets = [...new Set([...values].filter((v): v is string => v !== undefined && v.length >= MIN_MASKED_LENGTH))].sort((a, b) => b.length - a.length);
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
