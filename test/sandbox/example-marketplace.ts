import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { TokenRegistry } from '../../src/accounts/index.js'
import { buildApp } from '../../src/api/index.js'
import { openEngine } from '../../src/engine.js'
import { projectRoot } from '../../src/project.js'
import { exampleProviders, sandboxSecrets, startSandbox } from '../../src/sandbox/index.js'
import type { Sandbox } from '../../src/sandbox/index.js'
import { exampleCatalogFor } from './example-catalog.js'

/** The example marketplace as `symphony serve` runs it, on free ports. */
export interface ExampleMarketplace {
  /** The API and console. */
  readonly url: string
  /** The example providers' sandbox the catalog's adapters call. */
  readonly sandbox: Sandbox
  /** A customer token per key of `customers`. */
  readonly tokens: Readonly<Record<string, string>>
  close (): Promise<void>
}

/**
 * The example catalog with its sandbox on a free port, served with orders, billing and webhooks to
 * this machine (as `serve --allow-private-webhooks`), and a customer account per entry of
 * `customers` (key → account name), made as `symphony account add --customer` makes them.
 */
export async function openExampleMarketplace (customers: Readonly<Record<string, string>>): Promise<ExampleMarketplace> {
  const sandbox = await startSandbox({ port: 0, providers: exampleProviders })
  const dir = await mkdtemp(join(tmpdir(), 'symphony-marketplace-'))
  const files = await exampleCatalogFor(projectRoot, sandbox.url, dir)
  const registry = await TokenRegistry.open({ dataDir: dir })
  const tokens: Record<string, string> = {}
  for (const [key, name] of Object.entries(customers)) tokens[key] = (await registry.add({ role: 'customer', name })).token
  const engine = await openEngine({})
  await engine.importFiles(files)
  const app = buildApp(engine, { tokens: registry, billing: { subscriptions: () => engine.operations.subscriptions() } })
  const url = await app.listen({ port: 0, host: '127.0.0.1' })
  await engine.openOperations({ callbackBase: url, env: sandboxSecrets(), pollIntervalMs: 200, allowPrivateWebhooks: true })
  await engine.catalog()
  return {
    url,
    sandbox,
    tokens,
    async close () {
      await engine.tickets.idle()
      await app.close()
      await engine.close()
      await sandbox.close()
      await rm(dir, { recursive: true, force: true })
    }
  }
}
