/**
 * Fields whose values come from a fact of the configured service (`symsh:valuesFrom`): the form
 * offers only those values and prefills one of them, and a composition request's region narrows
 * them further and is checked on submission, with messages in English and German.
 */
import { readFile } from 'node:fs/promises'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { namedLocations } from '../../src/catalog/index.js'
import { formForService, validateConfiguration } from '../../src/forms/index.js'
import type { FormRegion } from '../../src/forms/index.js'
import { parseRdf } from '../../src/rdf/index.js'
import { openTestApp, operatorToken, sym } from './helpers.js'
import type { TestApp } from './helpers.js'

const archive = 'https://example.org/vaultline#Archive'
const backup = 'https://example.org/vaultline#Backup'
const asOperator = { authorization: `Bearer ${operatorToken}` }
const rule = { documentClass: `${sym}BusinessLetter`, retentionPeriod: 'P6Y' }
const bundle = { services: [archive, backup] }
const values = (location: string): unknown => ({
  services: {
    Archive: { retentionRule: [rule], storageLocation: location },
    Backup: { backupInterval: 'P1D', retentionCount: 30, backupPath: ['/srv/data'], storageLocation: 'IE', notificationEmail: 'it@kanzlei.example' }
  }
})

describe('fields narrowed by the configured service and the request\'s region', () => {
  let t: TestApp
  beforeAll(async () => { t = await openTestApp({ seedExamples: true }) })
  afterAll(async () => { await t.close() })

  it('offers only the locations the service stores in, prefilled with its only one instead of the shape\'s default', async () => {
    for (const lang of ['en', 'de']) {
      const response = await t.app.inject({ method: 'POST', url: `/forms?lang=${lang}`, payload: { service: archive } })
      expect(response.statusCode).toBe(200)
      const { schema, uiSchema } = response.json()
      expect(schema.properties.storageLocation.default).toBe('IE')
      const field = uiSchema.sections[0].object.fields.storageLocation
      expect([field.widget, field.options, field.label]).toEqual(['select', [{ value: 'IE', label: lang === 'de' ? 'Irland (IE)' : 'Ireland (IE)' }], lang === 'de' ? 'Speicherstandort' : 'Storage location'])
    }
    // The service type alone states no locations: the field stays open with the shape's default.
    const byType = await t.app.inject({ method: 'GET', url: `/forms?type=${encodeURIComponent(`${sym}ArchivingService`)}` })
    const open = byType.json()
    expect([open.schema.properties.storageLocation.default, open.uiSchema.sections[0].object.fields.storageLocation.options]).toEqual(['DE', undefined])
  })

  it('refuses a location the service does not offer, naming what it offers', async () => {
    const response = await t.app.inject({ method: 'POST', url: '/configurations?dryRun=true&lang=de', headers: asOperator, payload: { service: archive, values: { retentionRule: [rule], storageLocation: 'DE' } } })
    expect(response.statusCode).toBe(422)
    expect(response.json().errors.map((e: { field: string, message: string }) => [e.field, e.message]))
      .toEqual([['/storageLocation', '"DE" wird von diesem Dienst nicht angeboten; er bietet "IE".']])
  })

  it('keeps the joint form\'s location fields inside the request\'s region and refuses a value outside, in English and German', async () => {
    const constraints = { dataLocation: ['EU'], dataLocationMode: 'strict' }
    const form = await t.app.inject({ method: 'POST', url: '/forms?lang=de', payload: { bundle, constraints } })
    expect(form.statusCode).toBe(200)
    const { schema, uiSchema } = form.json()
    expect(schema.properties.services.properties.Archive.properties.storageLocation.default).toBe('IE')
    const section = uiSchema.sections.find((s: { pointer: string }) => s.pointer === '/services/Archive')
    expect(section.object.fields.storageLocation.options).toEqual([{ value: 'IE', label: 'Irland (IE)' }])

    const ok = await t.app.inject({ method: 'POST', url: '/configurations?dryRun=true', headers: asOperator, payload: { bundle, constraints, values: values('IE') } })
    expect([ok.statusCode, ok.json().errors]).toEqual([200, undefined])
    const messages = async (lang: string): Promise<string[]> => {
      const refused = await t.app.inject({ method: 'POST', url: `/configurations?dryRun=true&lang=${lang}`, headers: asOperator, payload: { bundle, constraints, values: values('US') } })
      expect(refused.statusCode).toBe(422)
      return refused.json().errors.filter((e: { field: string }) => e.field === '/services/Archive/storageLocation').map((e: { message: string }) => e.message)
    }
    expect(await messages('en')).toContain('Storage location: "US" is outside the region "European Union" the request demands; choose one of: IE.')
    expect(await messages('de')).toContain('Speicherstandort: "US" liegt außerhalb der Region „Europäische Union“, die die Anfrage verlangt; wählen Sie einen dieser Werte: IE.')
    // Without the request's region, the same values meet only the service's own check.
    const withoutRegion = await t.app.inject({ method: 'POST', url: '/configurations?dryRun=true', headers: asOperator, payload: { bundle, values: values('US') } })
    expect(withoutRegion.json().errors.map((e: { message: string }) => e.message)).toEqual(['"US" is not offered by this service; it offers "IE".'])
  })

  it('narrows to the offered locations inside the region, keeping the shape\'s default when it is one of them', async () => {
    const ex = (local: string): string => `https://example.org/archives#${local}`
    const context = await parseRdf(await readFile(new URL('../fixtures/form-values/archives.ttl', import.meta.url), 'utf8'), { format: 'turtle' })
    const vocabulary = await t.engine.vocabulary()
    const catalog = await t.engine.catalog()
    const region = (entries: string[]): FormRegion => {
      const { countries, names } = namedLocations(catalog, entries)
      return { property: `${sym}dataLocation`, values: countries, names, mode: 'strict' }
    }
    const field = (id: string, options: { region?: FormRegion }): { options?: unknown, default?: unknown } => {
      const form = formForService(vocabulary, { id, types: [`${sym}ArchivingService`] }, { context, ...options })
      return { options: form.uiSchema.sections[0]!.object.fields.storageLocation!.options?.map(o => o.value), default: (form.schema.properties as Record<string, { default?: unknown }>).storageLocation!.default }
    }
    expect(field(ex('ThreeCountries'), {})).toEqual({ options: ['CH', 'DE', 'US'], default: 'DE' })
    expect(field(ex('ThreeCountries'), { region: region(['EU']) })).toEqual({ options: ['DE'], default: 'DE' })
    expect(field(ex('ThreeCountries'), { region: region(['sym:DACH']) })).toEqual({ options: ['CH', 'DE'], default: 'DE' })
    expect(field(ex('ThreeCountries'), { region: region(['US', 'CH']) })).toEqual({ options: ['CH', 'US'], default: 'CH' })
    // A service that states no locations: the region's countries.
    const eu = region(['EU'])
    expect(field(ex('Unstated'), { region: eu })).toEqual({ options: eu.values, default: 'DE' })
    expect(eu.values).toContain('IE')
    expect(eu.values).not.toContain('CH')
    // Without a region, nothing narrows it.
    expect(field(ex('Unstated'), {})).toEqual({ options: undefined, default: 'DE' })
    // A code is offered by the name of its country concept (skos:notation) in the form's language.
    const labels = (language: string): unknown => formForService(vocabulary, { id: ex('ThreeCountries'), types: [`${sym}ArchivingService`] }, { context, language })
      .uiSchema.sections[0]!.object.fields.storageLocation!.options
    expect(labels('de')).toEqual([{ value: 'CH', label: 'Schweiz (CH)' }, { value: 'DE', label: 'Deutschland (DE)' }, { value: 'US', label: 'Vereinigte Staaten (US)' }])
    expect(labels('en')).toEqual([{ value: 'CH', label: 'Switzerland (CH)' }, { value: 'DE', label: 'Germany (DE)' }, { value: 'US', label: 'United States (US)' }])
  })

  it('refuses a request region it does not know, and leaves a service type\'s form (no service) open', async () => {
    const unknown = await t.engine.form({ service: archive }, { constraints: { dataLocation: ['Atlantis'] } }).then(() => undefined, (error: unknown) => error as { code: string, messages: { en: string, de: string } })
    expect(unknown?.code).toBe('INVALID_REQUEST')
    expect(unknown?.messages.en).toMatch(/^constraints\.dataLocation\[0\]: "Atlantis" is neither a region \(.*European Union.*\)/)
    expect(unknown?.messages.de).toMatch(/^constraints\.dataLocation\[0\]: "Atlantis" ist weder eine Region \(.*Europäische Union.*\)/)
    const form = await t.engine.form({ type: `${sym}ArchivingService` }, { constraints: { dataLocation: ['DACH'] } })
    expect(form.uiSchema.sections[0]!.object.fields.storageLocation!.options).toBeUndefined()
  })

  it('in safeguarded mode, keeps the service\'s own locations when none lies in the region, and only warns', async () => {
    const constraints = { dataLocation: ['CH'] }
    const form = await t.engine.form({ service: archive }, { constraints })
    expect(form.uiSchema.sections[0]!.object.fields.storageLocation!.options).toEqual([{ value: 'IE', label: 'Ireland (IE)' }])
    const outcome = await t.engine.configure({ service: archive }, { retentionRule: [rule], storageLocation: 'IE' }, { dryRun: true, constraints })
    expect(outcome.ok ? outcome.warnings.map(w => [w.field, w.severity, w.message]) : outcome.issues)
      .toEqual([['/storageLocation', 'Warning', 'Storage location: "IE" is outside the region "CH" the request demands; choose one of: IE.']])
    const strict = await t.engine.configure({ service: archive }, { retentionRule: [rule], storageLocation: 'IE' }, { dryRun: true, constraints: { ...constraints, dataLocationMode: 'strict' } })
    expect(strict.ok).toBe(false)
  })

  it('treats a new configuration shape from Turtle that takes another property\'s values the same way', async () => {
    const ex = (local: string): string => `https://example.org/auditing#${local}`
    const read = async (name: string): Promise<string> => readFile(new URL(`../fixtures/form-values/${name}`, import.meta.url), 'utf8')
    const shapes = [...await t.engine.vocabulary(), ...await parseRdf(await read('audit-report.ttl'), { format: 'turtle' })]
    const context = await parseRdf(await read('auditor.ttl'), { format: 'turtle' })
    const service = { id: ex('Auditor'), types: [ex('AuditReportService')] }
    const form = formForService(shapes, service, { language: 'de', context })
    const field = form.uiSchema.sections[0]!.object.fields.reportedCertification!
    expect(field.options).toEqual([{ value: `${sym}ISO27001`, label: 'ISO/IEC 27001' }, { value: `${sym}SOC2`, label: 'SOC-2-Typ-II-Bericht' }])
    // The shape's default (ISO 27017) is not among the service's: the first allowed value replaces it.
    expect((form.schema.properties as Record<string, { default?: unknown }>).reportedCertification!.default).toBe(`${sym}ISO27001`)
    const refused = await validateConfiguration(form, { reportedCertification: `${sym}ISO27017` }, { configures: [service.id], context, language: 'en' })
    expect(refused.ok ? [] : refused.issues.map(issue => [issue.field, issue.constraint])).toEqual([['/reportedCertification', 'https://w3id.org/symphony/shapes#ServiceValuesConstraintComponent']])
    const accepted = await validateConfiguration(form, { reportedCertification: `${sym}SOC2` }, { configures: [service.id], context })
    expect(accepted.ok).toBe(true)
  })
})
