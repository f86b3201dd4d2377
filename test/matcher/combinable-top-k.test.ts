/**
 * `combinableWith` ranks through the catalog's indexes and keeps only the k best (a bounded
 * heap), building links only for those: for every k its answer is exactly the first k of a full
 * ranking made the plain way — every pair of interfaces of X and of every other service graded
 * by `matchInterface`, then sorted — on generated catalogs, including interfaces with several
 * types, optional requirements, protocols, data formats, versions and equivalent classes.
 */
import { describe, expect, test } from 'vitest'
import { compileCatalog, type Catalog, type InterfaceNode, type Service } from '../../src/catalog/index.js'
import { combinableWith, degreeRank, effectiveTypes, matchInterface, type Combinable, type Link } from '../../src/matcher/index.js'
import { parseRdf } from '../../src/rdf/index.js'
import { TopK } from '../../src/matcher/top-k.js'
import { generateCatalog, random } from '../../bench/catalog-generator.js'

type MinDegree = 'exact' | 'plugin' | 'subsumes'

/** A link without its sentences: what the ranking decides. */
type PlainLink = Omit<Link, 'message' | 'messages'>
type PlainCombinable = Omit<Combinable, 'links'> & { links: PlainLink[] }

/** The answer without the links' sentences. */
function plain (answer: readonly Combinable[]): PlainCombinable[] {
  return answer.map(c => ({ ...c, links: c.links.map(({ message: _message, messages: _messages, ...link }) => link) }))
}

/** The full ranking by its definition: a scan over every service, every pair graded, all sorted. */
function fullRanking (catalog: Catalog, x: string, minDegree: MinDegree, includeOptional: boolean): PlainCombinable[] {
  const me = catalog.services.get(x)!
  const requirements = (service: Service): InterfaceNode[] => includeOptional ? [...service.requires, ...service.optionallyRequires] : [...service.requires]
  const ranked: PlainCombinable[] = []
  for (const other of catalog.services.values()) {
    if (other.id === x) continue
    const links: PlainLink[] = []
    const grade = (required: InterfaceNode, provided: InterfaceNode): void => {
      const match = matchInterface(required, provided, catalog.hierarchy)
      if (match.degree === 'fail' || degreeRank[match.degree] > degreeRank[minDegree]) return
      links.push({
        from: provided.service, to: required.service, provided: provided.id, required: required.id,
        optional: required.role === 'optionallyRequires', degree: match.degree, distance: match.distance, types: match.types
      })
    }
    for (const provided of me.provides) for (const required of requirements(other)) grade(required, provided)
    for (const required of requirements(me)) for (const provided of other.provides) grade(required, provided)
    if (links.length === 0) continue
    links.sort((a, b) => degreeRank[a.degree] - degreeRank[b.degree] || a.distance - b.distance ||
      byCodeUnits(a.from, b.from) || byCodeUnits(a.required, b.required) || byCodeUnits(a.provided, b.provided))
    const met = (required: InterfaceNode): boolean => links.some(link => link.required === required.id && (link.degree === 'exact' || link.degree === 'plugin'))
    ranked.push({
      service: other.id, degree: links[0]!.degree, distance: links[0]!.distance, mandatory: links.filter(link => !link.optional).length,
      unmet: other.requires.filter(required => !met(required)).length, links
    })
  }
  const distances = (c: PlainCombinable): number => c.links.reduce((sum, link) => sum + link.distance, 0)
  return ranked.sort((a, b) => degreeRank[a.degree] - degreeRank[b.degree] || a.distance - b.distance ||
    b.mandatory - a.mandatory || a.unmet - b.unmet || b.links.length - a.links.length || distances(a) - distances(b) || byCodeUnits(a.service, b.service))
}

function byCodeUnits (a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}

const sym = 'https://w3id.org/symphony/ontology#'
const ex = 'https://example.org/topk#'

/**
 * A small catalog where agreement beyond the classes matters: a class tree with two equivalent
 * classes, services whose interfaces state one, two or no types, optional requirements, and
 * protocols, data formats, versions and version ranges (a few of them invalid) on some interfaces.
 */
