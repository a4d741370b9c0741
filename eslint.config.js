// Lint for correctness first (see STYLE.md §13); formatting is not ESLint's job.
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'data/**', 'coverage/**', 'bench/out/**', 'test-results/**', 'apps/web/src/app/api/schema.d.ts'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: { allowDefaultProject: ['*.js', 'apps/cli/bin/*.js', 'test/support/*.mjs', 'test/support/*.cjs', 'test/browser/*.mjs', 'bench/*.mjs', 'apps/web/scripts/*.mjs'] }, tsconfigRootDir: import.meta.dirname },
      globals: globals.node,
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { attributes: false } }],
      '@typescript-eslint/require-array-sort-compare': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': ['error', { considerDefaultExhaustiveForUnions: true }],
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      eqeqeq: ['error', 'always'],
      'no-restricted-syntax': [
        'error',
        { selector: "CallExpression[callee.object.name='Math'][callee.property.name='random']", message: 'Inject a random source (crypto in production, seeded in tests); never Math.random.' },
      ],
    },
  },
  {
    // Cross-library imports go through the @app/<lib> aliases, never relative paths into another lib.
    files: ['apps/**/*.ts', 'libs/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['../../libs/*', '../../../libs/*', '**/libs/*/src/*'], message: 'Import other libraries through @app/<name>.' }] }],
    },
  },
  {
    // Pure libraries: no framework, no ORM, no I/O of the project.
    files: ['libs/majority-judgment/**/*.ts', 'libs/sortition/**/*.ts', 'libs/indemnities/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['@nestjs/*', 'typeorm', 'typeorm/*', '@app/*'], message: 'Pure libraries import nothing of the framework, the ORM or the project.' }] }],
    },
  },
  {
    // The web app runs in browsers; hooks follow React's rules; it reaches the libraries only
    // through the pure modules aliased in its Vite config (@pure/...), never Nest or TypeORM code.
    files: ['apps/web/src/**/*.ts', 'apps/web/src/**/*.tsx'],
    plugins: { 'react-hooks': reactHooks },
    languageOptions: { globals: globals.browser },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'error',
      'no-restricted-imports': ['error', { patterns: [{ group: ['@app/*', '**/libs/**', '@nestjs/*', 'typeorm'], message: 'The web app uses the generated API types and @pure/* modules only.' }] }],
    },
  },
  {
    files: ['**/*.js', '**/*.mjs'],
    ...tseslint.configs.disableTypeChecked,
  },
  {
    files: ['**/*.spec.ts', 'test/**/*.ts'],
    rules: {
      // Playwright fixtures take their dependencies as a destructured (often empty) object.
      'no-empty-pattern': 'off',
      // Jest matchers (expect.any, toMatchObject) are typed loosely.
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/unbound-method': 'off',
    },
  },
);
