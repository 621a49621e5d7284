import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // Most end-to-end files wait on child processes and the fake Bot API rather than the CPU: four at a time halves the wall time on two cores.
    maxWorkers: 4,
  },
});