function agreementCatalog (services: number, seed: number): { turtle: string, services: string[] } {
  const next = random(seed)
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!
  const some = <T>(items: readonly T[]): T[] => items.filter(() => next() < 0.4)
  const lines = [`@prefix sym: <${sym}> .`, `@prefix ex: <${ex}> .`, '@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .', '@prefix owl: <http://www.w3.org/2002/07/owl#> .']
  const classes: string[] = []
  for (let i = 0; i < 14; i++) {
    classes.push(`ex:C${i}`)
    lines.push(`ex:C${i} rdfs:subClassOf ${i < 3 ? 'sym:Interface' : pick(classes.slice(0, -1))} .`)
  }
  lines.push('ex:Same4 owl:equivalentClass ex:C4 .', 'ex:Same9 owl:equivalentClass ex:C9 .')
  classes.push('ex:Same4', 'ex:Same9')
  const protocols = ['ex:Rest', 'ex:Soap', 'ex:Grpc']
  const formats = ['ex:Json', 'ex:Xml']
  const versions = ['"1.2.0"', '"2.0.1"', '"3.1"', '"not a version"']
  const ranges = ['"^1.0.0"', '">=2.0.0"', '"~3.1.0"', '"1.x || 3.x"', '"no such range ~~"']
  const ids: string[] = []
  let node = 0
  const iface = (role: 'provides' | 'requires' | 'optionallyRequires'): string => {
    const id = `_:n${node++}`
    const roll = next()
    const types = roll < 0.05 ? [] : roll < 0.25 ? [pick(classes), pick(classes)] : [pick(classes)]
    const facts = types.map(type => `${id} a ${type} .`)
    if (next() < 0.3) for (const protocol of some(protocols)) facts.push(`${id} sym:protocol ${protocol} .`)
    if (next() < 0.2) for (const format of some(formats)) facts.push(`${id} sym:dataFormat ${format} .`)
    if (next() < 0.3) facts.push(`${id} ${role === 'provides' ? 'sym:version' : 'sym:versionRange'} ${role === 'provides' ? pick(versions) : pick(ranges)} .`)
    lines.push(...facts)
    return id
  }
  for (let i = 0; i < services; i++) {
    const service = `ex:S${i}`
    ids.push(`${ex}S${i}`)
    lines.push(`${service} a sym:Service .`)
    for (const role of ['provides', 'requires', 'optionallyRequires'] as const) {
      const count = Math.floor(next() * (role === 'optionallyRequires' ? 2 : 4))
      for (let k = 0; k < count; k++) lines.push(`${service} sym:${role} ${iface(role)} .`)
    }
  }
  return { turtle: lines.join('\n') + '\n', services: ids }
}

/** For each X and option set: no limit gives the full ranking, and every limit k its first k. */
function expectTopKAgrees (catalog: Catalog, xs: readonly string[], includeOptionals: readonly boolean[]): number[] {
  const lengths: number[] = []
  for (const x of xs) {
    for (const minDegree of ['exact', 'plugin', 'subsumes'] as const) {
      for (const includeOptional of includeOptionals) {
        const full = fullRanking(catalog, x, minDegree, includeOptional)
        lengths.push(full.length)
        expect(plain(combinableWith(catalog, x, { minDegree, includeOptional }))).toEqual(full)
        for (let k = 1; k <= full.length + 1; k++) {
          expect(plain(combinableWith(catalog, x, { minDegree, includeOptional, limit: k }))).toEqual(full.slice(0, k))
        }
      }
    }
  }
  return lengths
}

