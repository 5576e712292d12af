// Start and drive code-server (installed by scripts/install-code-server.sh) on 127.0.0.1.
import { spawn, execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import http from 'node:http';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
export const CODE_SERVER_DIR = join(ROOT, '.vscode-test', 'code-server');
const ENTRY = join(CODE_SERVER_DIR, 'out', 'node', 'entry.js');

function ensureInstalled() {
  if (!existsSync(ENTRY)) {
    throw new Error(`code-server is not installed at ${CODE_SERVER_DIR}; run: bash scripts/install-code-server.sh`);
  }
}

/** The VS Code version code-server carries, e.g. '1.100.3'. */
export function codeServerVersion() {
  return codeServerVersions().vscode;
}

/** { vscode: '1.100.3', codeServer: '4.100.3' } from code-server's lib/vscode package/product files. */
export function codeServerVersions() {
  ensureInstalled();
  const read = (...p) => JSON.parse(readFileSync(join(CODE_SERVER_DIR, ...p), 'utf8'));
  return {
    vscode: read('lib', 'vscode', 'package.json').version,
    codeServer: read('lib', 'vscode', 'product.json').codeServerVersion ?? read('package.json').version,
  };
}

/** A fresh temp dir per use, so runs never share state. */
export function freshTempDir(prefix) {
  return mkdtempSync(join(tmpdir(), `netpoll-${prefix}-`));
}

/** Ask the kernel for a free loopback port (listen on 0, read it, close). */
export function freePort() {
  return new Promise((res, rej) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', rej);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => res(port));
    });
  });
}

// code-server writes its config, logs, IPC socket and a device id (~/.cache/Microsoft) under
// XDG dirs / user-data-dir: point all of them into the run's temp dirs so nothing lands in $HOME.
function isolatedEnv(stateDir) {
  return {
    ...process.env,
    EXTENSIONS_GALLERY: '{}', // no marketplace: nothing tries the internet
    XDG_DATA_HOME: join(stateDir, 'xdg-data'),
    XDG_CONFIG_HOME: join(stateDir, 'xdg-config'),
    XDG_CACHE_HOME: join(stateDir, 'xdg-cache'),
    CODE_SERVER_CONFIG: join(stateDir, 'config.yaml'),
  };
}

function httpAnswers(url) {
  return new Promise((res) => {
    const req = http.get(url, (r) => { r.resume(); res(true); });
    req.on('error', () => res(false));
    req.setTimeout(2000, () => { req.destroy(); res(false); });
  });
}

/**
 * Start code-server. extensionsDir / userDataDir default to fresh temp dirs (removed by stop()).
 * workspaceTrust: true asks whether to trust the folder, as VS Code does by default.
 * userSettings: written as the user's and the machine's settings in a userDataDir made here
 * (settings a workspace may not set, such as NetPoll's known_hosts file).
 * Returns { url, port, logs, userDataDir, extensionsDir, exited, stop }; `exited` resolves if the server dies.
 */
