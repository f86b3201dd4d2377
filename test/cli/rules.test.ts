/**
 * The rule files are the reasoner, through the CLI: sub-properties and ranges, intersections,
 * alignments, rule folders given with --rules and rules stored as data change `match` answers;
 * a rule outside the supported subset is refused with its file and line.
 */
import { mkdir, writeFile } from 'node:fs/promises'
import { join, relative, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { runCli, temporaryFolder } from './run-cli.js'

const folder = fileURLToPath(new URL('../fixtures/cli/rules/', import.meta.url))
const ex = 'https://example.org/rules#'
const timeout = 120_000

interface Requirement { requirement: string, degree: string, provided?: string }

async function firstDirection (argv: readonly string[]): Promise<Requirement[]> {
  const run = await runCli(['match', ...argv])
  const shown = (file: string): string => { const inside = relative(process.cwd(), resolve(file)); return inside.startsWith('..') ? resolve(file) : `./${inside}` }
  expect(run.stderr).toBe(`catalog: --data ${argv.filter((_, i) => argv[i - 1] === '--data').map(shown).join(' ')}\n`)
  expect(run.code).toBe(0)
  return JSON.parse(run.stdout).directions[0].requirements.map((r: Requirement) => ({ requirement: r.requirement, degree: r.degree, provided: r.provided }))
}

let temp: { path: string, remove: () => Promise<void> }
beforeAll(async () => { temp = await temporaryFolder() })
afterAll(async () => { await temp.remove() })

describe('rules through symphony match', () => {
  it('finds an interface provided through a sub-property of sym:provides and typed by its range', async () => {
    expect(await firstDirection([`${ex}Pbx`, `${ex}Crm`, '--data', join(folder, 'subproperty-range.ttl')]))
      .toEqual([{ requirement: `${ex}Crm_needsFeed`, degree: 'exact', provided: `${ex}Pbx_feed` }])
  }, timeout)

  it('matches an intersection class fully with an interface typed by its members', async () => {
    expect(await firstDirection([`${ex}Source`, `${ex}Sink`, '--data', join(folder, 'intersection.ttl')]))
      .toEqual([{ requirement: `${ex}Sink_in`, degree: 'exact', provided: `${ex}Source_out` }])
  }, timeout)

  it('lets skos:exactMatch between classes turn a failing requirement into an exact match', async () => {
    const data = ['--data', join(folder, 'foreign-feed.ttl')]
    expect(await firstDirection([`${ex}Phone`, `${ex}Crm`, ...data]))
      .toEqual([{ requirement: `${ex}Crm_needsFeed`, degree: 'fail', provided: undefined }])
    expect(await firstDirection([`${ex}Phone`, `${ex}Crm`, ...data, '--data', join(folder, 'alignment.ttl')]))
      .toEqual([{ requirement: `${ex}Crm_needsFeed`, degree: 'exact', provided: `${ex}Phone_out` }])
  }, timeout)

  it('applies a rule file of a folder given with --rules', async () => {
    const rules = join(temp.path, 'my-rules')
    await mkdir(rules)
    await writeFile(join(rules, 'call-events-by-format.rq'), `# Interfaces with the format "call-events" are call event feeds.
PREFIX sym: <https://w3id.org/symphony/ontology#>
PREFIX ex:  <https://example.org/rules#>
CONSTRUCT { ?interface a sym:CallEventFeed }
WHERE { ?interface ex:format "call-events" }
`)
    expect(await firstDirection([`${ex}Phone`, `${ex}Crm`, '--data', join(folder, 'foreign-feed.ttl'), '--rules', rules]))
      .toEqual([{ requirement: `${ex}Crm_needsFeed`, degree: 'exact', provided: `${ex}Phone_out` }])
  }, timeout)

  it('applies a rule stored as data (a sym:InferenceRule with sym:sparql)', async () => {
    expect(await firstDirection([`${ex}Phone`, `${ex}Crm`, '--data', join(folder, 'foreign-feed.ttl'), '--data', join(folder, 'stored-rule.ttl')]))
      .toEqual([{ requirement: `${ex}Crm_needsFeed`, degree: 'exact', provided: `${ex}Phone_out` }])
  }, timeout)

  it('refuses a rule outside the supported subset, naming file, line and construct', async () => {
    const rules = join(temp.path, 'bad-rules')
    await mkdir(rules)
    const file = join(rules, 'optional.rq')
    await writeFile(file, `PREFIX sym: <https://w3id.org/symphony/ontology#>
CONSTRUCT { ?s a sym:Service }
WHERE {
  ?s sym:provides ?i .
  OPTIONAL { ?i sym:version ?v }
}
`)
    const run = await runCli(['match', `${ex}Phone`, `${ex}Crm`, '--data', join(folder, 'foreign-feed.ttl'), '--rules', rules])
    expect(run.code).not.toBe(0)
    expect(run.stderr).toContain(`${file}:5: OPTIONAL is not supported in an inference rule`)
  }, timeout)
})
