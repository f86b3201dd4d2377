/** `--data` with several files: a service that two of them describe is merged, with a notice. */
import { readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { runCli, temporaryFolder } from './run-cli.js'

const description = fileURLToPath(new URL('../fixtures/publishing/foreign-classes/subclass.ttl', import.meta.url))
const service = 'https://example.org/acme#DeskService'
const request = join(process.cwd(), 'examples/requests/discover-crm-for-pbx.json')

describe('--data with a service in two files', () => {
  it('names the service and both files with their lines on stderr, in English and German', async () => {
    const folder = await temporaryFolder()
    const original = await readFile(description, 'utf8')
    const a = join(folder.path, 'a.ttl')
    const b = join(folder.path, 'b.ttl')
    await writeFile(a, original)
    await writeFile(b, '# a copy with another price\n' + original.replace('schema:price 9.50', 'schema:price 12.00'))
    const run = await runCli(['discover', '--request', request, '--data', 'a.ttl', '--data', 'b.ttl', '--data', join(process.cwd(), 'examples/catalog/telvana.ttl')], { cwd: folder.path })
    expect(run.code).toBe(0)
    expect(run.stderr.split('\n').filter(line => line.startsWith('warning:'))).toEqual([
      `warning: <${service}> is described in both ${a}:11 and ${b}:12 (each states its schema:provider): --data merges them into one service with the facts, offers and providers of both; keep one description, or state the provider in one file only`
    ])
    const german = await runCli(['catalog', '--lang', 'de', '--data', 'a.ttl', '--data', 'b.ttl'], { cwd: folder.path })
    expect(german.stderr.split('\n').filter(line => line.startsWith('Warnung:'))).toEqual([
      `Warnung: <${service}> wird sowohl in ${a}:11 als auch in ${b}:12 beschrieben (beide nennen seinen schema:provider): --data führt sie zu einem Dienst mit den Angaben, Angeboten und Anbietern beider zusammen; behalten Sie eine Beschreibung, oder nennen Sie den Anbieter nur in einer Datei`
    ])
    await folder.remove()
  })

  it('says nothing of a file that only adds an offer to a service of another', async () => {
    const folder = await temporaryFolder()
    await writeFile(join(folder.path, 'a.ttl'), await readFile(description, 'utf8'))
    await writeFile(join(folder.path, 'offers.ttl'), [
      '@prefix sym: <https://w3id.org/symphony/ontology#> .',
      '@prefix schema: <https://schema.org/> .',
      `<${service}> schema:offers [ a schema:Offer ; schema:priceCurrency "EUR" ;`,
      '    schema:priceSpecification [ a schema:UnitPriceSpecification ; sym:priceComponent sym:SetupFee ; schema:price 99.00 ] ] .'
    ].join('\n') + '\n')
    const run = await runCli(['catalog', '--data', 'a.ttl', '--data', 'offers.ttl'], { cwd: folder.path })
    expect(run.code).toBe(0)
    expect(run.stderr).toBe(`catalog: --data ./a.ttl ./offers.ttl\n`)
    await folder.remove()
  })
})
