// Runs the e2e suite (out/test/e2e/suite) inside a real VS Code extension host —
// code-server's — with NetPoll installed from the packaged VSIX, against the device lab.
// Usage: node test/e2e/runInCodeServer.mjs --vsix netpoll.vsix
import { createRequire } from 'node:module';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { runExtensionTests } from './harness/runExtensionTests.mjs';

const require = createRequire(import.meta.url);
const root = path.resolve(import.meta.dirname, '../..');
const { startE2eFixture } = require(path.join(root, 'out/test/e2e/fixture.js'));

const { values } = parseArgs({ options: { vsix: { type: 'string' } } });
if (!values.vsix) {
  console.error('usage: node test/e2e/runInCodeServer.mjs --vsix netpoll.vsix');
  process.exit(2);
}

const fixture = await startE2eFixture();
try {
  process.exitCode = await runExtensionTests({
    workspaceFolder: fixture.workspace,
    extensionTestsPath: path.join(root, 'out/test/e2e/suite'),
    vsixPath: path.resolve(values.vsix),
    userSettings: fixture.userSettings,
    timeoutMs: 5 * 60_000,
  });
} finally {
  await fixture.stop();
}
