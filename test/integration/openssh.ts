// Debian's OpenSSH server, started by a test on a loopback port with its own config, host
// key and authorized keys (never the system's sshd or its files).
import { ChildProcess, execFile, spawn } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir, userInfo } from 'node:os';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { closedLoopbackPort } from '../lab/ports';

const run = promisify(execFile);
const SSHD = '/usr/sbin/sshd';

export interface OpenSshServer {
  host: string;
  port: number;
  username: string;
  dir: string;
  /** A client key without passphrase, and one protected by PASSPHRASE. */
  keyFile: string;
  protectedKeyFile: string;
  /** The server's public host key, `type base64`. */
  hostKey(): Promise<string>;
  /** Stops, makes a new host key, and starts again on the same port. */
  rekey(): Promise<void>;
  stop(): Promise<void>;
}

export const PASSPHRASE = 'pass-phrase-4b1d';

async function keygen(file: string, passphrase = ''): Promise<void> {
  await run('ssh-keygen', ['-q', '-t', 'ed25519', '-N', passphrase, '-C', 'netpoll-test', '-f', file]);
}

export async function startOpenSsh(): Promise<OpenSshServer> {
  const dir = await mkdtemp(path.join(tmpdir(), 'netpoll-sshd-'));
  const port = await closedLoopbackPort();
  const keyFile = path.join(dir, 'client_key');
  const protectedKeyFile = path.join(dir, 'client_key_protected');
  await Promise.all([keygen(path.join(dir, 'host_key')), keygen(keyFile), keygen(protectedKeyFile, PASSPHRASE)]);
  const authorized = (await Promise.all([keyFile, protectedKeyFile].map((f) => readFile(`${f}.pub`, 'utf8')))).join('');
  await writeFile(path.join(dir, 'authorized_keys'), authorized);
  const config = path.join(dir, 'sshd_config');
  await writeFile(
    config,
    [
      `Port ${port}`,
      'ListenAddress 127.0.0.1',
      `HostKey ${path.join(dir, 'host_key')}`,
      `PidFile ${path.join(dir, 'sshd.pid')}`,
      `AuthorizedKeysFile ${path.join(dir, 'authorized_keys')}`,
      'PubkeyAuthentication yes',
      'PasswordAuthentication no',
      'KbdInteractiveAuthentication no',
      'PermitRootLogin prohibit-password',
      'UsePAM no',
      'StrictModes no',
      'LogLevel VERBOSE',
      '',
    ].join('\n'),
  );
  await mkdir('/run/sshd', { recursive: true }); // sshd's privilege separation directory

  let child = await launch(config);
  const server: OpenSshServer = {
    host: '127.0.0.1',
    port,
    username: userInfo().username,
    dir,
    keyFile,
    protectedKeyFile,
    hostKey: async () => (await readFile(path.join(dir, 'host_key.pub'), 'utf8')).split(' ').slice(0, 2).join(' '),
    rekey: async () => {
      await stopProcess(child);
      await rm(path.join(dir, 'host_key'));
      await rm(path.join(dir, 'host_key.pub'));
      await keygen(path.join(dir, 'host_key'));
      child = await launch(config);
    },
    stop: async () => {
      await stopProcess(child);
      await rm(dir, { recursive: true, force: true });
    },
  };
  return server;
}

/** Starts sshd in the foreground and resolves once it says it is listening. */
function launch(config: string): Promise<ChildProcess> {
  return new Promise((resolve, reject) => {
    const child = spawn(SSHD, ['-D', '-e', '-f', config], { stdio: ['ignore', 'ignore', 'pipe'] });
    let log = '';
    child.stderr!.on('data', (chunk: Buffer) => {
      log += chunk.toString();
      if (/Server listening on 127\.0\.0\.1 port \d+/.test(log)) resolve(child);
    });
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`sshd exited (${code}) before listening:\n${log}`)));
  });
}

function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}
