// Bundles the extension and the command line into dist/ with esbuild.
// ssh2's optional native parts (its crypto addon, cpu-features) are never bundled: an addon
// built for this Node cannot load in VS Code's Electron host, and ssh2 falls back to pure
// JavaScript when requiring them throws. The command line (and the worker threads it starts)
// looks for them at run time, beside an installed ssh2, and uses them where they load: the
// native crypto takes about half the CPU time of the JavaScript one.
import * as esbuild from 'esbuild';
import { createRequire } from 'node:module';
import * as path from 'node:path';

const production = process.argv.includes('--production');

/** ssh2's folder, which the addon paths ssh2 requires are made relative to. */
const SSH2_DIR = path.dirname(createRequire(import.meta.url).resolve('ssh2/package.json'));

function nativeAddons({ atRunTime }) {
  return {
    name: 'native-addons',
    setup(build) {
      build.onResolve({ filter: /(\.node$|^cpu-features$)/ }, (args) => ({
        // cpu-features is a package of its own; the crypto addon a file inside ssh2.
        path: args.path === 'cpu-features' ? args.path : path.relative(SSH2_DIR, path.join(args.resolveDir, args.path)).split(path.sep).join('/'),
        namespace: 'native-addon',
      }));
      build.onLoad({ filter: /.*/, namespace: 'native-addon' }, (args) => ({
        contents: atRunTime ? loadAtRunTime(args.path) : `throw new Error(${JSON.stringify(`native addon ${args.path} is not bundled`)});`,
        loader: 'js',
      }));
    },
  };
}

/** Requires the addon from the ssh2 installed beside the bundle, never in Electron; throws where there is none. */
function loadAtRunTime(addon) {
  const where = addon === 'cpu-features' ? `require.resolve('cpu-features', { paths: [ssh2] })` : `require('path').join(ssh2, ${JSON.stringify(addon)})`;
  return [
    `if (process.versions.electron) throw new Error('native addons are not loaded in Electron');`,
    `const ssh2 = require('path').dirname(require.resolve('ssh2/package.json'));`,
    `module.exports = require(${where});`,
  ].join('\n');
}

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: !production,
  minify: production,
  logLevel: 'warning',
};

// ssh2/package.json is only looked up at run time, to find the installed ssh2.
const NATIVE_AT_RUN_TIME = { plugins: [nativeAddons({ atRunTime: true })], external: ['ssh2/package.json'] };

await Promise.all([
  esbuild.build({ ...common, entryPoints: ['src/extension.ts'], outfile: 'dist/extension.js', external: ['vscode'], plugins: [nativeAddons({ atRunTime: false })] }),
  esbuild.build({ ...common, entryPoints: ['src/cli/main.ts'], outfile: 'dist/cli.js', ...NATIVE_AT_RUN_TIME }),
  // Worker threads load this file from beside the bundle that starts them (in the extension
  // host too, where the Electron check keeps the addons out).
  esbuild.build({ ...common, entryPoints: ['src/core/poll/pollWorker.ts'], outfile: 'dist/pollWorker.js', ...NATIVE_AT_RUN_TIME }),
  // The results view's page, for the webview (a browser): no Node, no source map to load.
  esbuild.build({ ...common, platform: 'browser', format: 'iife', sourcemap: false, entryPoints: ['src/webview/resultsView.ts'], outfile: 'dist/resultsView.js' }),
]);
