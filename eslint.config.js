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
    ignores: ['src/entry.ts'],
    rules: {
      'no-restricted-globals': [
        'error',
        ...[...appsScriptGlobals, ...nodeGlobals].map((name) => ({
          name,
          message: 'Only src/entry.ts names Apps Script globals; src/ never uses Node globals.',
        })),
      ],
    },
  },
  {
    files: ['src/core/**/*.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: 'TSQualifiedName[left.name="GoogleAppsScript"]',
          message: 'src/core is pure: no Apps Script types.',
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
