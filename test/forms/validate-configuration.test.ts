/**
 * Checking submitted values: ajv first (field-level messages we write in German and English),
 * then SHACL (sh:message in the form's language, else our catalogue), per field pointer and
 * SHACL path.
 */
import { describe, expect, it } from 'vitest'
import { SymphonyError } from '../../src/errors.js'
import { shapeToForm, validateConfiguration } from '../../src/forms/index.js'
import type { ConfigurationIssue } from '../../src/forms/index.js'
import { parseRdf } from '../../src/rdf/index.js'
import { formOf, loadCase } from './fixture-request.js'

const ex = (local: string): string => `https://example.org/forms#${local}`
const sh = (local: string): string => `http://www.w3.org/ns/shacl#${local}`

const invalidForSchema = {
  port: 70000,
  maxCalls: 0,
  codec: ex('G729'),
  startDate: 'soon',
  extra: 1,
  outbound: { weight: 'x' }
}

const invalidForShacl = {
  sipDomain: 'pbx.example.org',
  port: 5060,
  tls: true,
  pinPair: 'abcd',
  outbound: { host: 'sbc.example.org', backupHost: 'sbc.example.org' }
}

type Expected = Array<[field: string, message: string, constraint: string, label?: string]>

function summary (issues: readonly ConfigurationIssue[]): Expected {
  return issues.map(issue => issue.label === undefined ? [issue.field, issue.message, issue.constraint] : [issue.field, issue.message, issue.constraint, issue.label])
}

async function messagesForm (language: string): Promise<ReturnType<typeof formOf>> {
  const { quads, request } = await loadCase('messages')
  return formOf(quads, { ...request, language })
}

