import { describe, expect, it } from 'vitest'
import { catalogOfParts, compileCatalog, compileParts } from '../../src/catalog/index.js'
import type { ClassHierarchy } from '../../src/catalog/index.js'
import { ex, sym, turtle } from './turtle.js'

const schema = 'https://schema.org/'

// The example of docs/describing-services.md, with labelled blank nodes, plus a little ontology.
const acme = turtle(`
  sym:Service rdfs:subClassOf schema:Service .
  sym:TelephonyService rdfs:subClassOf sym:Service . sym:VirtualPBX rdfs:subClassOf sym:TelephonyService .
  sym:CallEventFeed rdfs:subClassOf sym:CTIInterface . sym:CTIInterface rdfs:subClassOf sym:Interface .
  sym:ContactLookupAPI rdfs:subClassOf sym:ContactDirectoryInterface .
  sym:EEA sym:includesCountry "DE" , "at" , "NO" .
  ex:Acme a schema:Organization ; schema:name "ACME Telekom GmbH" .
  ex:AcmePBX a sym:VirtualPBX ;
    schema:name "ACME Cloud PBX"@en , "ACME Cloud-Telefonanlage"@de ;
    schema:description "Hosted PBX for up to 500 seats."@en ;
    schema:provider ex:Acme ;
    sym:provides _:feed . _:feed a sym:CallEventFeed , sym:Interface ; sym:protocol sym:WebSocket ; sym:dataFormat sym:JSON ;
      sym:version "2.1.0" ; sym:carriesData pd:TelephoneNumber .
  ex:AcmePBX sym:requires _:lookup . _:lookup a sym:ContactLookupAPI ; sym:protocol sym:HTTPS_REST ; sym:versionRange ">=1.0.0 <3.0.0" .
  ex:AcmePBX sym:optionallyRequires _:ingest . _:ingest a sym:DocumentIngestInterface .
  ex:AcmePBX sym:dataLocation "DE" , "at" ; sym:certification sym:ISO27001 , sym:BSIC5 ; sym:offersDPA true ;
    sym:transferSafeguard dpv:StandardContractualClauses ; sym:suitableForProfessionalSecrecy true ;
    schema:offers _:offer . _:offer a schema:Offer ; schema:priceCurrency "EUR" ; sym:minimumTermMonths 12 ;
      schema:priceSpecification _:base , _:user , _:setup , _:odd .
  _:base sym:priceComponent sym:BaseMonthly ; schema:price 19.00 .
  _:user sym:priceComponent sym:PerUserMonthly ; schema:price 6.50 .
  _:setup sym:priceComponent sym:SetupFee ; schema:price 99.00 ; schema:priceCurrency "CHF" .
  _:odd sym:priceComponent sym:Whatever ; schema:price 1 .`)

/** A built-in price component's declaration (ontology/commerce.ttl). */
function builtin (local: string, en: string, de: string, countedBy: string, period: string, periodMonths: number | null): object {
  return { id: sym + local, label: { en, de }, countedBy, period: sym + period, periodMonths }
}

