import { describe, expect, it } from 'vitest'
import { correctInvoice, memoryLedger, runBilling, type RunCustomer } from '../../src/billing/index.js'
import { buyer, seller } from './e-invoice-fixtures.js'
import { component, input, member, pbxProvider, subscription } from './fixtures.js'

function customers (seats: number): RunCustomer[] {
  return [{
    buyer,
    input: input([subscription([member('pbx', pbxProvider, [component('seat', 'seats', '4.90')])], { seats: [{ at: '2026-12-01T00:00:00Z', seats, concurrentSeats: 0 }] })])
  }]
}

describe('runBilling', () => {
  it('issues a period once: running it again returns the same invoice and issues no second one', async () => {
    const ledger = memoryLedger()
    const first = await runBilling(customers(10), { seller, ledger, issueDate: '2027-01-01' })
    const second = await runBilling(customers(10), { seller, ledger, issueDate: '2027-01-02' })
    expect(first.map(o => o.status)).toEqual(['issued'])
    expect(second.map(o => o.status)).toEqual(['unchanged'])
    expect(second[0]!.status !== 'empty' && second[0]!.status !== 'refused' ? second[0]!.invoice : undefined).toEqual(first[0]!.status === 'issued' ? first[0]!.invoice : undefined)
    expect((await ledger.list()).map(d => [d.number, d.issueDate])).toEqual([['INV-2026-12-acme', '2027-01-01']])
  })

  it('reports a changed period without touching the issued invoice; a credit note reverses it and the next run issues anew', async () => {
    const ledger = memoryLedger()
    await runBilling(customers(10), { seller, ledger, issueDate: '2027-01-01' })
    const changed = await runBilling(customers(12), { seller, ledger, issueDate: '2027-01-03' })
    expect(changed.map(o => o.status)).toEqual(['differs'])
    expect((await ledger.get('INV-2026-12-acme'))?.draft.net).toBe(4900)

    const note = await correctInvoice(ledger, 'INV-2026-12-acme', { issueDate: '2027-01-04', reason: 'Twelve seats from the start' })
    expect([note?.number, note?.kind, note?.corrects, note?.draft.net]).toEqual(['CN-2026-12-acme', 'creditNote', { number: 'INV-2026-12-acme', issueDate: '2027-01-01' }, 4900])
    const reissued = await runBilling(customers(12), { seller, ledger, issueDate: '2027-01-04' })
    expect(reissued.map(o => [o.status, o.status === 'issued' ? o.invoice.number : '', o.status === 'issued' ? o.invoice.draft.net : 0])).toEqual([['issued', 'INV-2026-12-acme-2', 5880]])
    expect((await ledger.list()).map(d => d.number)).toEqual(['CN-2026-12-acme', 'INV-2026-12-acme', 'INV-2026-12-acme-2'])
  })

  it('refuses to add a document whose number exists', async () => {
    const ledger = memoryLedger()
    const [outcome] = await runBilling(customers(10), { seller, ledger, issueDate: '2027-01-01' })
    await expect(ledger.add(outcome!.status === 'issued' ? outcome!.invoice : ({} as never))).rejects.toThrow(/issued already/)
  })

  it('issues nothing for a customer without charges in the period, and passes refusals on', async () => {
    const ledger = memoryLedger()
    const none = await runBilling([{ buyer, input: input([]) }], { seller, ledger, issueDate: '2027-01-01' })
    const refused = await runBilling([{ buyer, input: input([subscription([member('pbx', pbxProvider, [component('x', 'seats', '1', { currency: 'USD' })])])]) }], { seller, ledger, issueDate: '2027-01-01' })
    expect(none.map(o => o.status)).toEqual(['empty'])
    expect(refused.map(o => o.status === 'refused' ? o.issues.map(i => i.code) : [])).toEqual([['CURRENCY_WITHOUT_RATE']])
    expect(await ledger.list()).toEqual([])
  })
})
