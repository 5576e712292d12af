// Is a host something SSH can reach? A malformed one is said here, plainly, instead of as a
// DNS error when the device is polled. Used for host/ip and jump hosts in the file, and by the
// poll for values that come from references.
import { isIP, isIPv6 } from 'node:net';

const MAX_NAME_LENGTH = 253;
const MAX_LABEL_LENGTH = 63;
const NAME_CHARACTER = /[A-Za-z0-9_.-]/;

/** What is wrong with `host` (an IPv4 or IPv6 address, or a DNS name), or undefined if nothing is. */
export function hostProblem(host: string): string | undefined {
  if (host.trim() === '') return 'host must not be empty';
  if (host !== host.trim()) return `host has spaces around it: write ${host.trim()}`;
  if (/\p{Cc}/u.test(host)) return `host has a control character in it: ${escapeControl(host)}`;
  if (/^[a-z][a-z\d+.-]*:\/\//i.test(host)) return urlProblem(host);
  if (isIP(host)) return undefined;
  return bracketProblem(host) ?? portProblem(host) ?? nameProblem(host);
}

/** `ssh://user@host:port/`: say which keys its parts belong in. */
function urlProblem(text: string): string {
  const advice = 'host must be an address or name, not a URL';
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return `${advice}: write only the address or name, and put the port in port:`;
  }
  const parts = [`host: ${url.hostname.replace(/^\[|\]$/g, '')}`];
  if (url.port !== '') parts.push(`port: ${url.port}`);
  if (url.username !== '') parts.push(`username: ${decodeURIComponent(url.username)}`);
  return `${advice}: write ${parts.join(', ')}`;
}

/** Brackets belong around an IPv6 address only in a URL or before a port, never in host:. */
function bracketProblem(host: string): string | undefined {
  const match = host.match(/^\[([^\]]*)\](?::(\d+))?$/);
  if (!match) return undefined;
  const [, inside, port] = match;
  if (!isIPv6(inside)) return `host has brackets around it, which only an IPv6 address may have in a URL: write ${inside}`;
  return port === undefined ? `write an IPv6 address without brackets: ${inside}` : portAdvice(inside, port);
}

function portProblem(host: string): string | undefined {
  const match = host.match(/^([^:]+):(\d+)$/);
  return match ? portAdvice(match[1], match[2]) : undefined;
}

function portAdvice(host: string, port: string): string {
  return `host has a port in it: write host: ${host} and port: ${port}`;
}

function nameProblem(host: string): string | undefined {
  if (/\s/.test(host)) return `host has a space in it: "${host}"`;
  const bad = [...host].find((c) => !NAME_CHARACTER.test(c));
  if (bad !== undefined) return `host "${host}" has "${bad}" in it; write an address, or a name of letters, digits, hyphens, underscores and dots`;
  // All digits and dots is meant as an IPv4 address, not a name to look up.
  if (/^[\d.]+$/.test(host)) return `host ${host} is not an IPv4 address: four numbers from 0 to 255, like 127.0.0.1`;
  // One trailing dot is a fully qualified name (example.com.), still valid.
  const name = host.endsWith('.') ? host.slice(0, -1) : host;
  if (name.length > MAX_NAME_LENGTH) return `host is longer than ${MAX_NAME_LENGTH} characters, the most a DNS name may have`;
  const labels = name.split('.');
  if (labels.includes('')) return `host "${host}" has an empty part between dots`;
  const long = labels.find((label) => label.length > MAX_LABEL_LENGTH);
  if (long !== undefined) return `host has a part longer than ${MAX_LABEL_LENGTH} characters, the most between two dots: ${long.slice(0, 20)}...`;
  return undefined;
}

/** Control characters as \u escapes, so a message never carries them into a terminal or log. */
function escapeControl(text: string): string {
  return text.replace(/\p{Cc}/gu, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
