// Entry point VS Code calls inside the extension host (extensionTestsPath): runs the
// mocha suite and rejects if any test failed.
import * as path from 'node:path';
import Mocha from 'mocha';

export async function run(): Promise<void> {
  const mocha = new Mocha({ ui: 'bdd', color: false, timeout: 60_000, reporter: 'spec' });
  // NETPOLL_E2E_FILES=resultsView.test.js,... runs only those files.
  const files = process.env.NETPOLL_E2E_FILES?.split(',') ?? ['extension.test.js', 'inventory.test.js', 'commands.test.js', 'resultsView.test.js'];
  for (const file of files) mocha.addFile(path.join(__dirname, file));
  await new Promise<void>((resolve, reject) => {
    mocha.run((failures) => (failures > 0 ? reject(new Error(`${failures} e2e tests failed`)) : resolve()));
  });
}
