// The -o results file. Opened before any device is polled, so a path that cannot be written
// fails the run at once; written as devices finish, so a crash loses only those still running.
import { closeSync, fstatSync, openSync, writeSync } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import * as path from 'node:path';
import { fileProblem } from '../core/files/fileProblem';

export class ResultsFileError extends Error {}

export class ResultsFile {
  private problem: unknown;

  private constructor(
    readonly file: string,
    private readonly fd: number,
    /** A regular file, which a complete copy can be renamed over (not a pipe or a device). */
    readonly replaceable: boolean,
  ) {}

  /** Creates or empties the file now; throws a ResultsFileError that says why it cannot be written. */
  static open(file: string): ResultsFile {
    let fd: number | undefined;
    try {
      fd = openSync(file, 'w');
      return new ResultsFile(file, fd, fstatSync(fd).isFile());
    } catch (err) {
      if (fd !== undefined) closeSync(fd);
      throw new ResultsFileError(`cannot write results to ${file}: ${fileProblem(err)}`);
    }
  }

  /**
   * Appends synchronously: once this returns the text is the system's, even if the process is
   * killed next. After a failed write later ones are skipped, and close() reports it.
   */
  append(text: string): void {
    if (this.problem !== undefined) return;
    try {
      writeAll(this.fd, text);
    } catch (err) {
      this.problem = err;
    }
  }

  /**
   * Closes the file, first swapping in the complete document that `fill` writes, if given:
   * written next to the file and renamed over it, so the file is never partial. Throws a
   * ResultsFileError if anything could not be written.
   */
  async finish(fill?: (write: (text: string) => void) => Promise<void>): Promise<void> {
    try {
      if (fill !== undefined && this.problem === undefined) await this.replace(fill);
    } finally {
      closeSync(this.fd);
    }
    if (this.problem !== undefined) throw new ResultsFileError(`cannot write results to ${this.file}: ${fileProblem(this.problem)}`);
  }

  /** Closes the file, leaving it as it is: the poll it was opened for will not run. */
  discard(): void {
    closeSync(this.fd);
  }

  private async replace(fill: (write: (text: string) => void) => Promise<void>): Promise<void> {
    const temp = path.join(path.dirname(this.file), `.${path.basename(this.file)}.${process.pid}.tmp`);
    let fd: number | undefined;
    try {
      fd = openSync(temp, 'w');
      const into = fd;
      await fill((text) => writeAll(into, text));
      closeSync(fd);
      fd = undefined;
      await rename(temp, this.file);
    } catch (err) {
      if (fd !== undefined) closeSync(fd);
      await rm(temp, { force: true });
      if (err instanceof ResultsFileError) throw err;
      throw new ResultsFileError(`cannot put ${this.file} in inventory order (${fileProblem(err)}); it holds every device in completion order`);
    }
  }
}

function writeAll(fd: number, text: string): void {
  const bytes = Buffer.from(text);
  for (let done = 0; done < bytes.length; ) done += writeSync(fd, bytes, done);
}
