// The platforms a poll can use: the built-in ones, changed or added by the user in
// `.netpoll/platforms/<name>.yaml` files and in the inventory's `platforms:` section.
import { readdir, readFile } from 'node:fs/promises';
import * as path from 'node:path';
import { parse } from 'yaml';
import { BUILTIN_PLATFORMS, compileSpecs } from './builtins';
import { PlatformDefinition, PlatformSpec } from './platform';

export interface PlatformSource {
  name: string;
  spec: unknown;
  /** Where it was written, for messages: `file:line:col`. */
  where: string;
}

export interface Platforms {
  platforms: Map<string, PlatformDefinition>;
  /** User platforms that cannot be used, with why and where. */
  errors: Map<string, string>;
}

/** Built-ins plus `sources`; a later source for the same name wins. */
export function buildPlatforms(sources: PlatformSource[]): Platforms {
  const specs: Record<string, PlatformSpec> = {};
  const origin = new Map<string, string>();
  for (const source of sources) {
    specs[source.name] = source.spec as PlatformSpec;
    origin.set(source.name, source.where);
  }
  const compiled = compileSpecs(specs, BUILTIN_PLATFORMS);
  const platforms = new Map(BUILTIN_PLATFORMS);
  for (const [name, definition] of compiled.platforms) platforms.set(name, definition);
  const errors = new Map([...compiled.errors].map(([name, message]) => [name, `${origin.get(name)}: ${message}`]));
  return { platforms, errors };
}

/** One platform per `<name>.yaml` (or .yml) file in `dir`; a missing folder holds none. */
export async function readPlatformDir(dir: string): Promise<{ sources: PlatformSource[]; problems: string[] }> {
  let names: string[];
  try {
    names = (await readdir(dir)).filter((f) => /\.ya?ml$/.test(f)).sort();
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return { sources: [], problems: [] };
    throw err;
  }
  const sources: PlatformSource[] = [];
  const problems: string[] = [];
  for (const file of names) {
    const full = path.join(dir, file);
    try {
      sources.push({ name: file.replace(/\.ya?ml$/, ''), spec: parse(await readFile(full, 'utf8')), where: full });
    } catch (err) {
      problems.push(`${full}: ${(err as Error).message.split('\n')[0]}`);
    }
  }
  return { sources, problems };
}
