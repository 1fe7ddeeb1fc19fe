// ESLint for the site and its JavaScript tests (npm run lint, from web/; the paths below are
// relative to the repository root, where that script runs it).
import js from '@eslint/js';
import globals from 'globals';

export default [
  { ignores: ['web/dist/**', 'web/node_modules/**', 'web/public/**'] },
  js.configs.recommended,
  {
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      'no-unused-vars': ['error', { argsIgnorePattern: '^_', caughtErrors: 'none', ignoreRestSiblings: true }],
      eqeqeq: ['error', 'always'],
      'no-var': 'error',
      'prefer-const': ['error', { destructuring: 'all' }],
    },
  },
  // the site: browser modules
  {
    files: ['web/src/**/*.js'],
    languageOptions: { globals: { ...globals.browser, __NORMLAB_HAS_SHAKESPEARE__: 'readonly' } },
  },
  // the engine worker runs in a worker scope
  {
    files: ['web/src/engine/worker.js', 'web/src/engine/learner-worker.js'],
    languageOptions: { globals: { ...globals.worker } },
  },
  // views and state never reach the engine: they are handed `call` / `startRun` by main.js
  {
    files: ['web/src/views/**/*.js', 'web/src/state/**/*.js'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/engine/*'],
              message: 'Views and state never import the engine; main.js hands them what they need.',
            },
          ],
        },
      ],
    },
  },
  // build plugins, config, tests and benchmarks run in Node
  {
    files: ['web/plugins/**/*.js', 'web/*.js', 'tests/**/*.mjs'],
    languageOptions: { globals: { ...globals.node } },
  },
  // browser tests pass functions that run in the page
  { files: ['tests/e2e/**/*.mjs'], languageOptions: { globals: { ...globals.node, ...globals.browser } } },
];
