/**
 * An invoice once issued: a computed draft with a number, dates and the parties' full
 * details. Issued invoices never change; a correction is a credit note that refers to the
 * invoice it corrects and reverses it.
 */
import type { InvoiceDraft, PartyInput } from './types.js'

/** A postal address (EN 16931 BG-5 / BG-8). */
export interface PostalAddress {
  readonly street: string
  readonly city: string
  readonly postcode: string
  /** ISO 3166-1 alpha-2. */
  readonly country: string
}

/** The platform operator, who issues the invoices in the name of the providers and is paid. */
export interface SellerDetails {
  readonly name: string
  readonly vatId: string
  readonly address: PostalAddress
  readonly contactName: string
  readonly phone: string
  readonly email: string
  /** IBAN the customer pays to (credit transfer). */
  readonly iban: string
  readonly bic?: string
}

/** What an invoice needs to know about the customer beyond `PartyInput`. */
export interface BuyerDetails {
  readonly address: PostalAddress
  readonly email: string
  /** The customer's own reference for its invoices (XRechnung's Leitweg-ID or a purchase reference); default: the customer id. */
  readonly reference?: string
}

export type IssuedKind = 'invoice' | 'creditNote'

/** An issued invoice or credit note; `draft` holds the lines and totals (positive amounts in both kinds). */
export interface IssuedInvoice {
  /** IRI of the document. */
  readonly id: string
  readonly number: string
  readonly kind: IssuedKind
  readonly issueDate: string
  readonly dueDate: string
  readonly customer: PartyInput
  readonly buyer: BuyerDetails
  readonly seller: SellerDetails
  readonly draft: InvoiceDraft
  /** For a credit note: the number and issue date of the invoice it corrects. */
  readonly corrects?: { readonly number: string, readonly issueDate: string }
  /** Why a credit note was issued. */
  readonly reason?: string
  /** SHA-256 of the draft's canonical JSON: the same period computed again must give the same digest. */
  readonly digest: string
}
