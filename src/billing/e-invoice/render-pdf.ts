/**
 * The human-readable PDF of an invoice (German or English): parties, one row per line with
 * provider and component, VAT breakdown, totals, and each provider's share. ZUGFeRD embeds
 * the EN 16931 XML into this PDF.
 */
import { readFile } from 'node:fs/promises'
import { createRequire } from 'node:module'
import fontkit from '@cantoo/fontkit'
import { PDFDocument, type PDFFont, type PDFPage } from '@cantoo/pdf-lib'
import { formatMinor } from '../decimal.js'
import type { IssuedInvoice } from '../issued.js'
import { itemName } from './to-ubl.js'
import { invoiceTexts, type InvoiceLanguage } from './texts.js'

/** DejaVu Sans (regular, bold) from the dejavu-fonts-ttf package: PDF/A needs every font embedded. */
const fontFiles = { regular: 'dejavu-fonts-ttf/ttf/DejaVuSans.ttf', bold: 'dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf' } as const
const require = createRequire(import.meta.url)
let fontBytes: Promise<{ regular: Uint8Array, bold: Uint8Array }> | undefined

function loadFonts (): Promise<{ regular: Uint8Array, bold: Uint8Array }> {
  fontBytes ??= (async () => ({
    regular: await readFile(require.resolve(fontFiles.regular)),
    bold: await readFile(require.resolve(fontFiles.bold))
  }))()
  return fontBytes
}

const pageSize: [number, number] = [595.28, 841.89]
const margin = 48

/** Renders the invoice as a plain PDF (no e-invoice attached yet). */
export async function renderInvoicePdf (issued: IssuedInvoice, language: InvoiceLanguage): Promise<Uint8Array> {
  const t = invoiceTexts[language]
  const pdf = await PDFDocument.create()
  pdf.setTitle(`${t.title[issued.kind]} ${issued.number}`)
  pdf.setLanguage(language)
  pdf.registerFontkit(fontkit)
  const bytes = await loadFonts()
  const font = await pdf.embedFont(bytes.regular, { subset: true })
  const bold = await pdf.embedFont(bytes.bold, { subset: true })
  const writer = new Writer(pdf, font, bold)
  const { draft, seller, customer, buyer } = issued
  const money = (minor: number): string => `${formatMinor(minor, draft.minorDigits)} ${draft.currency}`

  writer.text(`${t.title[issued.kind]} ${issued.number}`, { size: 16, bold: true })
  writer.text(`${t.issued}: ${issued.issueDate} · ${t.due}: ${issued.dueDate} · ${t.period}: ${draft.period.start} – ${lastDay(draft.period.end)}`)
  if (issued.corrects !== undefined) writer.text(`${t.corrects}: ${issued.corrects.number} (${issued.corrects.issueDate})`)
  if (issued.reason !== undefined) writer.text(`${t.reason}: ${issued.reason}`)
  writer.gap()
  writer.text(`${t.seller}: ${seller.name}, ${seller.address.street}, ${seller.address.postcode} ${seller.address.city}, ${seller.address.country} · ${t.vatId} ${seller.vatId}`)
  writer.text(`${t.buyer}: ${customer.name}, ${buyer.address.street}, ${buyer.address.postcode} ${buyer.address.city}, ${buyer.address.country}${customer.vatId === undefined ? '' : ` · ${t.vatId} ${customer.vatId}`}`)
  writer.gap()
  writer.text(t.lines, { bold: true })
  for (const line of draft.lines) {
    writer.text(`${itemName(line, language)} · ${line.providerName}`, { bold: true, size: 9 })
    writer.text(`  ${line.from} – ${line.until} · ${line.quantity} ${line.unit} × ${line.unitPrice}${line.baseQuantity === 1 ? '' : ` / ${line.baseQuantity}`} · ${t.vat} ${line.vat.category} ${line.vat.rate} % · ${money(line.net)}`, { size: 9 })
  }
  writer.gap()
  for (const group of draft.vat) {
    writer.text(`${t.vat} ${group.category} ${group.rate} %: ${money(group.taxable)} → ${money(group.tax)}${group.category === 'AE' ? ` (${t.reverseCharge})` : ''}`)
  }
  writer.text(`${t.net}: ${money(draft.net)} · ${t.vat}: ${money(draft.tax)} · ${t.gross}: ${money(draft.gross)}`, { bold: true })
  writer.gap()
  writer.text(t.shares, { bold: true })
  for (const share of draft.shares) writer.text(`${share.name}: ${money(share.net)} + ${money(share.tax)} = ${money(share.gross)}`, { size: 9 })
  writer.gap()
  writer.text(`${t.payTo}: ${seller.iban}${seller.bic === undefined ? '' : ` (${seller.bic})`} · ${t.paymentReference}: ${issued.number}`)
  return await pdf.save()
}

class Writer {
  private page: PDFPage
  private y: number
  constructor (private readonly pdf: PDFDocument, private readonly font: PDFFont, private readonly bold: PDFFont) {
    this.page = pdf.addPage(pageSize)
    this.y = pageSize[1] - margin
  }

  text (value: string, options: { size?: number, bold?: boolean } = {}): void {
    const size = options.size ?? 10
    const font = options.bold === true ? this.bold : this.font
    for (const row of wrap(encodable(value, font), font, size, pageSize[0] - 2 * margin)) {
      if (this.y < margin + size) {
        this.page = this.pdf.addPage(pageSize)
        this.y = pageSize[1] - margin
      }
      this.page.drawText(row, { x: margin, y: this.y, size, font })
      this.y -= size * 1.4
    }
  }

  gap (): void {
    this.y -= 8
  }
}

/** Characters the font has no glyph for are replaced by `?`. */
function encodable (value: string, font: PDFFont): string {
  const supported = new Set(font.getCharacterSet())
  return [...value].map(c => (supported.has(c.codePointAt(0)!) ? c : '?')).join('')
}

function wrap (value: string, font: PDFFont, size: number, width: number): string[] {
  const rows: string[] = []
  let row = ''
  for (const word of value.split(' ')) {
    const candidate = row === '' ? word : `${row} ${word}`
    if (row !== '' && font.widthOfTextAtSize(candidate, size) > width) {
      rows.push(row)
      row = word
    } else {
      row = candidate
    }
  }
  rows.push(row)
  return rows
}

function lastDay (end: string): string {
  return new Date(Date.parse(`${end}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10)
}
