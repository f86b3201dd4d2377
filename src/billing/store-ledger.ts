/**
 * The ledger in the store's operations graphs: one named graph per document under
 * `<operations>invoices/`, written once (all or nothing, durable) and never rewritten.
 */
import { graphs } from '../project.js'
import type { Store } from '../store/index.js'
import type { IssuedInvoice } from './issued.js'
import { alreadyIssued, type InvoiceLedger } from './ledger.js'
import { invoiceFromQuads, invoiceToQuads } from './to-rdf.js'

/** Where the invoices live: every graph below it holds one document. */
export const invoiceGraphBase = `${graphs.operations}invoices/`

/** The graph of a document number. */
export function invoiceGraph (number: string): string {
  return invoiceGraphBase + encodeURIComponent(number)
}

/** A ledger kept in `store`; writes are serialised so two runs cannot issue the same number. */
export function storeLedger (store: Store): InvoiceLedger {
  let queue: Promise<unknown> = Promise.resolve()
  const get = async (number: string): Promise<IssuedInvoice | undefined> => invoiceFromQuads(await store.graph(invoiceGraph(number)))
  return {
    async list (filter = {}) {
      const names = (await store.graphs()).map(g => g.graph).filter(g => g.startsWith(invoiceGraphBase)).sort()
      const documents: IssuedInvoice[] = []
      for (const name of names) {
        const document = invoiceFromQuads(await store.graph(name))
        if (document !== undefined && (filter.customer === undefined || document.customer.id === filter.customer)) documents.push(document)
      }
      return documents.sort((a, b) => a.number.localeCompare(b.number))
    },
    get,
    async add (document) {
      const write = queue.then(async () => {
        if (await get(document.number) !== undefined) {
          throw alreadyIssued(document.number)
        }
        await store.putGraphs([{ graph: invoiceGraph(document.number), quads: invoiceToQuads(document, invoiceGraph(document.number)) }], { durable: true })
      })
      queue = write.catch(() => {})
      await write
    }
  }
}
