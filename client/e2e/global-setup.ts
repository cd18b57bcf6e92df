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
 * Starts the server `npm start` starts, the compiled one (not the build: test:e2e builds first),
 * on a free port, as one node process so SIGTERM reaches it and it closes its database cleanly.
 */
export default async function setup(project: TestProject) {
  const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'loopmap-e2e-'))
  const port = await freePort()
  const server = spawn(process.execPath, ['server/dist/server.js'], {
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

/** Resolves once the server says it is listening and /api/health answers; rejects if it exits first. */
async function waitForHealth(baseUrl: string, server: ChildProcess, timeoutMs: number) {
  await new Promise<void>((resolve, reject) => {
    const deadline = setTimeout(
      () => reject(new Error(`server did not start listening within ${timeoutMs / 1000} s`)),
      timeoutMs,
    )
    const done = (error?: Error) => {
      clearTimeout(deadline)
      server.stdout?.off('data', onOutput)
      server.off('exit', onExit)
      if (error) reject(error)
      else resolve()
    }
    const onOutput = (chunk: Buffer) => {
      if (chunk.toString().includes('listening on')) done()
    }
    const onExit = (code: number | null) => done(new Error(`server exited with ${code}`))
    server.stdout?.on('data', onOutput)
    server.once('exit', onExit)
  })
  const health = await fetch(`${baseUrl}/api/health`)
  if (!health.ok) throw new Error(`/api/health answered HTTP ${health.status}`)
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
