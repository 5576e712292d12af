// The device_type names an inventory may use in this workspace: the built-in platforms and
// those defined in .netpoll/platforms/ (the inventory adds its own platforms: section).
import * as path from 'node:path';
import * as vscode from 'vscode';
import { PLATFORM_DIR } from '../core/poll/pollSetup';
import { BUILTIN_PLATFORMS } from '../core/platforms/builtins';
import { readPlatformDir } from '../core/platforms/registry';

export async function knownDeviceTypes(inventory: vscode.Uri): Promise<string[]> {
  const folder = vscode.workspace.getWorkspaceFolder(inventory)?.uri.fsPath ?? path.dirname(inventory.fsPath);
  const { sources } = await readPlatformDir(path.join(folder, PLATFORM_DIR));
  return [...BUILTIN_PLATFORMS.keys(), ...sources.map((s) => s.name)];
}
