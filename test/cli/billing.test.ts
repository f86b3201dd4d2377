/**
 * `symphony billing`, `symphony invoices` and `symphony credit-note` against a running server
 * with real provider adapters: a booked bundle is billed once, listed, downloaded in every
 * format (the e-invoices validated), and reversed with a credit note.
 */
import { readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { seller } from '../billing/e-invoice-fixtures.js'
import { ciiNamespaces, ciiSchemaErrors, embeddedXml, xpathTexts } from '../billing/e-invoice-validation.js'
import { openHarness, settled, t } from '../operations/harness.js'
import type { Harness } from '../operations/harness.js'
import { runCli, temporaryFolder } from './run-cli.js'

describe('symphony billing / invoices / credit-note on a running server', () => {
  let h: Harness
  let folder: { path: string, remove: () => Promise<void> }
  let period: string
  let number: string
  const as = (token: string): string[] => ['--api', h.url, '--token', token]

  beforeAll(async () => {
    h = await openHarness()
    folder = await temporaryFolder()
    const placed = await h.call('POST', '/orders', 'symp_customer-a', { request: h.request, services: ['AlphaPBX', 'BetaCRM', 'GammaArchive'].map(s => t + s), seats: 3 })
    expect((await settled(h, placed.body.id)).state).toBe('completed')
    const [subscription] = (await h.call('GET', '/subscriptions', 'symp_customer-a')).body as Array<{ startedAt: string }>
    period = subscription!.startedAt.slice(0, 7)
    await writeFile(join(folder.path, 'settings.json'), JSON.stringify({ seller, currency: 'EUR' }))
    await writeFile(join(folder.path, 'profile.json'), JSON.stringify({ name: 'Kanzlei Weber', country: 'DE', vatId: 'DE999999999', business: true, address: { street: 'Markt 2', city: 'Bonn', postcode: '53111', country: 'DE' }, email: 'rechnung@weber.example' }))
  }, 120_000)
  afterAll(async () => {
    await h.close()
    await folder.remove()
  })

  it('refuses a run without a period and names the missing option', async () => {
    const run = await runCli(['billing', 'run', ...as('symp_operator')])
    expect([run.code, run.stderr.trim()]).toEqual([2, 'symphony: --period <YYYY-MM> is required, e.g. --period 2026-12'])
  })

  it('bills the month once: the same invoice again, never a second one', async () => {
    const settings = await runCli(['billing', 'settings', '--set', join(folder.path, 'settings.json'), ...as('symp_operator')], { cwd: folder.path })
    expect([settings.code, JSON.parse(settings.stdout)]).toEqual([0, { seller, currency: 'EUR' }])
    const profile = await runCli(['billing', 'profile', '--set', 'profile.json', ...as('symp_customer-a')], { cwd: folder.path })
    expect([profile.code, JSON.parse(profile.stdout).name]).toEqual([0, 'Kanzlei Weber'])

    const first = await runCli(['billing', 'run', '--period', period, ...as('symp_operator')])
    expect(first.code, first.stderr).toBe(0)
    const answer = JSON.parse(first.stdout)
    expect(answer.outcomes.map((o: { status: string }) => o.status)).toEqual(['issued'])
    number = answer.outcomes[0].invoice.number
    expect(number).toBe(`INV-${period}-kanzlei-weber`)
    const again = await runCli(['billing', 'run', '--period', period, '--format', 'text', ...as('symp_operator')])
    expect(again.code).toBe(0)
    expect(again.stdout).toMatch(new RegExp(`^unchanged  https://w3id.org/symphony/customer/kanzlei-weber  ${number}  gross €\\d+\\.\\d\\d\\n$`))
    expect((await runCli(['billing', 'run', '--period', period, ...as('symp_customer-a')])).stderr).toContain('403')
  }, 120_000)

  it('lists and shows the invoice, and writes XRechnung CII and UBL and the ZUGFeRD PDF that validate', async () => {
    const list = await runCli(['invoices', 'list', ...as('symp_customer-a')])
    expect(JSON.parse(list.stdout).map((i: { number: string, kind: string }) => [i.number, i.kind])).toEqual([[number, 'invoice']])
    const json = JSON.parse((await runCli(['invoices', 'show', number, ...as('symp_customer-a')])).stdout)
    const providers = [...new Set((json.draft.lines as Array<{ provider: string }>).map(line => line.provider))].sort()
    expect(providers).toEqual([`${t}Alpha`, `${t}Beta`, `${t}Gamma`])
    expect((await runCli(['invoices', 'show', number, '--format', 'ttl', ...as('symp_customer-a')])).stdout).toContain('schema:Invoice')

    const cii = await runCli(['invoices', 'show', number, '--format', 'cii', ...as('symp_customer-a')])
    expect(ciiSchemaErrors(cii.stdout)).toEqual([])
    expect(xpathTexts(cii.stdout, '//rsm:ExchangedDocument/ram:ID', ciiNamespaces)).toEqual([number])
    const ubl = await runCli(['invoices', 'show', number, '--format', 'ubl', '--output', 'invoice.xml', ...as('symp_customer-a')], { cwd: folder.path })
    expect([ubl.code, ubl.stderr]).toEqual([0, `wrote ${number} as ubl to invoice.xml\n`])
    expect(xpathTexts(await readFile(join(folder.path, 'invoice.xml'), 'utf8'), '/ubl:Invoice/cbc:ID', { ubl: 'urn:oasis:names:specification:ubl:schema:xsd:Invoice-2', cbc: 'urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2' })).toEqual([number])
    const pdf = await runCli(['invoices', 'show', number, '--format', 'pdf', '--lang', 'de', '-o', 'invoice.pdf', ...as('symp_customer-a')], { cwd: folder.path })
    expect(pdf.code, pdf.stderr).toBe(0)
    const embedded = [...(await embeddedXml(new Uint8Array(await readFile(join(folder.path, 'invoice.pdf'))))).values()]
    expect(embedded.map(ciiSchemaErrors)).toEqual([[]])
    expect(embedded).toEqual([cii.stdout])

    const noFile = await runCli(['invoices', 'show', number, '--format', 'pdf', ...as('symp_customer-a')])
    expect([noFile.code, noFile.stderr.trim()]).toEqual([2, 'symphony: a PDF is written to a file: add --output <file.pdf>'])
    // Another customer's invoice reads as one that does not exist.
    const foreign = await runCli(['invoices', 'show', number, ...as('symp_customer-b')])
    expect([foreign.stderr.includes('404'), foreign.stderr.includes(`no invoice ${number}`)]).toEqual([true, true])
  }, 120_000)

  it('reverses the invoice with a credit note; the next run issues the month anew', async () => {
    const note = await runCli(['credit-note', number, '--reason', 'Seats counted from the wrong day', ...as('symp_operator')])
    expect(note.code, note.stderr).toBe(0)
    expect([JSON.parse(note.stdout).number, JSON.parse(note.stdout).corrects]).toEqual([`CN-${period}-kanzlei-weber`, number])
    const rerun = await runCli(['billing', 'run', '--period', period, ...as('symp_operator')])
    expect(JSON.parse(rerun.stdout).outcomes.map((o: { status: string, invoice: { number: string } }) => [o.status, o.invoice.number])).toEqual([['issued', `${number}-2`]])
  }, 120_000)
})
