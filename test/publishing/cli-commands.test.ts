/** `symphony token …` and `symphony publish …` through the CLI's `main`, with a temporary data directory. */
import { copyFile, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { runCli } from '../cli/run-cli.js'
import { openEngine } from '../../src/engine.js'
import { TokenRegistry } from '../../src/accounts/index.js'

const acme = 'https://example.org/acme#Acme'
const fixtures = fileURLToPath(new URL('../fixtures/api/', import.meta.url))

describe('token and publish commands', () => {
  let folder: string
  beforeEach(async () => { folder = await mkdtemp(join(tmpdir(), 'symphony-cli-publish-')) })
  afterEach(async () => { await rm(folder, { recursive: true, force: true }) })

  const run = (argv: string[]) => runCli([...argv, '--data-dir', join(folder, 'data')], { cwd: folder })

  it('adds a token, prints it once, lists and revokes it', async () => {
    const added = await run(['token', 'add', acme, '--label', 'ci'])
    expect(added.code).toBe(0)
    const token = added.stdout.trim()
    expect(token).toMatch(/^symp_/)
    expect(added.stderr).toBe(`This is the only time the token is shown. The provider sends it as "Authorization: Bearer <token>" to publish descriptions of <${acme}>.\n`)
    expect(await (await TokenRegistry.open({ dataDir: join(folder, 'data') })).verify(token)).toEqual({ role: 'provider', id: acme })
    const listed = await run(['token', 'list'])
    expect(JSON.parse(listed.stdout)).toEqual([{ provider: acme, created: expect.any(String), label: 'ci' }])
    expect(listed.stdout.includes(token)).toBe(false)
    const revoked = await run(['token', 'revoke', acme])
    expect(revoked.stderr).toBe(`revoked 1 token(s) of <${acme}>\n`)
    // In German with --lang de
    const german = await run(['token', 'add', acme, '--lang', 'de'])
    expect(german.stderr).toBe(`Das Token wird nur dieses eine Mal gezeigt. Der Anbieter sendet es als "Authorization: Bearer <token>", um Beschreibungen von <${acme}> zu veröffentlichen.\n`)
    expect((await run(['token', 'revoke', acme, '--lang', 'de'])).stderr).toBe(`1 Token von <${acme}> widerrufen\n`)
    expect(await (await TokenRegistry.open({ dataDir: join(folder, 'data') })).verify(token)).toBeUndefined()
  })

  it('publishes a description into the data directory, with a dry run first', async () => {
    await copyFile(join(fixtures, 'acme-pbx.ttl'), join(folder, 'acme.ttl'))
    const dry = await run(['publish', 'acme.ttl', '--provider', acme, '--name', 'pbx', '--dry-run'])
    expect(dry.code).toBe(0)
    expect(JSON.parse(dry.stdout)).toMatchObject({ status: 'dry-run', version: 1 })
    const published = await run(['publish', 'acme.ttl', '--provider', acme, '--name', 'pbx'])
    expect(JSON.parse(published.stdout)).toMatchObject({ status: 'accepted', version: 1, services: ['https://example.org/acme#CloudPBX'] })
    const engine = await openEngine({ dataDir: join(folder, 'data') })
    try {
      expect((await engine.description({ provider: acme, name: 'pbx' })).active).toBe(1)
    } finally {
      await engine.close()
    }
    const deprecated = await run(['publish', '--provider', acme, '--name', 'pbx', '--deprecate', '1'])
    expect(JSON.parse(deprecated.stdout).description.active).toBe(null)
  })

  it('prints the SHACL report and exits 1 for a description that does not conform', async () => {
    const text = await readFile(join(fixtures, 'acme-pbx.ttl'), 'utf8')
    await writeFile(join(folder, 'bad.ttl'), text.replace('sym:offersDPA true ;', ''))
    const result = await run(['publish', 'bad.ttl', '--provider', acme, '--name', 'pbx'])
    expect(result.code).toBe(1)
    expect(result.stderr.startsWith('symphony: bad.ttl: the description does not conform to the service-description shapes (1 violation)')).toBe(true)
    expect(JSON.parse(result.stdout)).toMatchObject({ conforms: false, report: [{ node: 'https://example.org/acme#CloudPBX', path: 'https://w3id.org/symphony/ontology#offersDPA', severity: 'Violation' }] })
  })

  it('names the file and line of a syntax error', async () => {
    await writeFile(join(folder, 'broken.ttl'), '@prefix ex: <https://example.org/> .\nex:a ex:b .\n')
    const result = await run(['publish', 'broken.ttl', '--provider', acme, '--name', 'pbx'])
    expect(result.code).toBe(2)
    expect(result.stderr).toMatch(/^symphony: broken\.ttl:2: .+\(Turtle\)\n$/)
  })
})
