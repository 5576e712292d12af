// The -o results file. Opened before any device is polled, so a path that cannot be written
// fails the run at once; written as devices finish, so a crash loses only those still running.
import { closeSync, fstatSync, openSync, writeSync } from 'node:fs';
import { rename, rm, writeFile } from 'node:fs/promises';
import * as path from 'node:path';
import { fileProblem } from '../core/session/fileProblem';

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
      const bytes = Buffer.from(text);
      for (let done = 0; done < bytes.length; ) done += writeSync(this.fd, bytes, done);
    } catch (err) {
      this.problem = err;
    }
  }

  /**
   * Closes the file, first swapping in `whole` (the complete document) if given: written next to
   * the file and renamed over it, so the file is never partial. Throws a ResultsFileError if
   * anything could not be written.
   */
  async finish(whole?: string): Promise<void> {
    try {
      if (whole !== undefined && this.problem === undefined) await this.replace(whole);
    } finally {
      closeSync(this.fd);
    }
    if (this.problem !== undefined) throw new ResultsFileError(`cannot write results to ${this.file}: ${fileProblem(this.problem)}`);
  }

  private async replace(whole: string): Promise<void> {
    const temp = path.join(path.dirname(this.file), `.${path.basename(this.file)}.${process.pid}.tmp`);
    try {
      await writeFile(temp, whole);
      await rename(temp, this.file);
    } catch (err) {
      await rm(temp, { force: true });
      throw new ResultsFileError(`cannot put ${this.file} in inventory order (${fileProblem(err)}); it holds every device in completion order`);
    }
  }
}
