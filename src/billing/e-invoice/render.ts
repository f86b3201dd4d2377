/**
 * Renders an issued invoice as an EN 16931 e-invoice with `@e-invoice-eu/core`, which
 * validates the invoice model against its schema before writing XML or the ZUGFeRD PDF.
 */
import { InvoiceService, type Logger } from '@e-invoice-eu/core'
import { SymphonyError } from '../../errors.js'
import type { IssuedInvoice } from '../issued.js'
import { eInvoiceFormats, type EInvoiceFormat } from './formats.js'
import { completePdfA } from './pdfa.js'
import { renderInvoicePdf } from './render-pdf.js'
import type { InvoiceLanguage } from './texts.js'
import { toUblInvoice } from './to-ubl.js'

/** Library messages are not ours to print: warnings become part of a failure, the rest is dropped. */
function collectingLogger (warnings: string[]): Logger {
  return { log: () => {}, warn: (message: string) => { warnings.push(message) }, error: (message: string) => { warnings.push(message) } }
}

/**
 * The invoice as XRechnung CII or UBL (XML text) or as a ZUGFeRD PDF with the XRechnung XML
 * embedded (bytes).
 *
 * @example
 * const xml = await renderEInvoice(issued, 'xrechnung-cii')
 */
export async function renderEInvoice (issued: IssuedInvoice, format: EInvoiceFormat, language: InvoiceLanguage = 'en'): Promise<string | Uint8Array> {
  const info = eInvoiceFormats[format]
  const warnings: string[] = []
  const service = new InvoiceService(collectingLogger(warnings))
  try {
    if (info.mediaType === 'application/pdf') {
      const pdf = await renderInvoicePdf(issued, language)
      const zugferd = await service.generate(toUblInvoice(issued), {
        format: info.library,
        lang: language,
        pdf: { buffer: pdf, filename: `${issued.number}.pdf`, mimetype: 'application/pdf' }
      }) as Uint8Array
      return await completePdfA(zugferd)
    }
    return await service.generate(toUblInvoice(issued), { format: info.library, lang: language })
  } catch (error) {
    const reason = (error as Error).message
    throw new SymphonyError('INTERNAL', {
      en: `invoice ${issued.number} could not be rendered as ${format}: ${reason}`,
      de: `die Rechnung ${issued.number} konnte nicht als ${format} erstellt werden: ${reason}`
    }, { cause: error, details: warnings })
  }
}
