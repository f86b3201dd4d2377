import { mkdtemp, readdir, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { TokenRegistry } from '../../src/accounts/index.js'
import { buildApp } from '../../src/api/index.js'
import { openEngine } from '../../src/engine.js'
import { projectRoot } from '../../src/project.js'
import { movedOrigin } from '../../src/operations/index.js'
import { exampleProviders, exampleSandboxUrl, sandboxSecrets, startSandbox } from '../../src/sandbox/index.js'
import type { Sandbox } from '../../src/sandbox/index.js'

/** The example marketplace as `symphony serve --port 0 --sandbox-port 0` runs it. */
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
  const examples = join(projectRoot, 'examples', 'catalog')
  const files = (await readdir(examples)).filter(name => name.endsWith('.ttl')).map(name => join(examples, name))
  const registry = await TokenRegistry.open({ dataDir: dir })
  const tokens: Record<string, string> = {}
  for (const [key, name] of Object.entries(customers)) tokens[key] = (await registry.add({ role: 'customer', name })).token
  const engine = await openEngine({})
  await engine.importFiles(files)
  const app = buildApp(engine, { tokens: registry, billing: { subscriptions: () => engine.operations.subscriptions() } })
  const url = await app.listen({ port: 0, host: '127.0.0.1' })
  await engine.openOperations({ callbackBase: url, env: sandboxSecrets(), endpointAddress: movedOrigin(exampleSandboxUrl, sandbox.url), providerOrigins: [sandbox.url], pollIntervalMs: 200, allowPrivateWebhooks: true })
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
