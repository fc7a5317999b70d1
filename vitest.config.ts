import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    // python3 differential tests and CLI process tests take a few seconds each
    testTimeout: 60_000,
    pool: 'forks',
  },
});