describe('validateConfiguration', () => {
  it('reports JSON Schema errors per field in German', async () => {
    const result = await validateConfiguration(await messagesForm('de'), invalidForSchema)
    expect(result.ok).toBe(false)
    if (result.ok) return
    expect(result.issues.every(issue => issue.code === 'INVALID_VALUE')).toBe(true)
    expect(summary(result.issues)).toEqual([
      ['/sipDomain', 'Dieses Feld ist erforderlich.', 'required', 'SIP-Domain'],
      ['/extra', 'Dieses Feld gehört nicht zum Formular.', 'additionalProperties'],
      ['/port', 'Darf höchstens 65535 sein.', 'maximum', 'Port'],
      ['/maxCalls', 'Mindestens ein gleichzeitiger Anruf.', 'minimum', 'Gleichzeitige Anrufe'],
      ['/codec', 'Muss einer dieser Werte sein: G.711, Opus.', 'enum', 'Codec'],
      ['/startDate', 'Muss ein Datum (JJJJ-MM-TT) sein.', 'format', 'Startdatum'],
      ['/outbound/host', 'Dieses Feld ist erforderlich.', 'required', 'Host'],
      ['/outbound/weight', 'Muss eine ganze Zahl sein.', 'type', 'Gewicht']
    ])
    expect(result.issues.find(issue => issue.field === '/port')?.path).toBe(ex('port'))
    expect(result.issues.find(issue => issue.field === '/outbound/host')?.path).toBe(ex('host'))
  })

  it('reports JSON Schema errors per field in English', async () => {
    const result = await validateConfiguration(await messagesForm('en'), invalidForSchema)
    if (result.ok) expect.fail('should not conform')
    expect(summary(result.issues)).toEqual([
      ['/sipDomain', 'This field is required.', 'required', 'SIP domain'],
      ['/extra', 'This field is not part of the form.', 'additionalProperties'],
      ['/port', 'Must be at most 65535.', 'maximum', 'Port'],
      ['/maxCalls', 'At least one concurrent call.', 'minimum', 'Concurrent calls'],
      ['/codec', 'Must be one of: G.711, Opus.', 'enum', 'Codec'],
      ['/startDate', 'Must be a date (YYYY-MM-DD).', 'format', 'Start date'],
      ['/outbound/host', 'This field is required.', 'required', 'Host'],
      ['/outbound/weight', 'Must be a whole number.', 'type', 'Weight']
    ])
  })

  it('reports what only SHACL can check, per field, in German', async () => {
    const result = await validateConfiguration(await messagesForm('de'), invalidForShacl)
    if (result.ok) expect.fail('should not conform')
    expect(result.issues.every(issue => issue.code === 'NOT_CONFORMING')).toBe(true)
    expect(summary(result.issues)).toEqual([
      ['/pinPair', 'Der Wert entspricht nicht dem Muster "^(ab)\\1$".', sh('PatternConstraintComponent'), 'PIN-Paar'],
      ['/outbound/backupHost', 'Der Wert darf nicht zugleich ein Wert von <https://example.org/forms#host> sein.', sh('DisjointConstraintComponent'), 'Ersatz-Host'],
      ['', 'Mit TLS ist Port 5060 nicht erlaubt.', sh('SPARQLConstraintComponent')]
    ])
    expect(result.issues[1]?.path).toBe(ex('backupHost'))
  })

  it('reports what only SHACL can check, per field, in English', async () => {
    const result = await validateConfiguration(await messagesForm('en'), invalidForShacl)
    if (result.ok) expect.fail('should not conform')
    expect(summary(result.issues)).toEqual([
      ['/pinPair', 'The value does not match the pattern "^(ab)\\1$".', sh('PatternConstraintComponent'), 'PIN pair'],
      ['/outbound/backupHost', 'The value must not also be a value of <https://example.org/forms#host>.', sh('DisjointConstraintComponent'), 'Backup host'],
      ['', 'Port 5060 is not allowed with TLS.', sh('SPARQLConstraintComponent')]
    ])
  })

  it('accepts valid values and returns their RDF', async () => {
    const result = await validateConfiguration(await messagesForm('de'), { ...invalidForShacl, port: 5061, pinPair: 'abAB', outbound: { host: 'sbc.example.org' } })
    expect(result.ok).toBe(true)
    if (result.ok) expect(result.quads.length).toBeGreaterThan(5)
  })

  it('reports a shared value at its field in the shared section', async () => {
    const { quads, request } = await loadCase('joint-pbx-crm')
    const form = formOf(quads, request)
    const result = await validateConfiguration(form, { services: { AcmePBX: { sipDomain: 'x' }, CrmOne: { crmTenant: 'y' } } })
    if (result.ok) expect.fail('should not conform')
    expect(summary(result.issues)).toEqual([['/shared', 'Dieses Feld ist erforderlich.', 'required', 'Gemeinsame Einstellungen']])
  })

  it('passes warnings through without rejecting', async () => {
    const quads = await parseRdf(`
      @prefix sh: <http://www.w3.org/ns/shacl#> . @prefix xsd: <http://www.w3.org/2001/XMLSchema#> . @prefix ex: <https://example.org/forms#> .
      ex:S a sh:NodeShape ;
        sh:property [ sh:path ex:pin ; sh:datatype xsd:string ; sh:maxCount 1 ] ;
        sh:sparql [ sh:message "Schwache PIN"@de , "Weak PIN"@en ; sh:select "SELECT $this WHERE { $this <https://example.org/forms#pin> '0000' }" ] ;
        sh:severity sh:Warning .`, { format: 'turtle' })
    const form = shapeToForm(quads, ex('S'), { language: 'en' })
    const result = await validateConfiguration(form, { pin: '0000' })
    expect(result.ok).toBe(true)
    if (result.ok) expect(result.warnings.map(w => [w.severity, w.message])).toEqual([['Warning', 'Weak PIN']])
  })

  it('refuses shapes whose constraints SHACL would silently ignore', async () => {
    const quads = await parseRdf(`
      @prefix sh: <http://www.w3.org/ns/shacl#> . @prefix xsd: <http://www.w3.org/2001/XMLSchema#> . @prefix ex: <https://example.org/forms#> .
      ex:S a sh:NodeShape ; sh:property [ sh:path ex:pin ; sh:datatype xsd:string ; sh:minLenght 4 ] .`, { format: 'turtle' })
    const form = shapeToForm(quads, ex('S'))
    const failure = await validateConfiguration(form, { pin: ['1'] }).catch((error: unknown) => error)
    expect(failure).toBeInstanceOf(SymphonyError)
    expect((failure as SymphonyError).code).toBe('UNSUPPORTED_SHAPE')
    expect((failure as SymphonyError).message).toBe('the property shape for <https://example.org/forms#pin> of shape <https://example.org/forms#S> uses <http://www.w3.org/ns/shacl#minLenght>, but shacl-engine does not implement it, so the constraint would be silently ignored; check the spelling or use a SHACL Core or sh:sparql constraint')
  })
})
