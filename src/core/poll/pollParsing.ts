// Parsing a poll's outputs into records (TextFSM). Before the poll starts, every template it
// can need is found and compiled once (per platform and command, or per template file), so a
// device's outputs are parsed the moment it ends, on the way to the store, without waiting
// on a disk: what a device said is on disk before the next device starts, parsed or not.
import * as path from 'node:path';
import { withHome } from '../files/homePath';
import { DeviceSpec, ParseChoice } from '../inventory/types';
import { indexParser, OutputParser, templateFileParser } from '../parse/templateLibrary';
import { PlatformDefinition } from '../platforms/platform';
import { ParseReport, ParsedRecord } from '../results/report';

/** The templates folder when none is named, relative to the workspace folder. */
export const TEMPLATES_DIR = path.join('.netpoll', 'templates');

/**
 * The templates folder, as netmiko finds it: the one named (setting or --templates), else
 * NET_TEXTFSM, else .netpoll/templates in the workspace.
 */
export function templatesFolder(named: string | undefined, env: Readonly<Record<string, string | undefined>>, workspaceDir: string): string {
  const chosen = named?.trim() || env.NET_TEXTFSM?.trim();
  return chosen ? path.resolve(workspaceDir, withHome(chosen)) : path.join(workspaceDir, TEMPLATES_DIR);
}

export interface ParsingOptions {
  /** Parse the commands a device says nothing about (netpoll.parsing.enabled, --parse). */
  enabled: boolean;
  /** The folder with the templates index. */
  templatesDir: string;
  /** Template files named in the inventory are relative to its folder. */
  inventoryDir: string;
  /** Commands for devices that do not list their own. */
  commands: readonly string[];
  /** Platform definitions by device_type, for their index platform names. */
  platforms: ReadonlyMap<string, PlatformDefinition>;
}

export interface CommandParse {
  parse: ParseReport;
  parsed: ParsedRecord[] | null;
}

/** Where a command's templates come from: the index, or a file the inventory names (`written`). */
type Source = { kind: 'index'; platform: string; command: string } | { kind: 'file'; file: string; written: string };

export class PollParsing {
  private constructor(
    private readonly options: ParsingOptions,
    private readonly parsers: ReadonlyMap<string, OutputParser>,
  ) {}

  /** Undefined when no device's command is to be parsed. */
  static async prepare(devices: readonly DeviceSpec[], options: ParsingOptions): Promise<PollParsing | undefined> {
    const sources = new Map<string, Source>();
    for (const device of devices) {
      for (const command of device.commands ?? options.commands) {
        const source = sourceFor(device, command, options);
        if (source) sources.set(sourceKey(source), source);
      }
    }
    if (sources.size === 0) return undefined;
    const parsers = new Map<string, OutputParser>();
    for (const [key, source] of sources) {
      parsers.set(key, source.kind === 'file' ? await templateFileParser(source.file, source.written) : await indexParser(options.templatesDir, source));
    }
    return new PollParsing(options, parsers);
  }

  /** Every key a record of this poll can have, in the order first seen: a table's columns. */
  get columns(): string[] {
    return [...new Set([...this.parsers.values()].flatMap((parser) => parser.columns))];
  }

  /** Why templates the poll needs cannot be used (an index or template that does not compile), each once. */
  get problems(): string[] {
    const messages = [...this.parsers.values()].map((parser) => parser.problem).filter((m): m is string => m !== undefined);
    return [...new Set(messages)];
  }

  /** The parse of one command's output; undefined when this command is not parsed. */
  parse(device: DeviceSpec, command: string, output: string): CommandParse | undefined {
    const source = sourceFor(device, command, this.options);
    const parser = source && this.parsers.get(sourceKey(source));
    if (!parser) return undefined;
    const result = parser.parse(output);
    if (result.status === 'parsed') return { parse: { status: 'parsed', template: result.template, message: null }, parsed: result.records };
    return { parse: { status: result.status, template: result.status === 'error' ? result.template ?? null : null, message: result.message }, parsed: null };
  }
}

function sourceFor(device: DeviceSpec, command: string, options: ParsingOptions): Source | undefined {
  const choice = choiceFor(device, command, options.enabled);
  if (choice === false) return undefined;
  if (choice === true) return { kind: 'index', platform: options.platforms.get(device.deviceType)?.textfsmPlatform ?? device.deviceType, command };
  return { kind: 'file', file: path.resolve(options.inventoryDir, withHome(choice.template)), written: choice.template };
}

function choiceFor(device: DeviceSpec, command: string, enabled: boolean): ParseChoice {
  const setting = device.parse;
  if (typeof setting === 'boolean') return setting;
  return setting?.get(command) ?? enabled;
}

function sourceKey(source: Source): string {
  return source.kind === 'file' ? `file\n${source.file}` : `index\n${source.platform}\n${source.command}`;
}
