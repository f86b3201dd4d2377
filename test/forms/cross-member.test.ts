/**
 * A check across the members of one configuration, declared in SHACL: the call-journaling
 * link's user mapping names extensions of the telephone system configured with it. A mapped
 * extension no SIP account of the PBX has is refused at the mapping's field, in the language
 * asked; the same values with a PBX extension conform.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openEngine } from '../../src/engine.js'
import type { Engine } from '../../src/engine.js'

const pbx = 'https://example.org/tarifon#HostedPBX'
const crm = 'https://example.org/kundenwerk#CRM'
const target = { bundle: { services: [pbx, crm] } }

/** Every required value of the PBX + CRM form, the link's mapping to `extension`. */
function values (extension: string) {
  return {
    shared: { phoneNumberFormat: 'https://w3id.org/symphony/ontology#E164Format', countryCallingCode: '+49', timeZone: 'Europe/Berlin', seatCount: 2 },
    services: {
      HostedPBX: {
        mainNumber: '+493012345670', extensionLength: 3, numberBlockSize: 100,
        sipAccount: [
          { displayName: 'Anna Schmidt', extension: '101', sipUsername: 'anna.schmidt' },
          { displayName: 'Ben Vogel', extension: '102', sipUsername: 'ben.vogel' }
        ],
        businessHours: [{ dayOfWeek: ['https://schema.org/Monday'], opens: '08:00:00', closes: '17:00:00' }],
        emergencyLocation: { streetAddress: 'Hauptstraße 1', postalCode: '10115', addressLocality: 'Berlin', addressCountry: 'DE' }
      },
      CRM: { companyName: 'Beispiel GmbH', defaultCurrency: 'EUR' }
    },
    links: {
      'HostedPBX-CRM': { journalCallTypes: ['https://w3id.org/symphony/ontology#InboundCall'], userMapping: [{ extension, crmUserId: 'anna' }] }
    }
  }
}

describe('checks across the members of a configuration', () => {
  let engine: Engine
  beforeAll(async () => { engine = await openEngine({ seedExamples: true }) }, 300_000)
  afterAll(async () => { await engine?.close() })

  it('refuses a mapped extension the telephone system does not have, at its field, in either language', { timeout: 120_000 }, async () => {
    for (const [language, message] of [
      // The member that holds the allowed values is named by its label in the message's language.
      ['en', '"109" is not among the values "Tarifon Hosted PBX" has in this configuration: "101, 102".'],
      ['de', '"109" ist keiner der Werte, die "Tarifon Hosted PBX" in dieser Konfiguration hat: "101, 102".']
    ] as const) {
      const outcome = await engine.configure(target, values('109'), { dryRun: true, language })
      expect(outcome.ok ? [] : outcome.issues.map(i => [i.field, i.message])).toEqual([['/links/HostedPBX-CRM/userMapping/0/extension', message]])
    }
  })

  it('accepts a mapped extension of one of the SIP accounts', { timeout: 120_000 }, async () => {
    const outcome = await engine.configure(target, values('102'), { dryRun: true })
    expect(outcome.ok ? [] : outcome.issues.map(i => [i.field, i.message])).toEqual([])
  })
})
