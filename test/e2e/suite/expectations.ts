// What the e2e workspace holds, written by the test runner next to devices.yaml so the
// suite inside VS Code knows what the lab will answer.
export const EXPECTATIONS_FILE = 'netpoll-e2e.json';

export interface E2eExpectations {
  devices: { name: string; status: 'finished' | 'failed' }[];
  /** Passwords and secrets in devices.yaml; none may appear in any output. */
  secrets: string[];
}
