// Run an extension's mocha suite (standard run() shape) inside code-server's Node extension host,
// driven by headless Chromium. The offline stand-in for @vscode/test-electron (DESIGN.md section 4).
//
//   node test/e2e/harness/runExtensionTests.mjs --workspace W --tests T [--dev D] [--vsix V]
//        [--timeout MS] [--verbose]
import { existsSync, rmSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { format, parseArgs } from 'node:util';
import { startCodeServer, installVsix, codeServerVersions, freshTempDir } from './codeServer.mjs';
import { launchChromium } from './launchBrowser.mjs';

/**
 * Returns the exit code the extension host reports (0 = all tests passed).
 * Throws on setup problems and on timeout. Always stops the browser and the server.
 */
export async function runExtensionTests({
  workspaceFolder, extensionDevelopmentPath, extensionTestsPath, vsixPath, userSettings,
  timeoutMs = 120_000, verbose = false, log = (line) => console.log(line),
}) {
  if (!extensionTestsPath) throw new Error('extensionTestsPath is required');
  if (!extensionDevelopmentPath && !vsixPath) throw new Error('give extensionDevelopmentPath or vsixPath');
  // ?folder= must be a real directory: for a missing one the workbench only logs "Unable to resolve
  // nonexistent file" and runs the tests anyway, against a workspace that is not there. Fail fast.
  workspaceFolder = resolve(workspaceFolder);
  if (!existsSync(workspaceFolder) || !statSync(workspaceFolder).isDirectory()) {
    throw new Error(`workspace folder does not exist: ${workspaceFolder}`);
  }
  extensionTestsPath = resolve(extensionTestsPath);

  const { vscode, codeServer } = codeServerVersions();
  log(`VS Code ${vscode} (code-server ${codeServer})`);

  let server, browser;
  const extensionsDir = freshTempDir('cs-ext'); // fresh per run; the VSIX (if any) goes here
  const removeExtensionsDir = () => rmSync(extensionsDir, { recursive: true, force: true, maxRetries: 3 });
  process.once('exit', removeExtensionsDir); // also on Ctrl-C in the CLI
  try {
    if (vsixPath) {
      const installed = await installVsix(vsixPath, extensionsDir);
      log(`installed ${vsixPath} -> ${installed}`);
      extensionDevelopmentPath ??= installed; // test what users install
    }
    extensionDevelopmentPath = resolve(extensionDevelopmentPath);
    server = await startCodeServer({ extensionsDir, userSettings });

    // Paths the extension host must load are remote URIs whose authority is the server itself.
    const remote = (p) => `vscode-remote://127.0.0.1:${server.port}${p}`;
    const payload = [
      ['extensionDevelopmentPath', remote(extensionDevelopmentPath)],
      ['extensionTestsPath', remote(extensionTestsPath)],
    ];
    const url = `${server.url}/?folder=${encodeURIComponent(workspaceFolder)}`
      + `&payload=${encodeURIComponent(JSON.stringify(payload))}`;

    browser = await launchChromium();
    const page = await browser.newPage();
    let exitWith;
    const exitCode = new Promise((res) => { exitWith = res; });
    // In extension-test mode the workbench sends every log entry (including the extension host's
    // console.* and so mocha's reporter) to window.codeAutomationLog(level, args): args is the raw
    // console argument list ('%s%s', indent, title), so format it like console.log would.
    await page.exposeFunction('codeAutomationLog', (_level, args) =>
      log(Array.isArray(args) ? format(...args) : String(args)));
    // ... and, when run() settles, calls window.codeAutomationExit(code, workbenchLogs).
    await page.exposeFunction('codeAutomationExit', (code) => exitWith(Number(code)));
    page.on('pageerror', (err) => log(`[browser] uncaught: ${err.message}`));
    if (verbose) page.on('console', (m) => log(`[browser ${m.type()}] ${m.text()}`));
    await page.goto(url);

    let timer;
    const timedOut = new Promise((_, rej) => {
      timer = setTimeout(() => rej(new Error(`extension tests did not finish within ${timeoutMs} ms`)), timeoutMs);
    });
    const serverDied = server.exited.then((e) => {
      throw new Error(`code-server exited during the tests (code ${e.code}, signal ${e.sig})`);
    });
    try {
      return await Promise.race([exitCode, timedOut, serverDied]);
    } catch (err) {
      err.message += `\nLast code-server output:\n${server.logs.slice(-15).join('\n')}`;
      throw err;
    } finally {
      clearTimeout(timer);
    }
  } finally {
    await browser?.close().catch(() => {});
    await server?.stop();
    process.off('exit', removeExtensionsDir);
    removeExtensionsDir();
  }
}

// CLI entry point.
if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  const { values: a } = parseArgs({
    options: {
      workspace: { type: 'string' }, tests: { type: 'string' }, dev: { type: 'string' },
      vsix: { type: 'string' }, timeout: { type: 'string' }, verbose: { type: 'boolean' },
    },
  });
  if (!a.workspace || !a.tests || (!a.dev && !a.vsix)) {
    console.error('usage: runExtensionTests.mjs --workspace W --tests T [--dev D] [--vsix V] [--timeout MS] [--verbose]');
    process.exit(2);
  }
  // Exit (running the server's kill-on-exit hook) on Ctrl-C / kill instead of dying abruptly.
  for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => process.exit(130));
  const started = Date.now();
  try {
    const code = await runExtensionTests({
      workspaceFolder: a.workspace, extensionTestsPath: a.tests, extensionDevelopmentPath: a.dev,
      vsixPath: a.vsix, timeoutMs: a.timeout ? Number(a.timeout) : undefined, verbose: a.verbose,
    });
    console.log(`extension tests exited with code ${code} after ${((Date.now() - started) / 1000).toFixed(1)} s`);
    process.exit(code);
  } catch (err) {
    console.error(`ERROR: ${err.message}`);
    process.exit(1);
  }
}
