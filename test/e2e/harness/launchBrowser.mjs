// Headless Debian chromium through playwright-core (no browser download).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

// Root needs --no-sandbox; the rest keep Chromium off the network and quiet in containers.
export const CHROMIUM_ARGS = [
  '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
  '--disable-dev-shm-usage',
];

export async function launchChromium({ headless = true, args = [] } = {}) {
  // Chromium writes dconf/cache files under XDG dirs: keep them out of $HOME.
  const xdg = mkdtempSync(join(tmpdir(), 'netpoll-chromium-'));
  const browser = await chromium.launch({
    executablePath: CHROMIUM_PATH, headless, args: [...CHROMIUM_ARGS, ...args],
    env: { ...process.env, XDG_CONFIG_HOME: xdg, XDG_CACHE_HOME: xdg },
  }).catch((err) => { rmSync(xdg, { recursive: true, force: true }); throw err; });
  browser.on('disconnected', () => rmSync(xdg, { recursive: true, force: true }));
  return browser;
}
