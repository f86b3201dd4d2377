/** The links inside a given set of services: for each requirement, the member that satisfies it best. */
import type { Catalog } from '../catalog/index.js'
import { bestProvider, compareMatches } from './best-provider.js'
import { requireService } from './request.js'
import type { InterfaceMatch } from './types.js'

/** One link between two members of a bundle. */
export interface BundleMemberLink {
  /** The providing member. */
  readonly from: string
  /** The requiring member. */
  readonly to: string
  /** The requirement's interface node and types. */
  readonly requirement: string
  readonly interfaceTypes: readonly string[]
  readonly provided: string
  readonly degree: 'exact' | 'plugin'
  readonly optional: boolean
}

/**
 * Wires a set of services: every requirement (mandatory or optional) of a member that another
 * member satisfies with `exact` or `plugin` is linked to the member that satisfies it best.
 * Throws `UNKNOWN_SERVICE` for an IRI not in the catalog.
 *
 * @example bundleLinks(catalog, [ex + 'AcmePBX', ex + 'AcmeCRM']) // [{ from: AcmePBX, to: AcmeCRM, … }]
 */
export function bundleLinks (catalog: Catalog, members: readonly string[]): BundleMemberLink[] {
  const services = members.map(iri => requireService(catalog, iri))
  const links: BundleMemberLink[] = []
  for (const consumer of services) {
    for (const required of [...consumer.requires, ...consumer.optionallyRequires]) {
      let best: { from: string, match: InterfaceMatch } | undefined
      for (const provider of services) {
        if (provider === consumer) continue
        const result = bestProvider(required, provider.provides, catalog.hierarchy, provider.id)
        if (result.match === undefined || (result.degree !== 'exact' && result.degree !== 'plugin')) continue
        if (best === undefined || compareMatches(result.match, best.match) < 0) best = { from: provider.id, match: result.match }
      }
      if (best === undefined) continue
      links.push({
        from: best.from,
        to: consumer.id,
        requirement: required.id,
        interfaceTypes: required.types,
        provided: best.match.provided,
        degree: best.match.degree as 'exact' | 'plugin',
        optional: required.role === 'optionallyRequires'
      })
    }
  }
  return links
}
