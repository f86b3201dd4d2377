/** The e-invoice formats an issued invoice is rendered in, with their media types and file extensions. */

export type EInvoiceFormat = 'xrechnung-cii' | 'xrechnung-ubl' | 'zugferd'

export interface EInvoiceFormatInfo {
  /** The format's name in `@e-invoice-eu/core`. */
  readonly library: string
  readonly mediaType: 'application/xml' | 'application/pdf'
  readonly extension: 'xml' | 'pdf'
}

export const eInvoiceFormats: Readonly<Record<EInvoiceFormat, EInvoiceFormatInfo>> = {
  'xrechnung-cii': { library: 'XRECHNUNG-CII', mediaType: 'application/xml', extension: 'xml' },
  'xrechnung-ubl': { library: 'XRECHNUNG-UBL', mediaType: 'application/xml', extension: 'xml' },
  zugferd: { library: 'Factur-X-XRechnung', mediaType: 'application/pdf', extension: 'pdf' }
}

/** Is `value` one of the e-invoice formats? */
export function isEInvoiceFormat (value: string): value is EInvoiceFormat {
  return Object.hasOwn(eInvoiceFormats, value)
}
