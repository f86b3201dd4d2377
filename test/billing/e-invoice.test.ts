import { describe, expect, it } from 'vitest'
import { computeInvoice, creditNoteFor, issueInvoice, renderEInvoice, type IssuedInvoice } from '../../src/billing/index.js'
import { buyer, seller } from './e-invoice-fixtures.js'
import { PDFArray, PDFDict, PDFDocument, PDFName, PDFStream, StandardFonts } from '@cantoo/pdf-lib'
import { ciiNamespaces, ciiSchemaErrors, embeddedXml, ublNamespaces, xpathTexts } from './e-invoice-validation.js'
import { checkFacturXPdf } from './pdfa-structure.js'
import { invoiceRows } from '../../src/billing/e-invoice/render-pdf.js'
import { component, crmProvider, input, member, pbxProvider, subscription } from './fixtures.js'

function issued (): IssuedInvoice {
  const result = computeInvoice(input([subscription([
    member('pbx', pbxProvider, [component('seat', 'seats', '4.90'), component('setup', 'flat', '99.00', { period: 'once' })], { label: { en: 'Hosted PBX', de: 'Telefonanlage' } }),
    member('crm', crmProvider, [component('crm-seat', 'seats', '6.20')], { addedAt: '2026-12-10T00:00:00Z' })
  ])]))
  if (!result.ok) throw new Error(JSON.stringify(result.issues))
  return issueInvoice(result.invoice, { seller, buyer, issueDate: '2027-01-01' })
}

