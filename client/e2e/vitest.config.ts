import { defineConfig } from 'vitest/config'

// Browser tests: one real server (built client + API on a fresh embedded database with the demo
// region) started by global-setup.ts, driven by Debian's Chromium through playwright-core.
export default defineConfig({
  test: {
    name: 'e2e',
    root: import.meta.dirname,
    include: ['**/*.e2e.test.ts'],
    globalSetup: ['./global-setup.ts'],
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 240_000,
  },
})
