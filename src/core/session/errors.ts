// Every way a device can fail, named so a person (and the UI) can act on it.

export type ErrorKind =
  | 'dns'
  | 'refused'
  | 'unreachable'
  | 'connect-timeout'
  | 'handshake'
  | 'host-key-unknown'
  | 'host-key-changed'
  | 'auth'
  | 'enable'
  | 'shell-timeout'
  | 'prompt-timeout'
  | 'command-timeout'
  | 'output-limit'
  | 'closed'
  | 'cancelled'
  | 'deadline'
  | 'config'
  /** This machine, not the device, ran out of something (file descriptors). */
  | 'resources'
  | 'internal';

export class SessionError extends Error {
  constructor(readonly kind: ErrorKind, message: string, readonly hint?: string) {
    super(message);
    this.name = 'SessionError';
  }
}

interface NodeSystemError extends Error {
  code?: string;
  level?: string;
}

/** Turns a socket or ssh2 error into a SessionError that says what happened and what to check. */
export function classifyConnectionError(err: unknown, where: string): SessionError {
  if (err instanceof SessionError) return err;
  const e = err as NodeSystemError;
  const detail = e?.message ?? String(err);
  switch (e?.code) {
    case 'ECONNREFUSED':
      return new SessionError('refused', `${where} refused the connection`, 'Check the port and that SSH is enabled on the device (ip ssh, transport input ssh).');
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return new SessionError('dns', `cannot resolve ${where}`, 'Check the host name, or use the IP address.');
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
    case 'EADDRNOTAVAIL':
      return new SessionError('unreachable', `${where} is unreachable (${e.code})`, 'Check routing and that the address is right.');
    case 'EMFILE':
    case 'ENFILE':
      return new SessionError('resources', `this machine ran out of file descriptors (${e.code}) connecting to ${where}`, 'Lower the number of sessions at once (workers), or raise the limit of open files (ulimit -n).');
    case 'ECONNRESET':
    case 'EPIPE':
      return new SessionError('closed', `${where} closed the connection (${e.code})`, 'The device may limit SSH sessions (vty lines) or drop this client by ACL.');
  }
  if (e?.level === 'client-authentication') {
    return new SessionError('auth', `authentication failed for ${where}`, 'Check username and password, and the methods the device allows.');
  }
  if (e?.level === 'handshake' || /handshake/i.test(detail)) {
    return new SessionError('handshake', `SSH handshake with ${where} failed: ${detail}`, 'The device and NetPoll share no algorithm; legacy devices may need legacy_algorithms: true.');
  }
  // Some errors carry no text; a message never ends in an empty reason.
  return new SessionError('closed', `${where}: ${detail.trim() || `the connection failed (${e?.code ?? 'no reason given'})`}`);
}

/**
 * The end of what a device sent, masked and printable, for errors about waiting on it. The text
 * is masked before it is cut, and a window cut from a longer text drops its first `longestSecret`
 * characters, where the part of a secret the cut went through would be.
 */
export function describeTail(received: string, mask: (text: string) => string, longestSecret: number, max = 80): string {
  const window = max + 2 * longestSecret;
  const cut = received.length > window;
  const masked = mask(cut ? received.slice(-window) : received);
  const tail = (cut ? masked.slice(longestSecret) : masked).slice(-max);
  return tail.length === 0 ? 'nothing' : JSON.stringify(tail);
}
