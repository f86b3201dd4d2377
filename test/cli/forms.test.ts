import { describe, expect, it } from 'vitest'
import { Parser } from 'n3'
import { runCli } from './run-cli.js'

const examples = ['--data-dir', '/nonexistent/symphony-data']
/** What every read command says on stderr about the catalog it answers from. */
const fromExamples = 'catalog: examples (no /nonexistent/symphony-data yet)\n'
const sym = 'https://w3id.org/symphony/ontology#'

describe('symphony form / configure', () => {
  it('prints the form of a service type in German', async () => {
    const run = await runCli(['form', 'sym:VirtualPBX', '--lang', 'de', ...examples])
    expect(run.code).toBe(0)
    const { schema, uiSchema } = JSON.parse(run.stdout)
    expect([schema.$schema, schema.title, schema.properties.countryCallingCode.title, uiSchema.language])
      .toEqual(['https://json-schema.org/draft/2020-12/schema', 'Konfiguration der virtuellen Telefonanlage', 'Ländervorwahl', 'de'])
  })

  it('asks for the shared phone-number format once in the joint PBX + CRM form', async () => {
    const run = await runCli(['form', 'https://example.org/telvana#CloudPBX', 'https://example.org/kundenwerk#CRM', ...examples])
    const { schema } = JSON.parse(run.stdout)
    const fieldsNamed = (name: string, node: unknown): number => {
      if (typeof node !== 'object' || node === null) return 0
      return Object.entries(node).reduce((n, [key, value]) => n + (key === 'properties' && typeof value === 'object' && value !== null && name in value ? 1 : 0) + fieldsNamed(name, value), 0)
    }
    expect(Object.keys(schema.properties)).toEqual(['shared', 'services', 'links'])
    expect(Object.keys(schema.properties.shared.properties)).toContain('phoneNumberFormat')
    expect(fieldsNamed('phoneNumberFormat', schema)).toBe(1)
  })

  it('asks for the seats once in the joint form and prefills them with --prefill', async () => {
    const run = await runCli(['form', 'https://example.org/telvana#CloudPBX', 'https://example.org/kundenwerk#CRM', '--prefill', 'test/fixtures/cli/prefill-seats.json', ...examples])
    expect(run.code).toBe(0)
    const { schema } = JSON.parse(run.stdout)
    expect(schema.properties.shared.properties.seatCount.default).toBe(12)
    const bad = await runCli(['form', 'https://example.org/telvana#CloudPBX', '--prefill', 'test/fixtures/cli/fax-invalid.json', ...examples])
    expect(bad.code).not.toBe(0)
    expect(bad.stderr).toContain('prefill key "faxNumber" is not a property IRI')
  })

  it('refuses a storage location the configured service does not offer, in the requested language', async () => {
    const run = await runCli(['configure', 'https://example.org/archivum#Archive', '--values', 'test/fixtures/cli/archive-in-us.json', '--lang', 'de', ...examples])
    expect(run.code).toBe(1)
    expect(JSON.parse(run.stdout).issues).toEqual([{
      code: 'NOT_CONFORMING',
      field: '/storageLocation',
      path: `${sym}storageLocation`,
      label: 'Speicherstandort',
      message: '"US" wird von diesem Dienst nicht angeboten; er bietet "DE".',
      constraint: 'https://w3id.org/symphony/shapes#ServiceValuesConstraintComponent',
      severity: 'Violation'
    }])
    // The service type alone offers no locations to check against.
    const byType = await runCli(['configure', 'sym:ArchivingService', '--values', 'test/fixtures/cli/archive-in-us.json', ...examples])
    expect(byType.code).toBe(0)
  })

  it('bounds the SHACL-SPARQL queries of a validation by --shacl-sparql-max-rows, else its variable', async () => {
    const tagged = ['configure', 'https://example.org/tagged#TaggedService', '--values', 'test/fixtures/cli/three-tags.json', '--data', 'test/fixtures/cli/tagged-service.ttl']
    // Within the default limits each tag is a result row
    const within = await runCli(tagged)
    expect(within.code).toBe(1)
    expect(JSON.parse(within.stdout).issues.map((issue: { message: string }) => issue.message)).toEqual(['tag "a" is reserved', 'tag "b" is reserved', 'tag "c" is reserved'])
    const capped = await runCli([...tagged, '--shacl-sparql-max-rows', '2', '--lang', 'de'])
    expect(capped.code).toBe(2)
    expect(capped.stderr).toContain('symphony: die SHACL-SPARQL-Bedingung der Shape <https://example.org/tagged#TaggedConfiguration> lieferte für einen Fokusknoten mehr als 2 Zeilen und wurde abgebrochen;')
    expect(capped.stderr).toContain('erhöhen Sie die Grenze mit --shacl-sparql-max-rows oder $SYMPHONY_SHACL_SPARQL_MAX_ROWS')
    const byVariable = await runCli(tagged, { env: { SYMPHONY_SHACL_SPARQL_MAX_ROWS: '2' } })
    expect(byVariable.code).toBe(2)
    expect(byVariable.stderr).toContain('answered more than 2 rows for one focus node and was stopped')
    const refused = await runCli([...tagged, '--shacl-sparql-max-rows', '0'])
    expect(refused.code).toBe(2)
    expect(refused.stderr).toBe('symphony: --shacl-sparql-max-rows is "0", not a positive whole number; give one, or leave the option out for the default 10000\n')
  })

  it('prints TypeScript types for a form', async () => {
    const run = await runCli(['form', 'https://example.org/telvana#Fax', '--types', ...examples])
    expect(run.code).toBe(0)
    expect(run.stdout).toContain('export interface Configuration {')
    expect(run.stdout).toMatch(/faxNumber: string;/)
  })

  it('prints the RDF of a valid configuration', async () => {
    const run = await runCli(['configure', 'https://example.org/telvana#Fax', '--values', 'test/fixtures/cli/fax-valid.json', ...examples])
    expect(run.code).toBe(0)
    const triples = new Parser().parse(run.stdout).map(q => [q.predicate.value, q.object.value]).sort()
    expect(triples).toEqual([
      [`${sym}configures`, 'https://example.org/telvana#Fax'],
      [`${sym}deliveryEmail`, 'fax@kanzlei.example'],
      [`${sym}faxDocumentFormat`, `${sym}PDFA`],
      [`${sym}faxHeaderLine`, 'Kanzlei Muster'],
      [`${sym}faxNumber`, '+4930123456799']
    ])
  })

  it('reports invalid values per field in the requested language and exits 1', async () => {
    const run = await runCli(['configure', 'https://example.org/telvana#Fax', '--values', 'test/fixtures/cli/fax-invalid.json', '--lang', 'de', ...examples])
    expect(run.code).toBe(1)
    expect(JSON.parse(run.stdout)).toEqual({
      issues: [{
        code: 'INVALID_VALUE',
        field: '/faxNumber',
        path: `${sym}faxNumber`,
        label: 'Faxnummer',
        message: 'Nicht in der erwarteten Form: Im E.164-Format, z. B. +4930123456799.',
        constraint: 'pattern',
        severity: 'Violation'
      }]
    })
  })

  it('says which type has no configuration shape', async () => {
    const run = await runCli(['form', 'sym:Service', ...examples])
    expect(run).toEqual({ code: 2, stdout: '', stderr: `${fromExamples}symphony: type <${sym}Service> has no sym:configurationShape, and neither has any of its superclasses; add one in shapes/configuration/\n` })
  })
})
