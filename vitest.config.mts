import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const lib = (entry: string) => fileURLToPath(new URL(`./lib/${entry}`, import.meta.url));

export default defineConfig({
  resolve: {
    // Tests written as in a user's repository import the package by name: `from 'fleetform/testing'`.
    // Most specific first; the same entry points as package.json's exports.
    alias: [
      { find: /^fleetform$/, replacement: lib('index.ts') },
      { find: /^fleetform\/pulumi$/, replacement: lib('pulumi/index.ts') },
      { find: /^fleetform\/pulumi\/testing$/, replacement: lib('pulumi/testing/index.ts') },
      { find: /^fleetform\/testing$/, replacement: lib('testing/index.ts') },
    ],
  },
  test: {
    include: ['test/**/*.test.ts'],
    environment: 'node',
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
