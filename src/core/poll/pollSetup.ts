// Everything a poll needs from the workspace, read the same way by the command line and
// the extension: the inventory's devices, and the platforms they may use.
import * as path from 'node:path';
import { DeviceSpec, Inventory, parseInventory } from '../inventory/inventory';
import { BUILTIN_PLATFORMS } from '../platforms/builtins';
import { buildPlatforms, Platforms, readPlatformDir } from '../platforms/registry';

export interface PollSetup {
  inventory: Inventory;
  devices: DeviceSpec[];
  /** Inventory entries that cannot be polled at all. */
  skipped: number;
  platforms: Platforms;
  /** Problems outside the inventory (platform files), as `file: message` lines. */
  problems: string[];
}

/** Where user platforms live, relative to a workspace folder. */
export const PLATFORM_DIR = path.join('.netpoll', 'platforms');

export async function preparePoll(inventoryText: string, inventoryFile: string, workspaceDir: string): Promise<PollSetup> {
  const files = await readPlatformDir(path.join(workspaceDir, PLATFORM_DIR));
  const inventory = parseInventory(inventoryText, { deviceTypes: [...BUILTIN_PLATFORMS.keys(), ...files.sources.map((s) => s.name)] });
  const inline = inventory.platforms.map((p) => ({ name: p.name, spec: p.spec, where: `${inventoryFile}:${p.line}:${p.column}` }));
  const platforms = buildPlatforms([...files.sources, ...inline]);
  return {
    inventory,
    devices: inventory.devices,
    skipped: inventory.skipped,
    platforms,
    problems: [...files.problems, ...platforms.errors.values()],
  };
}
