/** Which services a submission describes, and whether they all belong to the submitting provider. */
import type { Quad } from '@rdfjs/types'
import { SymphonyError } from '../errors.js'
import { terms } from '../rdf/index.js'

const serviceProperties = new Set<string>([terms.provides, terms.requires, terms.optionallyRequires])

/**
 * Subjects that are services: typed with a service type (`isServiceType`, i.e. ⊑ `sym:Service`
 * in the catalog's hierarchy, including classes the submission declares), or stating
 * `sym:provides` / `sym:requires` / `sym:optionallyRequires`.
 */
export function servicesIn (quads: readonly Quad[], isServiceType: (iri: string) => boolean): string[] {
  const services = new Set<string>()
  for (const q of quads) {
    if (q.subject.termType !== 'NamedNode' && q.subject.termType !== 'BlankNode') continue
    const subject = q.subject.termType === 'BlankNode' ? `_:${q.subject.value}` : q.subject.value
    if (serviceProperties.has(q.predicate.value)) services.add(subject)
    else if (q.predicate.value === terms.type && q.object.termType === 'NamedNode' && isServiceType(q.object.value)) services.add(subject)
  }
  return [...services].sort()
}

/** Throws FORBIDDEN unless every service states `schema:provider <provider>` and no other provider. */
export function checkOwnership (quads: readonly Quad[], services: readonly string[], provider: string): void {
  const providers = new Map<string, Set<string>>(services.map(s => [s, new Set()]))
  for (const q of quads) {
    if (q.predicate.value !== terms.provider) continue
    const subject = q.subject.termType === 'BlankNode' ? `_:${q.subject.value}` : q.subject.value
    providers.get(subject)?.add(q.object.value)
  }
  const foreign = [...providers].filter(([, stated]) => stated.size !== 1 || !stated.has(provider))
  if (foreign.length === 0) return
  const lines = (language: 'en' | 'de'): string => foreign.map(([service, stated]) => {
    const providers = [...stated].map(p => `<${p}>`).join(', ')
    if (language === 'de') return stated.size === 0 ? `${service} gibt kein schema:provider an` : `${service} hat schema:provider ${providers}`
    return stated.size === 0 ? `${service} states no schema:provider` : `${service} has schema:provider ${providers}`
  }).join('; ')
  throw new SymphonyError('FORBIDDEN', {
    en: `you publish as <${provider}> and may only describe your own services: ${lines('en')}; state schema:provider <${provider}> on each service`,
    de: `Sie veröffentlichen als <${provider}> und dürfen nur Ihre eigenen Dienste beschreiben: ${lines('de')}; geben Sie an jedem Dienst schema:provider <${provider}> an`
  }, { node: foreign[0]![0], details: { services: foreign.map(([service, stated]) => ({ service, providers: [...stated].sort() })) } })
}
