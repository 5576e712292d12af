// Bundles the extension and the command line into dist/ with esbuild.
// ssh2's optional native parts (its crypto addon, cpu-features) are left out on purpose:
// an addon built for this Node cannot load in VS Code's Electron host, and ssh2 falls
// back to pure JavaScript when requiring them throws.
import * as esbuild from 'esbuild';

const production = process.argv.includes('--production');

const withoutNativeAddons = {
  name: 'without-native-addons',
  setup(build) {
    build.onResolve({ filter: /(\.node$|^cpu-features$)/ }, (args) => ({ path: args.path, namespace: 'native-addon' }));
    build.onLoad({ filter: /.*/, namespace: 'native-addon' }, (args) => ({
      contents: `throw new Error(${JSON.stringify(`native addon ${args.path} is not bundled`)});`,
      loader: 'js',
    }));
  },
};

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: !production,
  minify: production,
  logLevel: 'warning',
  plugins: [withoutNativeAddons],
};

await Promise.all([
  esbuild.build({ ...common, entryPoints: ['src/extension.ts'], outfile: 'dist/extension.js', external: ['vscode'] }),
  esbuild.build({ ...common, entryPoints: ['src/cli/main.ts'], outfile: 'dist/cli.js' }),
  // Worker threads load this file from beside the bundle that starts them.
  esbuild.build({ ...common, entryPoints: ['src/core/poll/pollWorker.ts'], outfile: 'dist/pollWorker.js' }),
]);
