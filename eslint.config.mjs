import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', '.vscode-test/**', 'test-results/**', 'demo-output/**', 'test/unit/fixtures/layers/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: globals.node },
    rules: {
      eqeqeq: ['error', 'always'],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_', ignoreRestSiblings: true }],
    },
  },
  {
    // Browser tests run mocha in Node and hand some functions to the page.
    files: ['test/e2e/ui/**/*.mjs'],
    languageOptions: { globals: { ...globals.mocha, ...globals.browser } },
  },
  // The layers of DESIGN.md section 1, one direction only:
  // ui/cli -> core/poll -> core/session -> core/platforms; inventory, results and parse are leaves;
// core/files is below them all.
  // Each block below replaces the rule's options for its files (flat config does not merge them),
  // so every core block repeats the vscode ban.
  {
    // The core runs in plain Node, in the extension host, the command line and the bench alike,
    // and depends on nothing above it.
    files: ['src/core/**/*.ts'],
    rules: { 'no-restricted-imports': coreLayer('src/core never imports src/ui, src/cli or src/extension.ts.', '^(\\.\\./)+(ui|cli|extension)(/|$)') },
  },
  {
    files: ['src/core/platforms/*.ts'],
    rules: { 'no-restricted-imports': coreLayer('src/core/platforms imports only core/files and itself.', outside(['files'])) },
  },
  {
    files: ['src/core/session/*.ts'],
    rules: { 'no-restricted-imports': coreLayer('src/core/session imports only core/platforms, files and itself.', outside(['platforms', 'files'])) },
  },
  {
    files: ['src/core/poll/*.ts'],
    rules: { 'no-restricted-imports': coreLayer('src/core/poll imports only core/session, platforms, inventory, results, parse, files and itself.', outside(['session', 'platforms', 'inventory', 'results', 'parse', 'files'])) },
  },
  {
    // Leaves: results are built from plain outcomes, never from poll handles. core/files
    // (how a file problem is worded) is below every layer.
    files: ['src/core/inventory/*.ts', 'src/core/results/*.ts', 'src/core/parse/*.ts'],
    rules: { 'no-restricted-imports': coreLayer('src/core/inventory, results and parse are leaves: they import only core/files and themselves.', outside(['files'])) },
  },
  {
    files: ['src/core/files/*.ts'],
    rules: { 'no-restricted-imports': coreLayer('src/core/files imports nothing from src/ but itself.', outside([])) },
  },
  {
    files: ['src/cli/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [{ regex: '^\\.\\./(ui|extension)(/|$)', message: 'src/cli may import src/core but not src/ui or src/extension.ts.' }] }] },
  },
  {
    files: ['src/ui/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [{ regex: '^\\.\\./cli(/|$)', message: 'src/ui may import src/core but not src/cli.' }] }] },
  },
);

/** The rule for one core layer: no vscode, and no import matching `regex`. */
function coreLayer(message, regex) {
  return ['error', { paths: [{ name: 'vscode', message: 'src/core never imports vscode.' }], patterns: [{ regex, message }] }];
}

/**
 * Matches a relative import that leaves a layer's folder (src/core/<layer>/) for anything but
 * the sibling layers named. Written for files directly in the layer's folder: a file in a
 * subfolder would be flagged for importing its own layer, loudly rather than silently.
 */
function outside(siblings) {
  const allowed = siblings.length === 0 ? '' : `(?!(${siblings.join('|')})(/|$))`;
  return `^\\.\\.(/${allowed}|$)`;
}
