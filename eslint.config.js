// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

/** Apps Script service globals: only src/entry.ts may name them. */
const appsScriptGlobals = [
  'SpreadsheetApp',
  'HtmlService',
  'PropertiesService',
  'LockService',
  'CacheService',
  'Session',
  'Utilities',
  'Logger',
  'LinearOptimizationService',
  'ScriptApp',
  'Charts',
  'Browser',
  'UrlFetchApp',
  'DriveApp',
];
/** Node globals: nothing under src/ runs on Node. */
const nodeGlobals = ['process', 'require', 'module', 'Buffer', '__dirname', '__filename', 'global'];
/** Browser globals: server code (everything under src/ but the pages' client/ folders) has none. */
const domGlobals = [
  'window',
  'document',
  'navigator',
  'location',
  'history',
  'localStorage',
  'sessionStorage',
  'fetch',
  'XMLHttpRequest',
  'HTMLElement',
  'Element',
  'Event',
  'CustomEvent',
  'MutationObserver',
  'requestAnimationFrame',
  'setTimeout',
  'setInterval',
  'alert',
  'google',
];
/** The browser side of the sidebars: src/ui/<page>/client/**. */
const clientFiles = ['src/ui/*/client/**/*.ts', 'src/ui/*/client/**/*.tsx'];

export default tseslint.config(
  { ignores: ['dist/**', 'out/**', 'node_modules/**', 'test-artifacts/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.strictTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      '@typescript-eslint/no-unnecessary-condition': [
        'error',
        { allowConstantLoopConditions: true },
      ],
    },
  },
  {
    files: ['src/**/*.ts'],
    ignores: ['src/entry.ts', ...clientFiles],
    rules: {
      'no-restricted-globals': [
        'error',
        ...[...appsScriptGlobals, ...nodeGlobals].map((name) => ({
          name,
          message: 'Only src/entry.ts names Apps Script globals; src/ never uses Node globals.',
        })),
        ...domGlobals.map((name) => ({
          name,
          message:
            'Server code runs in Apps Script, which has no DOM: browser code goes under src/ui/<page>/client/.',
        })),
      ],
    },
  },
  {
    files: ['src/entry.ts'],
    rules: {
      'no-restricted-globals': [
        'error',
        ...domGlobals.map((name) => ({
          name,
          message: 'Server code runs in Apps Script, which has no DOM.',
        })),
      ],
    },
  },
  {
    files: clientFiles,
    languageOptions: {
      parserOptions: { projectService: false, project: './tsconfig.client.json' },
    },
    rules: {
      'no-restricted-globals': [
        'error',
        ...[...appsScriptGlobals, ...nodeGlobals].map((name) => ({
          name,
          message: 'Page code runs in the browser: it reaches the add-on only through the bridge.',
        })),
      ],
    },
  },
  {
    // Pure code: scoring and the custom functions never touch a service (custom functions get
    // their arguments only), so neither names an Apps Script type nor imports the adapters.
    files: ['src/core/**/*.ts', 'src/functions/**/*.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: 'TSQualifiedName[left.name="GoogleAppsScript"]',
          message: 'src/core and src/functions are pure: no Apps Script types.',
        },
      ],
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '/(sheets|menu|ui)(/|$)|^\\.\\./entry$',
              message:
                'src/core and src/functions are pure: only src/sheets, src/menu, src/ui and src/entry.ts touch Apps Script.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['test/**/*.ts'],
    rules: {
      '@typescript-eslint/no-non-null-assertion': 'off',
      '@typescript-eslint/no-confusing-void-expression': 'off',
      '@typescript-eslint/no-unused-expressions': 'off',
    },
  },
  {
    files: ['**/*.js', '**/*.cjs'],
    ...tseslint.configs.disableTypeChecked,
  },
);
