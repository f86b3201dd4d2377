/** "CLI over files": foreign classes, minimal descriptions, several RDF formats. */
import { describe, expect, it } from 'vitest'
import { runCli } from './run-cli.js'

const folder = 'test/fixtures/cli/contract'
const data = ['onto.ttl', 'services.nt', 'more.jsonld'].flatMap(file => ['--data', `${folder}/${file}`])
const ex = 'https://example.org/c9#'

describe('symphony discover / compose over --data files', () => {
  it('discovers a minimal description through a foreign hierarchy and an equivalent class', async () => {
    const run = await runCli(['discover', ...data, '--request', `${folder}/discover.json`])
    expect(run.code).toBe(0)
    const [result, ...rest] = JSON.parse(run.stdout).results
    expect(rest).toEqual([])
    expect({ service: result.service, degree: result.degree, score: result.score }).toEqual({ service: `${ex}S1`, degree: 'plugin', score: 0.94 })
    expect(result.explanation.wanted.map((w: { degree: string, path: string[] }) => [w.degree, w.path])).toEqual([['exact', [`${ex}Price`, `${ex}Cost`]]])
    expect(result.explanation.requires[0].types).toEqual([{ required: `${ex}Car`, provided: `${ex}SportsCar`, degree: 'plugin', distance: 1, path: [`${ex}SportsCar`, `${ex}Car`] }])
  })

  it('composes the JSON-LD service in to satisfy the N-Triples one', async () => {
    const run = await runCli(['compose', ...data, '--request', `${folder}/compose.json`])
    expect(run.code).toBe(0)
    const answer = JSON.parse(run.stdout)
    expect(answer.issues).toEqual([])
    expect(answer.bundles.map((b: { services: string[], links: Array<{ from: string, to: string, degree: string }> }) =>
      [b.services, b.links.map(l => [l.from, l.to, l.degree])])).toEqual([[[`${ex}S1`, `${ex}S2`], [[`${ex}S2`, `${ex}S1`, 'plugin']]]])
  })

  it('keeps --data files with the same name apart', async () => {
    const run = await runCli(['discover', ...data, '--data', `${folder}/more/services.ttl`, '--request', `${folder}/discover.json`])
    expect(run.code).toBe(0)
    expect(JSON.parse(run.stdout).results.map((r: { service: string, degree: string }) => [r.service, r.degree]))
      .toEqual([[`${ex}S1`, 'plugin'], [`${ex}S3`, 'exact']]) // S1 uses the offered SportsCar; S3 needs nothing of it (partial)
  })

  it('exits 2 naming the file when a --data file holds no triples', async () => {
    const run = await runCli(['discover', '--data', 'package.json', '--request', `${folder}/discover.json`])
    expect(run.code).toBe(2)
    expect(run.stderr).toMatch(/^symphony: \/.*\/package\.json: no triples found; for JSON-LD, check that an @context maps the keys to IRIs\n$/)
  })
})
