// ESLint (flat config): typescript-eslint's type-aware recommended rules on every TypeScript file, each
// read with the tsconfig.json nearest to it (src/ with the root one, test/, types/, examples/ and the
// consumer projects of test/package/ with their own); JavaScript files get the untyped rules.
// Formatting is Prettier's (eslint-config-prettier turns off the rules it owns). `npm run lint` runs
// this with --max-warnings 0, then `prettier --check`.
import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: [
      'dist/',
      'coverage/',
      'node_modules/',
      'test/interop/.deps/',
      'test/package/**/out/',
      'test/autobahn/.build/',
      'test/autobahn/reports/',
      // C# programs transliterated as closely as the porting table lets (while (true), unused args …):
      // `npm run check:ports` type-checks them as a consumer would; test/ports/ports.test.ts runs them.
      'test/ports/*/',
      // Wrong on purpose (test/type-tests.test.ts expects tsd to report it), so out of test/tsconfig.json.
      'test/fixtures/tsd/planted-wrong.test-d.ts',
    ],
  },
  js.configs.recommended,
  tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: {
        projectService: { allowDefaultProject: ['vitest.config.ts'] },
        tsconfigRootDir: import.meta.dirname,
      },
    },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      // Not in the recommended set; the code already marks the one deliberate use of a deprecated API.
      '@typescript-eslint/no-deprecated': 'error',
      // As TypeScript's noUnusedParameters: a leading underscore marks a parameter a signature requires.
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_' }],
      // `4000 as WebSocketCloseStatus` is C#'s `(WebSocketCloseStatus)4000`, kept for the port's sake.
      '@typescript-eslint/no-unnecessary-type-assertion': [
        'error',
        { typesToIgnore: ['WebSocketCloseStatus', 'WebSocketMessageType', 'WebSocketState', 'WebSocketError', 'number'] },
      ],
      // These types print themselves as C# interpolation prints them (`${timeSpan}` is "00:00:01").
      '@typescript-eslint/restrict-template-expressions': [
        'error',
        {
          allow: [
            { from: 'lib', name: ['Error', 'URL', 'URLSearchParams'] },
            'TimeSpan',
            'Uri',
            'Version',
            'NullableWithValue',
            'NullableWithoutValue',
          ],
        },
      ],
      // Passing a caught value on to reject() is rethrowing it, whatever it is.
      '@typescript-eslint/prefer-promise-reject-errors': ['error', { allowThrowingUnknown: true }],
    },
  },
  {
    files: ['test/**', 'types/**'],
    rules: {
      // Handlers are async to match the Promise-returning signatures under test, awaiting or not.
      '@typescript-eslint/require-await': 'off',
      // Tests destructure the helpers' bags of functions (`const { ws, send } = await rawPair()`).
      '@typescript-eslint/unbound-method': 'off',
    },
  },
  {
    // The consumer projects resolve 'dotnet-ws' from the packed tarball installed beside them (npm run
    // check:package); here it does not resolve, so they get the rules that need no types.
    files: ['**/*.{js,mjs,cjs}', 'test/package/**'],
    extends: [tseslint.configs.disableTypeChecked],
    languageOptions: { globals: globals.node },
  },
  {
    files: ['**/*.cjs'],
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  prettier,
);
