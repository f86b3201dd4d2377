/**
 * Where issued invoices and credit notes are kept. Documents are only ever added, never
 * changed; the ledger refuses a second document with the same number.
 */
import { SymphonyError } from '../errors.js'
import type { IssuedInvoice } from './issued.js'

export interface InvoiceLedger {
  /** All documents, or a customer's, in number order. */
  list (filter?: { readonly customer?: string }): Promise<IssuedInvoice[]>
  get (number: string): Promise<IssuedInvoice | undefined>
  /** Adds a document; `CONFLICT` when its number exists. */
  add (document: IssuedInvoice): Promise<void>
}

/** A ledger in memory, for tests and one-off runs. */
export function memoryLedger (): InvoiceLedger {
  const documents = new Map<string, IssuedInvoice>()
  return {
    async list (filter = {}) {
      return [...documents.values()]
        .filter(d => filter.customer === undefined || d.customer.id === filter.customer)
        .sort((a, b) => a.number.localeCompare(b.number))
    },
    async get (number) {
      return documents.get(number)
    },
    async add (document) {
      if (documents.has(document.number)) throw alreadyIssued(document.number)
      documents.set(document.number, document)
    }
  }
}

/** `CONFLICT` for a number issued before: issued invoices never change. */
export function alreadyIssued (number: string): SymphonyError {
  return new SymphonyError('CONFLICT', {
    en: `${number} is issued already; issued invoices never change (correct one with a credit note)`,
    de: `${number} ist bereits ausgestellt; ausgestellte Rechnungen ändern sich nie (korrigieren Sie eine mit einer Gutschrift)`
  })
}
