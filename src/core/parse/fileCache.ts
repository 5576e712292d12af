// Templates and indexes read from disk once and kept compiled while the file is unchanged, so
// a poll of many devices compiles each template once (as clitable keeps its index).
import { readFile, stat } from 'node:fs/promises';
import * as path from 'node:path';

interface Entry<T> {
  mtimeMs: number;
  size: number;
  /** Shared by every caller that asks while it is being read. */
  value: Promise<T>;
}

export class CompiledFileCache<T> {
  private readonly entries = new Map<string, Entry<T>>();

  constructor(private readonly compile: (text: string, file: string) => T) {}

  /** Rejects with what reading or compiling throws; a failure is not kept. */
  async get(file: string): Promise<T> {
    const full = path.resolve(file);
    const info = await stat(full);
    const cached = this.entries.get(full);
    if (cached && cached.mtimeMs === info.mtimeMs && cached.size === info.size) return cached.value;
    const value = readFile(full, 'utf8').then((text) => this.compile(text, file));
    const entry = { mtimeMs: info.mtimeMs, size: info.size, value };
    this.entries.set(full, entry);
    value.catch(() => {
      if (this.entries.get(full) === entry) this.entries.delete(full);
    });
    return value;
  }
}
