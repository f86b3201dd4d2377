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

/** One row of the visible invoice: its text, and whether it is bold and at which size (10 by default). */
export interface InvoiceRow {
  readonly text: string
  readonly size?: number
  readonly bold?: boolean
  /** Space before the row. */
  readonly gap?: boolean
}

/**
 * The rows of the visible invoice in `language`: amounts, quantities and rates in its number
 * format (`1.234,50 EUR` in German), units by name (`Tage`), VAT by its rate.
 */
export function invoiceRows (issued: IssuedInvoice, language: InvoiceLanguage): InvoiceRow[] {
  const t = invoiceTexts[language]
  const { draft, seller, customer, buyer } = issued
  const number = (text: string): string => localDecimal(text, language)
  const money = (minor: number): string => `${number(formatMinor(minor, draft.minorDigits))} ${draft.currency}`
  const amount = (quantity: string, unit: string): string => {
    const name = unitName(unit, quantity, language)
    return name === '' ? number(quantity) : `${number(quantity)} ${name}`
  }
  const rate = (value: string): string => language === 'de' ? `${number(value)} %` : `${number(value)}%`
  const rows: InvoiceRow[] = [
    { text: `${t.title[issued.kind]} ${issued.number}`, size: 16, bold: true },
    { text: `${t.issued}: ${issued.issueDate} · ${t.due}: ${issued.dueDate} · ${t.period}: ${draft.period.start} – ${lastDay(draft.period.end)}` }
  ]
  if (issued.corrects !== undefined) rows.push({ text: `${t.corrects}: ${issued.corrects.number} (${issued.corrects.issueDate})` })
  if (issued.reason !== undefined) rows.push({ text: `${t.reason}: ${issued.reason}` })
  rows.push(
    { text: `${t.seller}: ${seller.name}, ${seller.address.street}, ${seller.address.postcode} ${seller.address.city}, ${seller.address.country} · ${t.vatId} ${seller.vatId}`, gap: true },
    { text: `${t.buyer}: ${customer.name}, ${buyer.address.street}, ${buyer.address.postcode} ${buyer.address.city}, ${buyer.address.country}${customer.vatId === undefined ? '' : ` · ${t.vatId} ${customer.vatId}`}` },
    { text: t.lines, bold: true, gap: true })
  for (const line of draft.lines) {
    // The unit price is per its base quantity: a monthly price billed by the day is per the month's days.
    const per = line.baseQuantity === 1 ? '' : ` ${t.per} ${amount(String(line.baseQuantity), line.unit)}`
    rows.push(
      { text: `${itemName(line, language)} · ${line.providerName}`, bold: true, size: 9 },
      { text: `  ${line.from} – ${line.until} · ${amount(line.quantity, line.unit)} × ${number(line.unitPrice)} ${draft.currency}${per} · ${t.vat} ${rate(line.vat.rate)} · ${money(line.net)}`, size: 9 })
  }
  draft.vat.forEach((group, n) => rows.push({ text: `${t.vat} ${rate(group.rate)}: ${money(group.taxable)} → ${money(group.tax)}${group.category === 'AE' ? ` (${t.reverseCharge})` : ''}`, gap: n === 0 }))
  rows.push(
    { text: `${t.net}: ${money(draft.net)} · ${t.vat}: ${money(draft.tax)} · ${t.gross}: ${money(draft.gross)}`, bold: true },
    { text: t.shares, bold: true, gap: true },
    ...draft.shares.map(share => ({ text: `${share.name}: ${money(share.net)} + ${money(share.tax)} = ${money(share.gross)}`, size: 9 })),
    { text: `${t.payTo}: ${seller.iban}${seller.bic === undefined ? '' : ` (${seller.bic})`} · ${t.paymentReference}: ${issued.number}`, gap: true })
  return rows
}

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
  for (const row of invoiceRows(issued, language)) {
    if (row.gap === true) writer.gap()
    writer.text(row.text, { ...(row.size === undefined ? {} : { size: row.size }), ...(row.bold === undefined ? {} : { bold: row.bold }) })
  }
  return await pdf.save()
}

/** Decimal text in the language's number format, exactly as written: `1234.5` is `1,234.5` in English, `1.234,5` in German. */
function localDecimal (text: string, language: InvoiceLanguage): string {
  const [whole = '', fraction] = text.replace(/^-/, '').split('.')
  const [group, point] = language === 'de' ? ['.', ','] : [',', '.']
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, group)
  return `${text.startsWith('-') ? '-' : ''}${grouped}${fraction === undefined ? '' : `${point}${fraction}`}`
}

/** A UN/ECE unit code by its name for `quantity` of it; pieces (C62) need none, an unknown code stays as it is. */
function unitName (unit: string, quantity: string, language: InvoiceLanguage): string {
  const names = invoiceTexts[language].units[unit]
  if (names === undefined) return unit
  return Number(quantity) === 1 ? names[0] : names[1]
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
