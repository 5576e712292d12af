// `npm run test:electron`: the same e2e suite in desktop VS Code, downloaded by
// @vscode/test-electron (needs internet), with the extension loaded from this folder.
import { createRequire } from 'node:module';
import * as path from 'node:path';
import { runTests } from '@vscode/test-electron';
import { freshTempDir, writeSettings } from './harness/codeServer.mjs';

const require = createRequire(import.meta.url);
const root = path.resolve(import.meta.dirname, '../..');
const { startE2eFixture } = require(path.join(root, 'out/test/e2e/fixture.js'));

const fixture = await startE2eFixture();
// A fresh profile holding the settings a workspace may not set.
const userDataDir = freshTempDir('electron-user');
writeSettings(userDataDir, fixture.userSettings);
try {
  await runTests({
    version: '1.100.3',
    extensionDevelopmentPath: root,
    extensionTestsPath: path.join(root, 'out/test/e2e/suite'),
    launchArgs: [fixture.workspace, '--user-data-dir', userDataDir, '--disable-extensions', '--disable-workspace-trust'],
  });
} catch (err) {
  console.error(`e2e in desktop VS Code failed: ${err instanceof Error ? err.message : err}`);
  process.exitCode = 1;
} finally {
  await fixture.stop();
}
