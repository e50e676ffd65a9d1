import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

/** web/src/features/*: each imports shared code (lib, components) but never the app or another feature. */
const WEB_FEATURES = ['auth', 'checkout', 'door', 'events', 'notifications', 'organizer', 'tickets'];
const appImports = { group: ['@/app', '@/app/*'], message: 'Only src/app composes features; nothing imports it.' };

export default tseslint.config(
  {
    ignores: [
      '**/node_modules/**',
      '**/__generated__/**',
      '**/.data/**',
      '**/dist/**',
      'infra/.run/**',
      'infra/kafka/lib/**',
      'web/test/screenshots/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { ecmaVersion: 2023, sourceType: 'module', globals: { process: 'readonly', console: 'readonly' } },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' },
      ],
    },
  },
  {
    files: ['subgraphs/*/src/domain/**/*.ts', 'subgraphs/*/src/resolvers/**/*.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: "ThrowStatement > NewExpression[callee.name='Error'] > Literal",
          message: 'Expected failures throw AppError with a code (packages/core/src/errors.ts).',
        },
      ],
    },
  },
  {
    files: ['web/src/**/*.{ts,tsx}'],
    ...reactHooks.configs.flat['recommended-latest'],
  },
  // bulletproof-react's one-way imports (STYLE.md, "The web app"): app → features → shared.
  {
    files: ['web/src/lib/**', 'web/src/components/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [appImports, { group: ['@/features', '@/features/*'], message: 'Shared code must not import a feature.' }] },
      ],
    },
  },
  ...WEB_FEATURES.map((feature) => ({
    files: [`web/src/features/${feature}/**`],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            appImports,
            {
              group: ['@/features/*', `!@/features/${feature}`, `!@/features/${feature}/**`, '../../*', `!../../${feature}`],
              message: 'Features do not import each other: compose them in src/app, or move the shared part to src/lib or src/components.',
            },
          ],
        },
      ],
    },
  })),
);
