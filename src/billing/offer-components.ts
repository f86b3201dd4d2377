/**
 * Billing components from the catalog's price model: each component of an offer as the
 * vocabulary declares it (what it is counted by, how often it is charged). Components the
 * vocabulary does not declare, charged over several months, or whose price is no non-negative
 * number, cannot be billed monthly and are returned apart so the caller can name them.
 */
import { offerPriceModels, type Catalog, type PriceModelComponent } from '../catalog/index.js'
import type { ChargePeriod, PriceComponentInput } from './types.js'

/** The offer's components as billing input (ids: offer IRI + `#` + component IRI), and those that cannot be billed. */
export function offerComponents (catalog: Pick<Catalog, 'services'>, service: string, offer: string): { components: PriceComponentInput[], unbillable: string[] } {
  const model = offerPriceModels(catalog, service).find(o => o.offer === offer)
  const components: PriceComponentInput[] = []
  const unbillable: string[] = []
  for (const c of model?.components ?? []) {
    const period = chargePeriod(c)
    if (c.countedBy === null || period === undefined || c.unreadable === true) {
      unbillable.push(c.component)
      continue
    }
    components.push({
      id: `${offer}#${c.component}`,
      component: c.component,
      ...(Object.keys(c.label).length === 0 ? {} : { label: c.label }),
      countedBy: c.countedBy,
      period,
      unitPrice: c.amount,
      currency: c.currency
    })
  }
  return { components, unbillable }
}

function chargePeriod (c: PriceModelComponent): ChargePeriod | undefined {
  if (!c.declared) return undefined
  if (c.periodMonths === 1) return 'month'
  if (c.periodMonths === null) return 'once'
  return undefined
}