export async function startCodeServer({ extensionsDir, userDataDir, port, startTimeoutMs = 60_000, workspaceTrust = false, userSettings } = {}) {
  ensureInstalled();
  const owned = []; // temp dirs we created and stop() removes
  const stateDir = freshTempDir('cs-state');
  owned.push(stateDir);
  if (!userDataDir) owned.push(userDataDir = freshTempDir('cs-user'));
  if (userSettings) writeSettings(userDataDir, userSettings);
  if (!extensionsDir) owned.push(extensionsDir = freshTempDir('cs-ext'));
  port ??= await freePort();

  const args = [ENTRY,
    '--auth', 'none', '--bind-addr', `127.0.0.1:${port}`,
    '--disable-telemetry', '--disable-update-check',
    // Trust is off unless a test is about it: every folder is then trusted.
    ...(workspaceTrust ? [] : ['--disable-workspace-trust']),
    '--extensions-dir', extensionsDir, '--user-data-dir', userDataDir,
    '--config', join(stateDir, 'config.yaml')];
  // detached: own process group, so stop() also kills the extension host, pty host, watchers.
  const child = spawn(process.execPath, args, {
    cwd: stateDir, env: isolatedEnv(stateDir), detached: true, stdio: ['ignore', 'pipe', 'pipe'],
  });
  const logs = [];
  const keep = (buf) => {
    for (const line of buf.toString().split('\n')) if (line.trim()) logs.push(line);
    if (logs.length > 5000) logs.splice(0, logs.length - 5000);
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  let exited = null;
  const exitPromise = new Promise((res) => child.on('exit', (code, sig) => { exited = { code, sig }; res(); }));

  const killGroup = () => { try { process.kill(-child.pid, 'SIGKILL'); } catch { /* gone */ } };
  const removeOwned = () => { for (const d of owned) rmSync(d, { recursive: true, force: true, maxRetries: 3 }); };
  // Safety net: if this Node process exits without stop(), still take the server group down.
  const onExit = () => { killGroup(); try { removeOwned(); } catch { /* best effort */ } };
  process.once('exit', onExit);

  let stopped = false;
  async function stop() {
    if (stopped) return;
    stopped = true;
    process.off('exit', onExit);
    if (!exited) {
      try { process.kill(-child.pid, 'SIGTERM'); } catch { /* already gone */ }
      const t = setTimeout(killGroup, 3000);
      await exitPromise;
      clearTimeout(t);
    }
    killGroup(); // the leader may exit before its children: make sure the whole group is gone
    removeOwned();
  }

  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + startTimeoutMs;
  while (!(await httpAnswers(`${url}/healthz`))) {
    if (exited || Date.now() > deadline) {
      await stop();
      const why = exited ? `exited (code ${exited.code}, signal ${exited.sig})` : `did not answer within ${startTimeoutMs} ms`;
      throw new Error(`code-server ${why}. Last output:\n${logs.slice(-20).join('\n')}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  const exitedInfo = exitPromise.then(() => exited);
  return { url, port, logs, userDataDir, extensionsDir, exited: exitedInfo, stop };
}

/**
 * Install a VSIX into extensionsDir with code-server's CLI; returns the installed extension's folder.
 */
export async function installVsix(vsixPath, extensionsDir) {
  ensureInstalled();
  const stateDir = freshTempDir('cs-install');
  try {
    const out = await new Promise((res, rej) => {
      execFile(process.execPath, [ENTRY,
        '--install-extension', resolve(vsixPath), '--force',
        '--extensions-dir', extensionsDir, '--user-data-dir', join(stateDir, 'user'),
        '--config', join(stateDir, 'config.yaml')],
      { env: isolatedEnv(stateDir), timeout: 120_000 }, (err, stdout, stderr) => {
        if (err) rej(new Error(`installing ${vsixPath} failed: ${err.message}\n${stdout}${stderr}`));
        else res(stdout + stderr);
      });
    });
    // extensions.json records every install with a timestamp; the newest VSIX install is ours.
    const registry = JSON.parse(readFileSync(join(extensionsDir, 'extensions.json'), 'utf8'));
    const newest = registry
      .filter((e) => e.metadata?.source === 'vsix')
      .sort((a, b) => (b.metadata?.installedTimestamp ?? 0) - (a.metadata?.installedTimestamp ?? 0))[0];
    const folder = newest && join(extensionsDir, newest.relativeLocation);
    if (!folder || !existsSync(join(folder, 'package.json'))) {
      throw new Error(`installed ${vsixPath} but cannot find it in ${extensionsDir} (${readdirSync(extensionsDir)})\n${out}`);
    }
    return folder;
  } finally {
    rmSync(stateDir, { recursive: true, force: true });
  }
}

/** Settings for the user and for the machine (where code-server reads machine-scoped ones). */
export function writeSettings(userDataDir, settings) {
  for (const level of ['User', 'Machine']) {
    mkdirSync(join(userDataDir, level), { recursive: true });
    writeFileSync(join(userDataDir, level, 'settings.json'), JSON.stringify(settings, null, 2));
  }
}
