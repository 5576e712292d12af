import { strict as assert } from 'node:assert';
import { mkdtemp, readdir, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { ResultsFile, ResultsFileError } from '../../src/cli/resultsFile';

describe('results file', () => {
  let dir: string;
  beforeEach(async () => (dir = await mkdtemp(path.join(tmpdir(), 'netpoll-results-unit-'))));

  it('says at open why a path cannot be written: a missing folder, a directory', () => {
    const missing = path.join(dir, 'missing', 'x.json');
    assert.throws(() => ResultsFile.open(missing), (err: Error) => err instanceof ResultsFileError && err.message === `cannot write results to ${missing}: its folder does not exist (ENOENT)`);
    assert.throws(() => ResultsFile.open(dir), { message: `cannot write results to ${dir}: it is a directory, not a file (EISDIR)` });
  });

  it('holds each appended piece at once, and swaps in the whole document at the end', async () => {
    const file = path.join(dir, 'results.yaml');
    const results = ResultsFile.open(file);
    assert.equal(results.replaceable, true);
    results.append('a: 1\n');
    assert.equal(await readFile(file, 'utf8'), 'a: 1\n', 'written before anything is awaited');
    results.append('b: 2\n');
    await results.finish(async (write) => {
      write('b: 2\n');
      // Until the whole document is written, the file keeps what it had.
      assert.equal(await readFile(file, 'utf8'), 'a: 1\nb: 2\n');
      write('a: 1\n');
    });
    assert.equal(await readFile(file, 'utf8'), 'b: 2\na: 1\n');
    assert.deepEqual(await readdir(dir), ['results.yaml'], 'no temporary file is left');
  });
});