describe('combinableWith with limit', () => {
  test.each([7, 19])('equals the full ranking cut at k, for every k (seed %i)', async seed => {
    const generated = generateCatalog(150, { classes: 12, seed })
    const catalog = compileCatalog(await parseRdf(generated.ntriples, { format: 'n-triples' }))
    const lengths = expectTopKAgrees(catalog, generated.services.slice(0, 6), [true])
    // The catalogs are dense enough that the cut falls inside long rankings.
    expect(Math.max(...lengths)).toBeGreaterThanOrEqual(20)
  }, 120_000)

  test.each([3, 11, 23])('equals the full ranking with several types, optional requirements, protocols, formats and versions (seed %i)', async seed => {
    const generated = agreementCatalog(90, seed)
    const catalog = compileCatalog(await parseRdf(generated.turtle, { format: 'turtle' }))
    const nodes = [...catalog.services.values()].flatMap(service => [...service.provides, ...service.requires, ...service.optionallyRequires])
    // The generator made what the ranking must get right.
    expect(nodes.some(node => node.types.length > 1)).toBe(true)
    expect(nodes.some(node => node.role === 'optionallyRequires')).toBe(true)
    const xs = generated.services.filter((_, i) => i % 9 === 0)
    // Some links fail only on protocol, format or version: the ranking must leave them out.
    const refused = xs.some(x => [...catalog.services.values()].some(other => other.id !== x &&
      catalog.services.get(x)!.provides.some(provided => [...other.requires, ...other.optionallyRequires].some(required => {
        const match = matchInterface(required, provided, catalog.hierarchy)
        return match.typeDegree !== 'fail' && match.degree === 'fail'
      }))))
    expect(refused).toBe(true)
    const lengths = expectTopKAgrees(catalog, xs, [true, false])
    expect(Math.max(...lengths)).toBeGreaterThanOrEqual(15)
  }, 120_000)

  test('the heap keeps the k best of any stream in order, ties included', () => {
    const next = random(3)
    for (let round = 0; round < 200; round++) {
      const items = Array.from({ length: Math.floor(next() * 40) }, (_, i) => ({ key: Math.floor(next() * 8), i }))
      const compare = (a: { key: number, i: number }, b: { key: number, i: number }): number => a.key - b.key || a.i - b.i
      const k = 1 + Math.floor(next() * 12)
      const top = new TopK(k, compare)
      for (const item of items) top.push(item)
      expect(top.sorted()).toEqual([...items].sort(compare).slice(0, k))
    }
  })
})

describe('combinableWith per catalog version', () => {
  /** The catalog, counting how often its per-class interface lists are asked for. */
  function counting (catalog: Catalog): { catalog: Catalog, lookups: () => number } {
    let lookups = 0
    const counted: Catalog = {
      ...catalog,
      interfacesTyped: (type, role) => { lookups++; return catalog.interfacesTyped(type, role) },
      providersOf: type => { lookups++; return catalog.providersOf(type) },
      consumersOf: type => { lookups++; return catalog.consumersOf(type) }
    }
    return { catalog: counted, lookups: () => lookups }
  }

  test('reads the interfaces per class once per catalog, whatever the limit or degree asked', async () => {
    const generated = generateCatalog(150, { classes: 12, seed: 5 })
    const { catalog, lookups } = counting(compileCatalog(await parseRdf(generated.ntriples, { format: 'n-triples' })))
    const x = generated.services[0]!
    const first = combinableWith(catalog, x, { limit: 3 })
    const afterFirst = lookups()
    // One read per class and role X's interfaces can link through (the default minDegree,
    // subsumes, reaches both ways): for each type X provides, the requirements stating any of its
    // superclasses or subclasses; for each requirement (optional ones too) by its first effective
    // type, the provided interfaces stating any of its subclasses or superclasses.
    const { hierarchy } = catalog
    const service = catalog.services.get(x)!
    const related = (type: string) => [...hierarchy.superClasses(type), ...hierarchy.subClasses(type)]
    const requirementClasses = new Set(service.provides.flatMap(node => node.types.flatMap(related)))
    const providedClasses = new Set([...service.requires, ...service.optionallyRequires].flatMap(node => {
      const first = effectiveTypes(node.types, hierarchy)[0]
      return first === undefined ? [] : related(first)
    }))
    expect(afterFirst).toBe(requirementClasses.size + providedClasses.size)
    expect(combinableWith(catalog, x, { limit: 10 }).slice(0, 3)).toEqual(first)
    combinableWith(catalog, x, { minDegree: 'plugin', limit: 5 })
    expect(lookups()).toBe(afterFirst)
  })

  test('a new catalog version is ranked on its own interfaces', async () => {
    const base = agreementCatalog(30, 8)
    const before = compileCatalog(await parseRdf(base.turtle, { format: 'turtle' }))
    const x = base.services.find(id => combinableWith(before, id).length > 0 && before.services.get(id)!.provides.some(node => node.types.length === 1))!
    const type = before.services.get(x)!.provides.find(node => node.types.length === 1)!.types[0]!
    const newcomer = `${ex}Newcomer`
    const after = compileCatalog(await parseRdf(base.turtle + `<${newcomer}> a sym:Service ; sym:requires [ a <${type}> ] .\n`, { format: 'turtle' }))
    expect(combinableWith(before, x).map(c => c.service)).not.toContain(newcomer)
    expect(plain(combinableWith(after, x))).toEqual(fullRanking(after, x, 'subsumes', true))
    expect(combinableWith(after, x).map(c => c.service)).toContain(newcomer)
  })
})
