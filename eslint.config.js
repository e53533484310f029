// ESLint flat config (`npm run lint`, run by .ci/run after the type check).
// Not type-aware on purpose (no parserOptions.project): `tsc` already checks types; this stays fast.
import { readFileSync } from 'node:fs';
import js from '@eslint/js';
import { defineConfig, globalIgnores } from 'eslint/config';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/**
 * The root .gitignore (the repo's only one) as flat-config ignore globs: a pattern without an
 * inner slash matches at any depth (`**\/`), a leading slash anchors it at the root, `!` re-includes.
 */
function gitignorePatterns(file) {
  return readFileSync(new URL(file, import.meta.url), 'utf8')
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith('#'))
    .map((line) => {
      const negated = line.startsWith('!');
      const pattern = negated ? line.slice(1) : line;
      const slash = pattern.indexOf('/');
      const anywhere = slash < 0 || slash === pattern.length - 1 ? '**/' : '';
      return `${negated ? '!' : ''}${anywhere}${slash === 0 ? pattern.slice(1) : pattern}`;
    });
}

const testFiles = ['**/*.test.ts', 'tests/**'];
const browserModules = ['moderation/src/console/public/**/*.js'];
const browserScripts = ['site/public/**/*.js'];
/** Unused code is a real defect; a leading `_` marks a deliberate one, and caught errors may go unused. */
const unusedVars = { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none', ignoreRestSiblings: true };

export default defineConfig(
  globalIgnores(
    [
      ...gitignorePatterns('./.gitignore'),
      // Built or generated output, whether or not git ignores it.
      '**/node_modules/',
      '**/dist/',
      '**/build/',
      '**/coverage/',
      '**/.astro/',
      '**/.strapi/',
      '**/.tmp/',
      // Strapi's generated content types (hand-written .d.ts elsewhere are linted).
      'cms/types/generated/',
      // Astro components need eslint-plugin-astro, which the team does not want.
      '**/*.astro',
    ],
    'hub/ignores',
  ),
  js.configs.recommended,
  tseslint.configs.recommended,
  {
    name: 'hub/node',
    // Globals merge across blocks: the browser files must not see Node's (`process`, `Buffer`…).
    files: ['**/*.{js,mjs,cjs,ts,mts,cts,tsx}'],
    ignores: browserModules.concat(browserScripts),
    languageOptions: { ecmaVersion: 'latest', sourceType: 'module', globals: globals.node },
  },
  {
    name: 'hub/browser-modules',
    // The moderation console's front end: ES modules loaded by the browser.
    files: browserModules,
    languageOptions: { ecmaVersion: 'latest', sourceType: 'module', globals: globals.browser },
  },
  {
    name: 'hub/browser-scripts',
    // Classic `<script is:inline>` served as-is by the site.
    files: browserScripts,
    languageOptions: { ecmaVersion: 'latest', sourceType: 'script', globals: globals.browser },
  },
  {
    name: 'hub/commonjs',
    // The CMS package has no "type": its plain .js/.cjs files (none today) are CommonJS.
    files: ['**/*.cjs', 'cms/**/*.js'],
    languageOptions: { sourceType: 'commonjs', globals: { ...globals.node, ...globals.commonjs } },
  },
  {
    name: 'hub/rules',
    rules: {
      'no-unused-vars': 'off',
      '@typescript-eslint/no-unused-vars': ['error', unusedVars],
    },
  },
  {
    name: 'hub/tests',
    files: testFiles,
    // Tests read ad-hoc JSON answers (`as { data: any }`); typing each one buys nothing.
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    name: 'hub/max-params',
    // Domain rule: more than 4 positional parameters means an options object is due.
    files: ['**/*.{js,mjs,cjs,ts,mts,cts,tsx}'],
    // The seed-image script draws SVG shapes: its primitives take coordinates by position, as SVG does.
    ignores: [...testFiles, 'cms/scripts/make-seed-images.mjs'],
    rules: { 'max-params': ['error', 4] },
  },
);
