// Where ssh2's Server behaves differently from OpenSSH and network gear in a way clients
// notice, patched per connection through ssh2's private protocol object. Each patch is a
// no-op if that object changes shape in a later ssh2 (the lab smoke tests would then show it).
import { Connection } from 'ssh2';

type Handler = (protocol: unknown, service: string) => void;
type OpenFail = (remote: number, reason: number, text?: string) => void;

interface PrivateProtocol {
  _handlers?: Record<string, Handler>;
  serviceAccept?(service: string): void;
  channelOpenFail?: OpenFail;
}

const privateProtocol = (client: Connection) => (client as unknown as { _protocol?: PrivateProtocol })._protocol;

/**
 * paramiko asks for the ssh-userauth service again before each auth method it tries (a key,
 * then the password; the password, then keyboard-interactive), and OpenSSH accepts every
 * such request. ssh2's server hangs up on the second one, so netmiko could never fall back.
 */
export function acceptRepeatedUserauthRequests(client: Connection): void {
  const protocol = privateProtocol(client);
  const original = protocol?._handlers?.SERVICE_REQUEST;
  if (!protocol?._handlers || !original || !protocol.serviceAccept) return;
  let accepted = false;
  protocol._handlers.SERVICE_REQUEST = (p, service) => {
    if (accepted && service === 'ssh-userauth' && !client.authenticated) return protocol.serviceAccept!(service);
    accepted = service === 'ssh-userauth';
    original(p, service);
  };
}

export const OPEN_PROHIBITED = 1;
export const OPEN_CONNECT_FAILED = 2;

/**
 * A channel-open rejection that says why, as OpenSSH's does ("Connection refused"); ssh2's
 * reject() always sends reason 2 with no text. Returns the function to reject with.
 */
export function rejectionWithReason(client: Connection): (reject: () => void, reason: number, text: string) => void {
  const protocol = privateProtocol(client);
  const original = protocol?.channelOpenFail;
  if (!protocol || !original) return (reject) => reject();
  let next: { reason: number; text: string } | undefined;
  protocol.channelOpenFail = (remote, reason, text) => (next ? original.call(protocol, remote, next.reason, next.text) : original.call(protocol, remote, reason, text));
  return (reject, reason, text) => {
    next = { reason, text }; // reject() sends at once, so this is the failure it sends
    reject();
    next = undefined;
  };
}
