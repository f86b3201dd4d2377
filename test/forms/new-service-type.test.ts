/**
 * Adding a service type is adding Turtle: a type, its configuration shape and a
 * subclass, all in test/fixtures/forms/new-service-type/shape.ttl, get a form, a check and RDF
 * with no code that knows them.
 */
import { describe, expect, it } from 'vitest'
import { configurationToRdf, formForService, formForType } from '../../src/forms/index.js'
import { loadCase } from './fixture-request.js'
import { canonical, canonicalTurtle } from './isomorphic.js'

const ex = (local: string): string => `https://example.org/newsletter#${local}`

describe('a new service type from Turtle only', () => {
  it('gets its form, also for a subclass without a shape of its own', async () => {
    const { quads } = await loadCase('new-service-type')
    for (const type of [ex('NewsletterService'), ex('TransactionalNewsletterService')]) {
      const form = formForType(quads, type, { language: 'de' })
      const object = form.uiSchema.sections[0]!.object
      expect(object.shapes).toEqual([ex('NewsletterConfiguration')])
      expect(object.order).toEqual(['senderAddress', 'doubleOptIn'])
      expect(object.fields.senderAddress!.label).toBe('Absenderadresse')
      expect(form.schema.required).toEqual(['senderAddress'])
    }
  })

  it('checks and stores a service\'s configuration', async () => {
    const { quads } = await loadCase('new-service-type')
    const form = formForService(quads, { id: ex('MailPilot'), types: [ex('TransactionalNewsletterService')] }, { language: 'en' })
    const bad = await configurationToRdf(form, { senderAddress: 'no-at-sign' }, { subject: ex('config-1') })
    expect(bad.ok).toBe(false)
    if (!bad.ok) expect(bad.issues.map(issue => [issue.field, issue.message])).toEqual([['/senderAddress', 'Expected text of the form ^[^@\\t\\n\\r ]+@[^@\\t\\n\\r ]+$, such as a@a.']])
    const good = await configurationToRdf(form, { senderAddress: 'news@example.org', doubleOptIn: true }, { subject: ex('config-1') })
    if (!good.ok) expect.fail(JSON.stringify(good.issues))
    expect(await canonical(good.quads)).toBe(await canonicalTurtle(`
      @prefix ex: <https://example.org/newsletter#> . @prefix sym: <https://w3id.org/symphony/ontology#> .
      ex:config-1 sym:configures ex:MailPilot ; ex:senderAddress "news@example.org" ; ex:doubleOptIn true .`))
  })
})