describe('compileCatalog', () => {
  const catalog = compileCatalog(acme)

  it('reads the documented service description completely', () => {
    expect(catalog.services.get(ex + 'AcmePBX')).toEqual({
      id: ex + 'AcmePBX',
      types: [sym + 'VirtualPBX', sym + 'Service', sym + 'TelephonyService'],
      provider: ex + 'Acme',
      label: { en: 'ACME Cloud PBX', de: 'ACME Cloud-Telefonanlage' },
      description: { en: 'Hosted PBX for up to 500 seats.' },
      provides: [{
        id: ex + 'AcmePBX-provides-CallEventFeed', service: ex + 'AcmePBX', role: 'provides', types: [sym + 'CallEventFeed'],
        protocols: [sym + 'WebSocket'], dataFormats: [sym + 'JSON'], version: '2.1.0', carriesData: ['https://w3id.org/dpv/pd#TelephoneNumber']
      }],
      requires: [{
        id: ex + 'AcmePBX-requires-ContactLookupAPI', service: ex + 'AcmePBX', role: 'requires', types: [sym + 'ContactLookupAPI'],
        protocols: [sym + 'HTTPS_REST'], dataFormats: [], versionRange: '>=1.0.0 <3.0.0', carriesData: []
      }],
      optionallyRequires: [{
        id: ex + 'AcmePBX-optionally-requires-DocumentIngestInterface', service: ex + 'AcmePBX', role: 'optionallyRequires', types: [sym + 'DocumentIngestInterface'],
        protocols: [], dataFormats: [], carriesData: []
      }],
      compliance: {
        dataLocations: ['AT', 'DE'],
        certifications: [sym + 'BSIC5', sym + 'ISO27001'],
        offersDPA: true,
        transferSafeguards: ['https://w3id.org/dpv#StandardContractualClauses'],
        suitableForProfessionalSecrecy: true
      },
      offers: [{
        id: ex + 'AcmePBX-offer-eur', currency: 'EUR', minimumTermMonths: 12,
        prices: [
          { component: sym + 'BaseMonthly', price: 19, amount: '19.00', currency: 'EUR', definition: builtin('BaseMonthly', 'Monthly base fee', 'Monatliche Grundgebühr', 'flat', 'Monthly', 1) },
          { component: sym + 'Whatever', price: 1, amount: '1', currency: 'EUR' },
          { component: sym + 'SetupFee', price: 99, amount: '99.00', currency: 'CHF', definition: builtin('SetupFee', 'Setup fee', 'Einrichtungsgebühr', 'flat', 'OneTime', null) },
          { component: sym + 'PerUserMonthly', price: 6.5, amount: '6.50', currency: 'EUR', definition: builtin('PerUserMonthly', 'Monthly fee per user', 'Monatliche Gebühr pro Benutzer', 'seats', 'Monthly', 1) }
        ]
      }]
    })
    expect([...catalog.services.keys()]).toEqual([ex + 'AcmePBX'])
  })

  it('lists providers with labels and regions with their countries', () => {
    expect([...catalog.providers]).toEqual([[ex + 'Acme', { '': 'ACME Telekom GmbH' }]])
    expect([...catalog.regionCountries(sym + 'EEA')!].sort()).toEqual(['AT', 'DE', 'NO'])
    expect(catalog.regionCountries(sym + 'Mars')).toBe(undefined)
  })

  it('indexes providers by every superclass and consumers by every subclass of their types', () => {
    const feed = catalog.services.get(ex + 'AcmePBX')!.provides[0]
    const lookup = catalog.services.get(ex + 'AcmePBX')!.requires[0]
    expect(catalog.providersOf(sym + 'Interface')).toEqual([feed])
    expect(catalog.providersOf(sym + 'CTIInterface')).toEqual([feed])
    expect(catalog.providersOf(sym + 'ContactLookupAPI')).toEqual([])
    expect(catalog.consumersOf(sym + 'ContactLookupAPI')).toEqual([lookup])
    expect(catalog.consumersOf(ex + 'SpecialLookup')).toEqual([])
    expect(catalog.consumersOf(sym + 'ContactDirectoryInterface')).toEqual([])
    expect(catalog.interfacesTyped(sym + 'CallEventFeed', 'provides')).toEqual([feed])
    expect(catalog.interfacesTyped(sym + 'DocumentIngestInterface', 'requires')).toEqual([catalog.services.get(ex + 'AcmePBX')!.optionallyRequires[0]])
  })

  it('indexes services by every superclass of their types', () => {
    const pbx = catalog.services.get(ex + 'AcmePBX')
    expect(catalog.servicesOfType(sym + 'TelephonyService')).toEqual([pbx])
    expect(catalog.servicesOfType(schema + 'Service')).toEqual([pbx])
    expect(catalog.servicesOfType(sym + 'CRM')).toEqual([])
  })
})

