// Lint: typescript-eslint's recommended rules with type information, plus the rules this code base
// relies on (no shadowed globals such as Blob/File/expect, type-only imports, no dropped promises).
import js from '@eslint/js'
import globals from 'globals'
import tseslint from 'typescript-eslint'

const TYPED = ['src/**/*.ts', '__tests__/**/*.ts']
const GIT_DOOR =
  'git runs only in src/range: ask GitRepository through a named operation (src/range/git.ts), name a range with src/range/revisions.ts'

export default tseslint.config(
  { ignores: ['dist/', 'coverage/', 'node_modules/', '__tests__/fixtures/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.nodeBuiltin } },
    rules: {
      'no-empty': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }
      ]
    }
  },
  {
    files: TYPED,
    languageOptions: { parserOptions: { project: './tsconfig.lint.json', tsconfigRootDir: import.meta.dirname } },
    rules: {
      'no-shadow': 'off',
      '@typescript-eslint/no-shadow': ['error', { builtinGlobals: true, hoist: 'functions' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-floating-promises': 'error'
    }
  },
  {
    // Git behind one door: only src/range starts processes or builds git argument lists.
    files: ['src/**/*.ts'],
    ignores: ['src/range/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        { paths: ['node:child_process', 'child_process'].map((name) => ({ name, message: GIT_DOOR })) }
      ],
      'no-restricted-syntax': [
        'error',
        {
          selector: "CallExpression[callee.property.name='run'][arguments.0.type='ArrayExpression']",
          message: GIT_DOOR
        },
        {
          // Rev-list syntax: name the range through src/range/revisions.ts (unpushed, everyRef, excluding).
          selector: 'Literal[value=/^--(not|all|remotes|branches|tags)$/]',
          message: GIT_DOOR
        },
        {
          selector: 'TemplateElement[value.raw=/\\^\\{commit\\}/]',
          message: GIT_DOOR
        }
      ]
    }
  }
)
