// What the e2e workspace holds, written by the test runner next to devices.yaml so the
// suite inside VS Code knows what the lab will answer.
export const EXPECTATIONS_FILE = 'netpoll-e2e.json';
/** Devices that answer each line after 1.5 s, to cancel mid-poll. */
export const SLOW_INVENTORY = 'slow.devices.yaml';

export interface E2eExpectations {
  devices: { name: string; status: 'finished' | 'failed' }[];
  /** Each device's SSH port on 127.0.0.1. */
  ports: Record<string, number>;
  /** Passwords and secrets in devices.yaml; none may appear in any output. */
  secrets: string[];
}
