/**
 * Who is calling: the operator of the platform, a provider (its IRI, as in its descriptions'
 * `schema:provider`) or a customer (an IRI minted from its name). Every route that needs a
 * caller resolves one `Principal` from the bearer token, then checks role and ownership.
 */
import { SymphonyError } from '../errors.js'

export type Role = 'operator' | 'provider' | 'customer'

export type Principal =
  | { readonly role: 'operator', readonly id: string }
  | { readonly role: 'provider', readonly id: string }
  | { readonly role: 'customer', readonly id: string, readonly name: string }

/** The id of the (one) operator account. */
export const operatorId = 'operator'

/** Base of customer IRIs: `https://w3id.org/symphony/customer/<slug>`. */
export const customerBase = 'https://w3id.org/symphony/customer/'

/** The IRI of a customer named `name` ("Kanzlei Berg & Partner" → …/customer/kanzlei-berg-partner). */
export function customerIri (name: string): string {
  const slug = name.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').replace(/ß/g, 'ss')
    .toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '')
  if (slug === '') {
    throw new SymphonyError('BAD_REQUEST', {
      en: `"${name}" is not a usable customer name: it needs at least one letter or digit`,
      de: `"${name}" taugt nicht als Kundenname: er braucht mindestens einen Buchstaben oder eine Ziffer`
    })
  }
  return customerBase + slug
}

/** The role an account id stands for: `operator`, a customer IRI, or else a provider IRI. */
export function roleOfId (id: string): Role {
  if (id === operatorId) return 'operator'
  return id.startsWith(customerBase) ? 'customer' : 'provider'
}

/** May `principal` act on something owned by `owner` (a provider or customer IRI)? The operator may act on everything. */
export function mayActFor (principal: Principal, owner: string): boolean {
  return principal.role === 'operator' || principal.id === owner
}
