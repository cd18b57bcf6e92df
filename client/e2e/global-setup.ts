import { type ChildProcess, spawn } from 'node:child_process'
import fs from 'node:fs/promises'
import { createServer } from 'node:net'
import os from 'node:os'
import path from 'node:path'
import type { TestProject } from 'vitest/node'
import { type SignedIn, signInOnce, type StaffRole } from './session.js'

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string
    /** One session per role the other tests work as, signed in here once (see session.ts). */
    sessions: Record<StaffRole, SignedIn>
  }
}

const repoRoot = path.resolve(import.meta.dirname, '../..')

/**
 * Starts the server `npm start` starts (not the build: test:e2e builds first) on a free port,
 * as one node process so SIGTERM reaches it and it closes its database cleanly.
 */
export default async function setup(project: TestProject) {
  const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'loopmap-e2e-'))
  const port = await freePort()
  const server = spawn(process.execPath, ['--import', 'tsx', 'server/src/server.ts'], {
    cwd: repoRoot,
    env: {
      ...process.env,
      DATABASE_URL: '',
      PORT: String(port),
      HOST: '127.0.0.1',
      LOOPMAP_DATA_DIR: path.join(dataDir, 'pglite'),
      LOOPMAP_SEED_DEMO: 'true',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  const output: string[] = []
  server.stdout?.on('data', (chunk: Buffer) => output.push(chunk.toString()))
  server.stderr?.on('data', (chunk: Buffer) => output.push(chunk.toString()))

  const baseUrl = `http://127.0.0.1:${port}`
  try {
    await waitForHealth(baseUrl, server, 180_000)
  } catch (error) {
    server.kill('SIGKILL')
    throw new Error(`${(error as Error).message}\nserver output:\n${output.join('')}`, { cause: error })
  }
  project.provide('baseUrl', baseUrl)
  const roles = ['admin', 'analyst', 'official'] as const
  const sessions = await Promise.all(roles.map((role) => signInOnce(baseUrl, role)))
  project.provide('sessions', { admin: sessions[0]!, analyst: sessions[1]!, official: sessions[2]! })

  return async () => {
    await stop(server)
    await fs.rm(dataDir, { recursive: true, force: true })
  }
}

async function waitForHealth(baseUrl: string, server: ChildProcess, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs
  while (Date.now() < deadline) {
    if (server.exitCode !== null) throw new Error(`server exited with ${server.exitCode}`)
    const ok = await fetch(`${baseUrl}/api/health`).then(
      (r) => r.ok,
      () => false,
    )
    if (ok) return
    await new Promise((resolve) => setTimeout(resolve, 500))
  }
  throw new Error(`server did not answer /api/health within ${timeoutMs / 1000} s`)
}

function stop(server: ChildProcess): Promise<void> {
  if (server.exitCode !== null) return Promise.resolve()
  return new Promise((resolve) => {
    const force = setTimeout(() => server.kill('SIGKILL'), 15_000)
    server.once('exit', () => {
      clearTimeout(force)
      resolve()
    })
    server.kill('SIGTERM')
  })
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer()
    probe.once('error', reject)
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address()
      probe.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject()))
    })
  })
}