describe('e-invoices', () => {
  it('renders XRechnung CII that is valid against the EN 16931 CII schema, with the computed totals', async () => {
    const xml = await renderEInvoice(issued(), 'xrechnung-cii') as string
    expect(ciiSchemaErrors(xml)).toEqual([])
    const total = (name: string): string[] => xpathTexts(xml, `//ram:SpecifiedTradeSettlementHeaderMonetarySummation/ram:${name}`, ciiNamespaces)
    // PBX: 49.00 + 99.00 (19 %); CRM: 10 seats × 22 days × 6.20 / 31 = 44.00 (reverse charge)
    expect([total('LineTotalAmount'), total('TaxBasisTotalAmount'), total('GrandTotalAmount')]).toEqual([['192.00'], ['192.00'], ['220.12']])
    expect(xpathTexts(xml, '//ram:ApplicableHeaderTradeSettlement/ram:ApplicableTradeTax/ram:CategoryCode', ciiNamespaces)).toEqual(['AE', 'S'])
    expect(xpathTexts(xml, '//ram:IncludedSupplyChainTradeLineItem/ram:SpecifiedTradeProduct/ram:Name', ciiNamespaces)).toEqual([
      'crm – crm-seat', 'Hosted PBX – seat', 'Hosted PBX – setup'
    ])
  })

  it('refuses a schema-invalid document (the check is not vacuous)', async () => {
    const xml = await renderEInvoice(issued(), 'xrechnung-cii') as string
    const broken = xml.replace(/<ram:TypeCode>380<\/ram:TypeCode>/, '<ram:Unknown>380</ram:Unknown>')
    expect(broken).not.toBe(xml)
    expect(ciiSchemaErrors(broken).join('\n')).toMatch(/Unknown/)
  })

  it('renders XRechnung UBL with lines naming provider and component', async () => {
    const xml = await renderEInvoice(issued(), 'xrechnung-ubl') as string
    expect(xpathTexts(xml, '/ubl:Invoice/cbc:ID', ublNamespaces)).toEqual(['INV-2026-12-acme'])
    expect(xpathTexts(xml, '//cac:InvoiceLine/cbc:LineExtensionAmount', ublNamespaces)).toEqual(['44.00', '49.00', '99.00'])
    expect(xpathTexts(xml, "//cac:InvoiceLine/cac:Item/cac:AdditionalItemProperty[cbc:Name='Provider']/cbc:Value", ublNamespaces)).toEqual(['CRM GmbH', 'Tel AG', 'Tel AG'])
    expect(xpathTexts(xml, '//cac:LegalMonetaryTotal/cbc:PayableAmount', ublNamespaces)).toEqual(['220.12'])
  })

  it('renders a ZUGFeRD PDF whose embedded XML is valid CII', async () => {
    const pdf = await renderEInvoice(issued(), 'zugferd', 'de') as Uint8Array
    expect(new TextDecoder().decode(pdf.slice(0, 5))).toBe('%PDF-')
    const files = [...(await embeddedXml(pdf)).values()]
    expect(files).toHaveLength(1)
    expect(ciiSchemaErrors(files[0]!)).toEqual([])
    expect(xpathTexts(files[0]!, '//rsm:ExchangedDocument/ram:ID', ciiNamespaces)).toEqual(['INV-2026-12-acme'])
  })

  it('writes the visible PDF in the reader\'s words and number format, units by name and VAT by rate', () => {
    const german = invoiceRows(issued(), 'de').map(row => row.text)
    expect(german.filter(text => text.startsWith('  '))).toEqual([
      // A monthly price billed by the day is per the month's days
      '  2026-12-10 – 2026-12-31 · 220 Tage × 6,20 EUR je 31 Tage · USt 0 % · 44,00 EUR',
      '  2026-12-01 – 2026-12-31 · 10 Monate × 4,90 EUR · USt 19 % · 49,00 EUR',
      '  2026-12-01 – 2026-12-01 · 1 × 99,00 EUR · USt 19 % · 99,00 EUR'
    ])
    expect(german).toEqual(expect.arrayContaining([
      'USt 0 %: 44,00 EUR → 0,00 EUR (Steuerschuldnerschaft des Leistungsempfängers)',
      'Netto: 192,00 EUR · USt: 28,12 EUR · Gesamt: 220,12 EUR',
      'Tel AG: 148,00 EUR + 28,12 EUR = 176,12 EUR'
    ]))
    const english = invoiceRows(issued(), 'en').map(row => row.text)
    expect(english).toEqual(expect.arrayContaining([
      '  2026-12-10 – 2026-12-31 · 220 days × 6.20 EUR per 31 days · VAT 0% · 44.00 EUR',
      'VAT 0%: 44.00 EUR → 0.00 EUR (reverse charge: the recipient owes the VAT)'
    ]))
    // No unit or VAT category codes for a person to decode
    expect([...german, ...english].filter(text => /\b(DAY|MON|C62|AE)\b/.test(text))).toEqual([])
  })

  it('renders a ZUGFeRD PDF that has the structure PDF/A-3 and Factur-X ask for', async () => {
    for (const document of [issued(), creditNoteFor(issued(), { issueDate: '2027-01-05', reason: 'Seats were reported wrongly' })]) {
      for (const language of ['de', 'en'] as const) {
        const pdf = await renderEInvoice(document, 'zugferd', language) as Uint8Array
        expect(await checkFacturXPdf(pdf)).toEqual({ xmpIdentification: [], facturXSchema: [], embeddedXml: [], outputIntent: [], fonts: [], infoMatchesXmp: [] })
      }
    }
  }, 60_000)

  it('finds what a plain PDF lacks for PDF/A-3 (the structural check is not vacuous)', async () => {
    const plain = await PDFDocument.create()
    plain.setTitle('Invoice')
    plain.addPage().drawText('Invoice', { font: await plain.embedFont(StandardFonts.Helvetica) })
    const report = await checkFacturXPdf(await plain.save())
    expect(report.xmpIdentification).toEqual(['the catalog has no /Metadata stream', 'pdfaid:part is [], expected ["3"]', 'pdfaid:conformance is [], expected one of A, B, U'])
    expect(report.facturXSchema).toContain('fx:DocumentType is [], expected INVOICE')
    expect(report.embeddedXml).toEqual(['no embedded file named undefined (the XMP\'s fx:DocumentFileName); embedded: []'])
    expect(report.outputIntent).toEqual(['the catalog has no /OutputIntents'])
    expect(report.fonts).toEqual(['font /Helvetica has no font descriptor (not embedded)'])

    // A rendered PDF whose information dictionary and ICC profile stream were changed afterwards
    const changed = await PDFDocument.load(await renderEInvoice(issued(), 'zugferd') as Uint8Array, { updateMetadata: false })
    changed.setTitle('Another title')
    const intent = changed.catalog.lookup(PDFName.of('OutputIntents'), PDFArray).lookup(0, PDFDict)
    intent.lookup(PDFName.of('DestOutputProfile'), PDFStream).dict.delete(PDFName.of('N'))
    const changedReport = await checkFacturXPdf(await changed.save())
    expect(changedReport.infoMatchesXmp).toEqual(['the document information\'s /Title "Another title" differs from the XMP\'s ["Invoice INV-2026-12-acme dated 2027-01-01 issued by Symphony Marketplace GmbH"]'])
    expect(changedReport.outputIntent).toEqual(["the ICC profile stream's /N is missing, its colour space RGB has 3 components"])
  })

  it('renders a credit note that refers to the invoice it reverses', async () => {
    const invoice = issued()
    const note = creditNoteFor(invoice, { issueDate: '2027-01-05', reason: 'Seats were reported wrongly' })
    const xml = await renderEInvoice(note, 'xrechnung-cii') as string
    expect(ciiSchemaErrors(xml)).toEqual([])
    expect(xpathTexts(xml, '//rsm:ExchangedDocument/ram:TypeCode', ciiNamespaces)).toEqual(['381'])
    expect(xpathTexts(xml, '//rsm:ExchangedDocument/ram:IncludedNote/ram:Content', ciiNamespaces)).toEqual([
      'Corrects invoice INV-2026-12-acme of 2027-01-01. Seats were reported wrongly'
    ])
    const ubl = await renderEInvoice(note, 'xrechnung-ubl') as string
    expect(xpathTexts(ubl, '//cac:BillingReference/cac:InvoiceDocumentReference/cbc:ID', ublNamespaces)).toEqual(['INV-2026-12-acme'])
  })
})
