/** `symphony catalog`: the catalog's services, filtered like GET /catalog/services, also by any fact. */
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { runCli } from './run-cli.js'

const fixtures = join(import.meta.dirname, '..', 'fixtures', 'api')
const data = ['acme-pbx.ttl', 'globex-crm.ttl', 'extension-facts.ttl'].flatMap(file => ['--data', join(fixtures, file)])
const pbx = 'https://example.org/acme#CloudPBX'
const crm = 'https://example.org/globex#CallCRM'
const ext = 'https://example.org/ext#'

async function listed (...args: string[]): Promise<string[]> {
  const run = await runCli(['catalog', ...data, ...args])
  expect(run.code, run.stderr).toBe(0)
  return JSON.parse(run.stdout).services.map((s: { iri: string }) => s.iri)
}

describe('symphony catalog', () => {
  it('lists every service sorted by label, with the summaries of GET /catalog/services', async () => {
    const run = await runCli(['catalog', ...data])
    expect(run.code).toBe(0)
    const answer = JSON.parse(run.stdout)
    expect({ total: answer.total, offset: answer.offset, services: answer.services.map((s: { iri: string, label: string }) => [s.iri, s.label]) })
      .toEqual({ total: 2, offset: 0, services: [[pbx, 'ACME Cloud PBX'], [crm, 'Globex CRM']] })
    expect(answer.services[1].provider).toEqual({ iri: 'https://example.org/globex#Globex', label: 'Globex Software AG' })
  })

  it('filters by --fact on a property of an extension vocabulary, sub-properties counting, every --fact holding', async () => {
    expect(await listed('--fact', `${ext}callsPerSecond minInclusive 10`)).toEqual([pbx])
    expect(await listed('--fact', `${ext}callsPerSecond maxInclusive 10`)).toEqual([crm])
    expect(await listed('--fact', `${ext}greenHosting hasValue false`)).toEqual([crm])
    expect(await listed('--fact', 'sym:offersDPA hasValue true', '--fact', 'sym:dataLocation in DE,AT')).toEqual([pbx, crm])
    expect(await listed('--fact', `${ext}greenHosting hasValue true`, '--fact', `${ext}callsPerSecond maxInclusive 10`)).toEqual([])
    expect(await listed('--fact', 'sym:dataLocation in DE,AT', '--type', 'sym:CRM')).toEqual([crm])
  })

  it('writes one line per service and a count with --format text, in German with --lang de', async () => {
    const run = await runCli(['catalog', ...data, '--fact', `${ext}callsPerSecond minInclusive 0`, '--format', 'text', '--lang', 'de'])
    expect(run.code).toBe(0)
    expect(run.stdout).toBe([
      `ACME Cloud-Telefonanlage  <${pbx}>  (ACME Telekom GmbH)`,
      `Globex CRM  <${crm}>  (Globex Software AG)`,
      '1–2 von 2 Diensten',
      ''
    ].join('\n'))
    const none = await runCli(['catalog', ...data, '--fact', `${ext}unheardOf hasValue 1`, '--format', 'text', '--lang', 'en'])
    expect(none.stdout).toBe('none of 0 services\n')
  })

  it('refuses a bad --fact with exit 2, naming the option, what is expected and an example', async () => {
    const unknownTest = await runCli(['catalog', ...data, '--fact', `${ext}callsPerSecond atLeast 10`])
    expect(unknownTest.code).toBe(2)
    expect(unknownTest.stdout).toBe('')
    expect(unknownTest.stderr).toContain(`symphony: --fact "${ext}callsPerSecond atLeast 10": "atLeast" is not a test; expected one of in, hasValue, minInclusive, maxInclusive; write it as "<property> <test> <value>"`)
    expect(unknownTest.stderr).toContain('e.g. "sym:certification hasValue sym:ISO27001"')
    const notNumber = await runCli(['catalog', ...data, '--fact', `${ext}callsPerSecond maxInclusive many`])
    expect([notNumber.code, notNumber.stderr.includes('maxInclusive needs a number, got "many"')]).toEqual([2, true])
    const notIri = await runCli(['catalog', ...data, '--fact', 'callsPerSecond hasValue 3'])
    expect([notIri.code, notIri.stderr.includes('"callsPerSecond" is not an IRI')]).toEqual([2, true])
  })
})
