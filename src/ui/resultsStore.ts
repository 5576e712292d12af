// Saved results: one file per poll under .netpoll/results/ in the workspace, named after the
// inventory and the time, so two polls can be compared; only the newest N are kept.
import * as path from 'node:path';
import * as vscode from 'vscode';
import { renderReport, ResultsFormat } from '../core/results/render';
import { PollReport } from '../core/results/report';

export const RESULTS_DIR = path.join('.netpoll', 'results');
const EXTENSIONS: Record<ResultsFormat, string> = { yaml: 'yaml', json: 'json', markdown: 'md' };

/** `devices.yaml` polled at 2026-11-21T20:01:02.345Z -> `devices-20261121-200102-345.yaml` (UTC). */
function fileName(report: PollReport, format: ResultsFormat): string {
  const stamp = report.startedAt.replace(/[-:]/g, '').replace('T', '-').replace('.', '-').slice(0, 19);
  return `${stem(report.inventory)}-${stamp}.${EXTENSIONS[format]}`;
}

function stem(inventory: string): string {
  return path.basename(inventory).replace(/\.ya?ml$/, '').replace(/[^\w.-]/g, '_');
}

export async function saveResults(folder: vscode.Uri, report: PollReport, format: ResultsFormat, keep: number): Promise<vscode.Uri> {
  const dir = vscode.Uri.joinPath(folder, RESULTS_DIR);
  await vscode.workspace.fs.createDirectory(dir);
  const uri = vscode.Uri.joinPath(dir, fileName(report, format));
  await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(renderReport(report, format)));
  const saved = await savedResults(folder, report.inventory);
  await Promise.all(saved.slice(keep).map((old) => vscode.workspace.fs.delete(old)));
  return uri;
}

/** Saved results of one inventory, newest first. */
export async function savedResults(folder: vscode.Uri, inventory: string): Promise<vscode.Uri[]> {
  const dir = vscode.Uri.joinPath(folder, RESULTS_DIR);
  let entries: [string, vscode.FileType][];
  try {
    entries = await vscode.workspace.fs.readDirectory(dir);
  } catch {
    return [];
  }
  const prefix = `${stem(inventory)}-`;
  return entries
    .filter(([name, type]) => type === vscode.FileType.File && name.startsWith(prefix) && /-\d{8}-\d{6}-\d{3}\.\w+$/.test(name))
    .map(([name]) => name)
    .sort()
    .reverse()
    .map((name) => vscode.Uri.joinPath(dir, name));
}
