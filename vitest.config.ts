import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    // python3 differential tests and CLI process tests take a few seconds each
    // npm run fuzz gives each property VMPY_FUZZ_SECONDS; a test may run a few properties
    testTimeout: 60_000 + 4 * 1000 * Number(process.env.VMPY_FUZZ_SECONDS ?? 0),
    pool: 'forks',
  },
});
