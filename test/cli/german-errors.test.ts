/** The CLI's errors reach a German reader in German: `--lang de` or a German locale. */
import { writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { runCli, temporaryFolder } from './run-cli.js'

describe('CLI errors in German', () => {
  let folder: { path: string, remove: () => Promise<void> }
  let dataDir: string
  beforeAll(async () => {
    folder = await temporaryFolder()
    dataDir = join(folder.path, 'data')
    await writeFile(join(folder.path, 'bad-syntax.nt'), '<https://example.org/a> <https://example.org/b> .\n')
    await writeFile(join(folder.path, 'bad-prefix.ttl'), '@prefix ex: <https://example.org/cli#> .\nex:S1 a ex:Service .\nex:S2 a zz:Service .\n')
    await writeFile(join(folder.path, 'broken.json'), '{\n  "requires": []\n}\nextra\n')
  })
  afterAll(() => folder.remove())

  const run = (argv: readonly string[], env: Record<string, string> = {}) => runCli(argv, { cwd: folder.path, env })

  it('names a file it cannot read', async () => {
    expect(await run(['discover', '--request', 'missing.json', '--data-dir', dataDir, '--lang', 'de']))
      .toEqual({ code: 2, stdout: '', stderr: 'symphony: missing.json: die Datei kann nicht gelesen werden (ENOENT)\n' })
    // The locale decides when --lang is not given; English stays English.
    expect((await run(['discover', '--request', 'missing.json', '--data-dir', dataDir], { LANG: 'de_DE.UTF-8' })).stderr)
      .toBe('symphony: missing.json: die Datei kann nicht gelesen werden (ENOENT)\n')
    expect((await run(['discover', '--request', 'missing.json', '--data-dir', dataDir])).stderr)
      .toBe('symphony: missing.json: cannot read the file (ENOENT)\n')
  })

  it('names file:line:column of a JSON file that does not parse', async () => {
    const { code, stderr } = await run(['discover', '--request', 'broken.json', '--data-dir', dataDir, '--lang', 'de'])
    expect(code).toBe(2)
    expect(stderr).toMatch(/^symphony: broken\.json:4:1: ungültiges JSON — Unexpected non-whitespace character after JSON at position 21/)
  })

  it('names file:line of an RDF syntax error and of an undefined prefix', async () => {
    const syntax = await run(['import', 'bad-syntax.nt', '--data-dir', dataDir, '--lang', 'de'])
    expect(syntax.code).toBe(2)
    expect(syntax.stderr).toMatch(new RegExp(`^symphony: ${join(folder.path, 'bad-syntax.nt')}:1: Syntaxfehler in N-Triples — .+\\n$`))
    const prefix = await run(['import', 'bad-prefix.ttl', '--data-dir', dataDir, '--lang', 'de'])
    expect(prefix.stderr).toBe(`symphony: ${join(folder.path, 'bad-prefix.ttl')}:3: nicht definiertes Präfix "zz" — deklarieren Sie es mit @prefix vor seiner ersten Verwendung\n`)
  })

  it('says an invoice is unknown', async () => {
    expect(await run(['invoices', 'show', 'INV-2026-12-nobody', '--data-dir', dataDir, '--lang', 'de']))
      .toEqual({ code: 2, stdout: '', stderr: 'symphony: keine Rechnung INV-2026-12-nobody im Datenverzeichnis (symphony invoices list listet sie)\n' })
  })

  it('shows how to call a command called the wrong way', async () => {
    const { code, stderr } = await run(['token', 'frobnicate', '--data-dir', dataDir, '--lang', 'de'])
    expect(code).toBe(2)
    expect(stderr).toBe('symphony: Aufruf: symphony token add <provider-IRI> [--label <text>] | list | revoke <provider-IRI>\n')
    expect((await run(['billing', 'run', '--data-dir', dataDir, '--lang', 'de'])).stderr)
      .toBe('symphony: --period <JJJJ-MM> ist erforderlich, z. B. --period 2026-12\n')
  })
})
