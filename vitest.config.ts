import { fileURLToPath } from 'node:url'
import { defineConfig } from 'vitest/config'

// One `npm test` for both workspaces. The server suite talks to a real database:
// embedded PGlite + PostGIS by default, PostgreSQL + PostGIS when DATABASE_URL is set.
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'server',
          root: './server',
          include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
          globalSetup: ['./test/global-setup.ts'],
          // One database per run, opened once: test files run one after another in a single
          // worker that keeps its modules (PGlite is one connection and takes seconds to open).
          pool: 'forks',
          maxWorkers: 1,
          isolate: false,
          fileParallelism: false,
          testTimeout: 60_000,
          hookTimeout: 180_000,
        },
      },
      {
        // the same alias as client/vite.config.ts: the client imports the server's contract
        resolve: {
          alias: { '@contract': fileURLToPath(new URL('./server/src/contract', import.meta.url)) },
        },
        test: {
          name: 'client',
          root: './client',
          include: ['src/**/*.test.ts', 'src/**/*.test.tsx'],
          environment: 'node',
        },
      },
    ],
  },
})
