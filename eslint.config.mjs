// Lint: typescript-eslint's recommended rules, plus the house rule that the
// pure model never imports the Pulumi SDK (only lib/pulumi/ may).
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['build/**', 'dist/**', 'node_modules/**', 'bench/.tools/**'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
  {
    files: ['lib/**/*.ts'],
    ignores: ['lib/pulumi/**'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['@pulumi/*'], message: 'The model must stay free of Pulumi; only lib/pulumi/ may import @pulumi/*.' }] }],
      'no-restricted-properties': ['error', { object: 'Date', property: 'now', message: 'Synthesis is deterministic: no clock in the model.' }, { object: 'Math', property: 'random', message: 'Synthesis is deterministic: no randomness in the model.' }],
    },
  },
  {
    // The output folder's lock times its wait and judges a lock's age; the stat cache (outside the output)
    // forgets caches of folders not synthesized for weeks; the day EKS support is judged on
    // (lib/clock.ts) reaches only problems and warnings: the clock never reaches the output.
    files: ['lib/io/folder-lock.ts', 'lib/io/output-stat-cache.ts', 'lib/clock.ts'],
    rules: {
      'no-restricted-properties': ['error', { object: 'Math', property: 'random', message: 'Synthesis is deterministic: no randomness in the model.' }],
    },
  },
);
