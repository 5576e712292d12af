// devices.yaml text -> the devices to poll, plus diagnostics with line and column.
// Accepts a plain list of netmiko-style devices, or groups (`routers: [...]`, or
// `routers: {defaults: {...}, devices: [...]}`), with optional top-level `defaults:` and
// `platforms:`. A bad entry is reported and skipped; every good one is still returned.
// This module only wires the steps; each lives in a module of its own.
import { Node, parseDocument } from 'yaml';
import { Aliases } from './aliases';
import { readDevice, ReadContext } from './device';
import { resolveJumps } from './jumps';
import { checkKeys } from './keyChecks';
import { nameDevices, namesOfSkipped, withoutDuplicateNames } from './names';
import { createReporter } from './reporter';
import { readSections, SectionContext } from './sections';
import { positionsIn } from './sourceLines';
import type { DeviceEntry, Inventory, ParseOptions } from './types';
import { syntaxDiagnostics } from './yamlErrors';

export type { DeviceEntry, DeviceSpec, DeviceTimeouts, IgnoreLine, Inventory, InventoryDiagnostic, JumpHost, ParseOptions, PlatformEntry, Report, Severity } from './types';

const BYTE_ORDER_MARK = '\uFEFF';

export function parseInventory(text: string, options: ParseOptions = {}): Inventory {
  // Editors hide a byte order mark and count columns after it; positions here do the same.
  const source = text.startsWith(BYTE_ORDER_MARK) ? text.slice(1) : text;
  // Repeated keys are reported per mapping, so one slip costs one device, not the file.
  const doc = parseDocument(source, { prettyErrors: false, uniqueKeys: false });
  const position = positionsIn(source);
  const { report, diagnostics } = createReporter(position);

  // After a syntax error YAML gives no document to trust, so no devices: only where the slip is.
  if (doc.errors.length > 0) return { devices: [], diagnostics: syntaxDiagnostics(source, doc.errors, position), platforms: [], skipped: 0 };

  const base: SectionContext = { report, doc, aliases: new Aliases(doc), line: (node) => position(node.range?.[0] ?? 0).line };
  const sections = readSections(doc.contents, base);
  const platforms = sections.platforms.map((p) => ({ name: p.name, spec: p.spec, ...position(p.node.range?.[0] ?? 0) }));
  const deviceTypes = options.deviceTypes ? new Set([...options.deviceTypes, ...platforms.map((p) => p.name)]) : undefined;
  const context: ReadContext = { ...base, deviceTypes };

  for (const defaults of sections.defaults) checkKeys(defaults, 'defaults', context);
  const read = sections.items.map((item) => readDevice(item, context));
  const entries = read.filter((e): e is DeviceEntry => e !== undefined);
  nameDevices(entries.map((e) => e.device));
  const skipped = namesOfSkipped(sections.items.filter((_, i) => read[i] === undefined), context.aliases, report);
  const devices = resolveJumps(withoutDuplicateNames(entries, report), report, skipped);
  if (sections.items.length === 0 && !diagnostics.some((d) => d.severity === 'error')) {
    report('error', 'the inventory lists no devices', doc.contents as Node | null);
  }
  return { devices, diagnostics, platforms, skipped: sections.items.length - devices.length };
}
