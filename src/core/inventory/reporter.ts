// Collects an inventory's diagnostics: turns a node's source range into editor positions and
// says each distinct problem once.
import type { InventoryDiagnostic, PositionOf, Report } from './types';

export interface Reporter {
  report: Report;
  diagnostics: InventoryDiagnostic[];
}

export function createReporter(position: PositionOf): Reporter {
  const diagnostics: InventoryDiagnostic[] = [];
  const said = new Set<string>();
  const report: Report = (severity, message, node, extra) => {
    const [start, end] = node?.range ?? [0, 0];
    // A slip in something many devices share (defaults, an anchor) is said once, where it is.
    const key = `${severity} ${start} ${end} ${message}`;
    if (said.has(key)) return;
    said.add(key);
    const from = position(start);
    const to = position(Math.max(start, end));
    diagnostics.push({ severity, message, ...from, endLine: to.line, endColumn: to.column, ...extra });
  };
  return { report, diagnostics };
}
