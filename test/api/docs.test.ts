/**
 * docs/api.md works as written: every shell block that talks to `$API` runs against the app
 * listening on 127.0.0.1 with the example catalog (bash with `set -euo pipefail`, so a failing
 * curl or a jq that gets no JSON fails the test); CLI commands in them talk to the same server.
 * The one line that issues a token with the CLI is replaced by a token issued the same way into
 * the test's data directory.
 */
import { execFile } from 'node:child_process'
import { mkdtemp, readFile, rm, symlink } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildApp } from '../../src/api/index.js'
import { openEngine } from '../../src/engine.js'
import type { Engine } from '../../src/engine.js'
import { projectRoot } from '../../src/project.js'
import { TokenRegistry } from '../../src/accounts/index.js'
import type { FastifyInstance } from 'fastify'
import { exampleProviders, sandboxPort, sandboxSecrets, startSandbox } from '../../src/sandbox/index.js'
import type { Sandbox } from '../../src/sandbox/index.js'
import { runInGroup, stopAllGroups } from '../support/process-group.js'

const run = promisify(execFile)
const hasTools = await Promise.all(['curl', 'jq'].map(tool => run('which', [tool]).then(() => true, () => false))).then(all => all.every(Boolean))

describe.skipIf(!hasTools && process.env.CI !== 'true')('docs/api.md', () => {
  let folder: string
  let engine: Engine
  let app: FastifyInstance
  let api: string
  let token: string
  let customer: string
  let operator: string
  let sandbox: Sandbox
  let blocks: string[]

  beforeAll(async () => {
    folder = await mkdtemp(join(tmpdir(), 'symphony-docs-'))
    // Blocks run in the folder, as from a checkout: ./bin/symphony.js and examples/ are there too.
    for (const name of ['bin', 'examples']) await symlink(join(projectRoot, name), join(folder, name))
    engine = await openEngine({ dataDir: join(folder, 'data'), seedExamples: true })
    const tokens = await TokenRegistry.open({ dataDir: join(folder, 'data') })
    token = (await tokens.add({ role: 'provider', provider: 'https://example.org/acme#Acme' })).token
    customer = (await tokens.add({ role: 'customer', name: 'Kanzlei Weber' })).token
    operator = (await tokens.add({ role: 'operator' })).token
    app = buildApp(engine, { tokens })
    api = await app.listen({ port: 0, host: '127.0.0.1' })
    // The example adapters order from the provider sandbox, as under `symphony serve`.
    sandbox = await startSandbox({ port: sandboxPort, providers: exampleProviders })
    await engine.openOperations({ callbackBase: api, env: sandboxSecrets() })
    // docs/api.md and the README's short tour; a block's own `API=` line is replaced by the test server's.
    const text = (await Promise.all(['docs/api.md', 'README.md'].map(file => readFile(join(projectRoot, file), 'utf8')))).join('\n')
    blocks = [...text.matchAll(/```sh\n([\s\S]*?)```/g)].map(m => m[1]!.replace(/^API=.*\n/m, ''))
      .filter(block => block.includes('$API') || block.startsWith('TOKEN='))
  })
  afterAll(async () => {
    // A block cut off by the test's timeout takes what it started with it.
    await stopAllGroups()
    await app?.close()
    await engine?.close()
    await sandbox?.close()
    await rm(folder, { recursive: true, force: true })
  })

  it('has examples for every part of the API', () => {
    const all = blocks.join('\n')
    for (const path of ['/health', '/ontology', '/shapes', '/sparql', '/catalog/types', '/catalog/services', '/catalog/vocabulary', '/discover', '/match', '/combinable', '/compose', '/forms', '/configurations', '/descriptions', '/dry-run', '/deprecate', '/orders', '/subscriptions', '/seats', '/cancel', '/events', '/me/webhook', '/tickets', '/links', '/reports/sla']) {
      expect(all.includes(path), path).toBe(true)
    }
  })

  it("waits in the README's tour until the catalog is ready before it asks for it", async () => {
    // `serve` listens before it loads its catalog: `/health` answers 200 at once, while every
    // catalog route answers 503 STARTING until `/health/ready` answers 200.
    const readme = await readFile(join(projectRoot, 'README.md'), 'utf8')
    const tour = [...readme.matchAll(/```sh\n([\s\S]*?)```/g)].map(m => m[1]!).find(block => block.includes('$API/catalog/services'))!
    const lines = tour.split('\n')
    const wait = lines.findIndex(line => /\buntil curl -sf \$API\/health\/ready\b/.test(line))
    const firstCatalogCall = lines.findIndex(line => /\$API\/(?!health)/.test(line))
    expect([wait >= 0, wait < firstCatalogCall]).toEqual([true, true])
    expect(lines.filter(line => /\$API\/health(?!\/ready)/.test(line))).toEqual([])
  })

  it('fails on an error status unless the example shows that status', () => {
    // Without -f a 4xx problem body piped into jq would pass; examples that demonstrate an error
    // name its status in a comment on the line or the line before, or print it with -w.
    const showsError = (line: string): boolean => /#.*\b[45]\d\d\b/.test(line)
    const unguarded = blocks.flatMap(block => block.split('\n').filter((line, n, lines) =>
      /\bcurl\b/.test(line) && !/\bcurl -s?f/.test(line) && !line.includes('%{http_code}') && !showsError(line) && !showsError(lines[n - 1] ?? '')))
    expect(unguarded).toEqual([])
  })

  it('runs every example without an error', async () => {
    for (const block of blocks) {
      const script = block.startsWith('TOKEN=') ? `TOKEN=${token}` : block
      const { stdout, stderr } = await runInGroup('bash', ['-c', `set -euo pipefail\nAPI=${api}\nTOKEN=${token}\nCUSTOMER=${customer}\nOPERATOR_TOKEN=${operator}\n${script}`], { cwd: folder, timeout: 300_000 })
        .catch((error: { stdout?: string, stderr?: string, message: string }) => {
          throw new Error(`docs/api.md block failed:\n${block}\n${error.stderr ?? ''}${error.message}`)
        })
      if (process.env.SHOW_DOCS_OUTPUT === '1') console.log(stdout.slice(0, 3000))
      // The CLI reports progress on stderr; its errors, and curl's, jq's and bash's, start with their name.
      if (block.includes('./bin/symphony.js ')) expect(stderr.split('\n').filter(line => /^(symphony|curl|jq|bash)\b/.test(line)), block).toEqual([])
      else expect(stderr, block).toBe('')
      expect(stdout.includes('"code": "INTERNAL"') || stdout.includes('"code":"INTERNAL"'), block).toBe(false)
    }
  }, 600_000)
})
