/**
 * Vitest global setup: starts a private Virtuoso (`private-virtuoso.ts`) for the remote-store
 * tests. Without Virtuoso installed the remote tests are reported as skipped locally, and fail in
 * CI (`CI=true`), where `.ci/run` installs it.
 */
import type { TestProject } from 'vitest/node'
import { startPrivateVirtuoso, virtuosoInstalled, type PrivateVirtuoso } from './private-virtuoso.js'

declare module 'vitest' {
  export interface ProvidedContext {
    virtuoso: { queryUrl: string, graphStoreUrl: string } | { missing: string }
  }
}

let server: PrivateVirtuoso | undefined

export async function setup (project: TestProject): Promise<void> {
  if (!virtuosoInstalled()) {
    const missing = 'Virtuoso is not installed: apt-get install virtuoso-opensource-7 (.ci/run does it)'
    if (process.env.CI === 'true') throw new Error(missing)
    project.provide('virtuoso', { missing })
    return
  }
  server = await startPrivateVirtuoso()
  project.provide('virtuoso', { queryUrl: server.queryUrl, graphStoreUrl: server.graphStoreUrl })
}

export async function teardown (): Promise<void> {
  await server?.stop()
}
