// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

/**
 * Layering from ../shared/DESIGN.md, enforced: each layer imports only from the
 * layers above it in the table. A violation here means DESIGN.md would stop being true.
 */
const domain = [
  'tracking',
  'data',
  'registry',
  'train',
  'tune',
  'serve',
  'deploy',
  'monitor',
  'pipelines',
  'app',
];
const interfaces = ['api', 'cli', 'sdk'];
const forbid = (folders, why) => ({
  'no-restricted-imports': [
    'error',
    { patterns: [{ group: folders.flatMap((f) => [`**/${f}/*`, `**/${f}`]), message: why }] },
  ],
});

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'coverage/**', '.gyre/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      globals: { ...globals.node },
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-floating-promises': 'error',
      'max-lines': ['error', { max: 600, skipBlankLines: true, skipComments: true }],
    },
  },
  {
    files: ['src/core/**/*.ts'],
    rules: forbid(
      ['store', 'artifacts', 'onnx', ...domain, ...interfaces],
      'core is the bottom layer: it imports no other Gyre layer',
    ),
  },
  {
    files: ['src/store/**/*.ts', 'src/artifacts/**/*.ts'],
    rules: forbid(['onnx', ...domain, ...interfaces], 'storage may import only core'),
  },
  {
    files: ['src/onnx/**/*.ts'],
    rules: forbid(
      [...domain, ...interfaces],
      'the model format layer may import only core and storage',
    ),
  },
  {
    files: domain.map((d) => `src/${d}/**/*.ts`),
    rules: forbid(interfaces, 'domain code has no HTTP, CLI or SDK inside (DESIGN.md, layers)'),
  },
  {
    files: ['**/*.js'],
    ...tseslint.configs.disableTypeChecked,
  },
  {
    files: ['**/*.test.ts', '**/*.case.ts', 'bench/**/*.ts', 'test/**/*.ts'],
    rules: {
      '@typescript-eslint/no-non-null-assertion': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
    },
  },
);