describe('catalogOfParts indexed on first use', () => {
  /** Parts of the example whose hierarchy counts the superclass lookups indexing makes. */
  function countedParts (): { parts: ReturnType<typeof compileParts>, lookups: () => number } {
    const parts = compileParts(acme)
    let lookups = 0
    const hierarchy: ClassHierarchy = Object.create(parts.hierarchy)
    hierarchy.superClasses = (c: string) => { lookups++; return parts.hierarchy.superClasses(c) }
    return { parts: { ...parts, hierarchy }, lookups: () => lookups }
  }

  it('builds no index until a lookup needs one, then answers as the catalog indexed at once', () => {
    const later = countedParts()
    const catalog = catalogOfParts(later.parts, { onFirstUse: true })
    expect(later.lookups()).toBe(0)
    expect(catalog.services.size).toBe(1)
    expect([...catalog.regionCountries(sym + 'EEA')!].sort()).toEqual(['AT', 'DE', 'NO'])
    expect(later.lookups()).toBe(0)
    const now = catalogOfParts(compileParts(acme))
    const types = [sym + 'Interface', sym + 'CTIInterface', sym + 'CallEventFeed', sym + 'ContactLookupAPI', sym + 'DocumentIngestInterface',
      sym + 'TelephonyService', schema + 'Service', sym + 'CRM']
    for (const type of types) {
      expect(catalog.servicesOfType(type)).toEqual(now.servicesOfType(type))
      expect(catalog.providersOf(type)).toEqual(now.providersOf(type))
      expect(catalog.consumersOf(type)).toEqual(now.consumersOf(type))
      expect(catalog.interfacesTyped(type, 'provides')).toEqual(now.interfacesTyped(type, 'provides'))
      expect(catalog.interfacesTyped(type, 'requires')).toEqual(now.interfacesTyped(type, 'requires'))
    }
    expect(catalog.facts(ex + 'AcmePBX', sym + 'offersDPA')).toEqual(now.facts(ex + 'AcmePBX', sym + 'offersDPA'))
    expect([...catalog.statedProperties(ex + 'AcmePBX')]).toEqual([...now.statedProperties(ex + 'AcmePBX')])
    // Indexed once: the lookups after the first read the same indexes.
    const indexing = later.lookups()
    expect(indexing).toBe(12)
    catalog.servicesOfType(sym + 'TelephonyService')
    expect(later.lookups()).toBe(indexing)
  })

  it('indexes at once without the option', () => {
    const now = countedParts()
    catalogOfParts(now.parts)
    expect(now.lookups()).toBe(4)
  })
})

describe('compileCatalog: what makes a service', () => {
  const catalog = compileCatalog(turtle(`
    ex:Car owl:equivalentClass ex:Automobile .
    ex:S1 a sym:Service ; sym:requires _:car , _:person ; sym:provides _:price .
    _:car a ex:Car . _:person a ex:Person . _:price a ex:Price .
    ex:MyService rdfs:subClassOf sym:Service . ex:S2 a ex:MyService .
    ex:S3 sym:provides _:untyped . _:untyped a sym:Interface .
    ex:offersApi rdfs:subPropertyOf sym:provides . ex:S4 ex:offersApi _:api . _:api a ex:Price .
    sym:providedBy owl:inverseOf sym:provides . _:fed a ex:Feed ; sym:providedBy ex:S5 .
    ex:NotAService a schema:Organization ; schema:name "no" .`))

  it('finds typed, foreign-typed, untyped and property-only services', () => {
    expect([...catalog.services.keys()]).toEqual(['S1', 'S2', 'S3', 'S4', 'S5'].map(s => ex + s))
    expect(catalog.services.get(ex + 'S2')!.types).toEqual([ex + 'MyService', sym + 'Service'])
    expect(catalog.services.get(ex + 'S3')!.types).toEqual([sym + 'Service'])
  })

  it('reads the minimal description: interface types are the rdf:types of the nodes', () => {
    const s1 = catalog.services.get(ex + 'S1')!
    expect(s1.requires.map(node => node.types)).toEqual([[ex + 'Car'], [ex + 'Person']])
    expect(s1.provides.map(node => node.types)).toEqual([[ex + 'Price']])
    expect(catalog.providersOf(ex + 'Price').map(node => node.service)).toEqual([ex + 'S1', ex + 'S4'])
    expect(catalog.consumersOf(ex + 'Automobile').map(node => node.id)).toEqual([ex + 'S1-requires-Car'])
  })

  it('keeps sym:Interface as the type of an interface node that states nothing else', () => {
    expect(catalog.services.get(ex + 'S3')!.provides[0]!.types).toEqual([sym + 'Interface'])
  })

  it('reads sub-properties and inverses of sym:provides (prp-spo1, prp-inv1)', () => {
    // A node a sub-property points to is named as a sym:provides node is; one reached only through an inverse stays blank.
    expect(catalog.services.get(ex + 'S4')!.provides.map(node => node.id)).toEqual([ex + 'S4-provides-Price'])
    expect(catalog.services.get(ex + 'S5')!.provides.map(node => [node.id, node.types])).toEqual([['_:fed', [ex + 'Feed']]])
  })
})
