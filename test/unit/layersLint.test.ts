// The lint rule that keeps the layers of DESIGN.md section 1 apart must bite: each import below
// goes against a layer and has to fail `npm run lint`, and an allowed one must pass untouched.
import { strict as assert } from 'node:assert';
import * as path from 'node:path';
import { ESLint } from 'eslint';

const ROOT = path.resolve(__dirname, '../../..');

describe('layers: the lint rule', function () {
  // The first lint loads the configuration and typescript-eslint.
  this.timeout(60000);
  const eslint = new ESLint({ overrideConfigFile: path.join(ROOT, 'eslint.config.mjs'), cwd: ROOT });

  /** The messages linting `source` as if it were the file `file` gets, one line each. */
  async function lint(file: string, source: string): Promise<string[]> {
    const [result] = await eslint.lintText(source, { filePath: path.join(ROOT, file) });
    return result.messages.map((m) => `${m.ruleId}: ${m.message}`);
  }

  /** A module whose only content is a type import of `specifier`, so no other rule has a say. */
  const importing = (specifier: string) => `import type { Anything } from '${specifier}';\nexport type Same = Anything;\n`;

  const forbidden: [file: string, specifier: string, layer: RegExp][] = [
    ['src/core/session/layersProbe.ts', '../poll/executor', /src\/core\/session imports only core\/platforms/],
    ['src/core/results/layersProbe.ts', '../poll/devicePoll', /results and parse are leaves/],
    ['src/cli/layersProbe.ts', '../ui/poller', /src\/cli may import src\/core but not src\/ui/],
    ['src/ui/layersProbe.ts', '../cli/poll', /src\/ui may import src\/core but not src\/cli/],
    ['src/core/platforms/layersProbe.ts', '../session/errors', /src\/core\/platforms imports only core\/files/],
    ['src/core/poll/layersProbe.ts', '../../ui/poller', /src\/core\/poll imports only/],
    // Each layer's own options replace the core-wide ones, so the vscode ban must survive in all.
    ['src/core/results/layersProbe.ts', 'vscode', /src\/core never imports vscode/],
    ['src/core/files/layersProbe.ts', '../results/report', /src\/core\/files imports nothing/],
  ];
  for (const [file, specifier, layer] of forbidden) {
    it(`flags ${specifier} in ${path.dirname(file)}`, async () => {
      const messages = await lint(file, importing(specifier));
      assert.equal(messages.length, 1, messages.join('\n'));
      assert.match(messages[0], /^no-restricted-imports: /);
      assert.match(messages[0], layer);
    });
  }

  const allowed: [file: string, specifier: string][] = [
    ['src/core/session/layersProbe.ts', '../platforms/platform'],
    ['src/core/session/layersProbe.ts', './errors'],
    ['src/core/poll/layersProbe.ts', '../results/report'],
    ['src/core/poll/layersProbe.ts', '../parse/templateLibrary'],
    ['src/core/results/layersProbe.ts', './outcome'],
    ['src/core/results/layersProbe.ts', '../files/fileProblem'],
    ['src/cli/layersProbe.ts', '../core/poll/pollRun'],
    ['src/ui/layersProbe.ts', '../core/results/render'],
  ];
  for (const [file, specifier] of allowed) {
    it(`allows ${specifier} in ${path.dirname(file)}`, async () => {
      assert.deepEqual(await lint(file, importing(specifier)), []);
    });
  }
});
