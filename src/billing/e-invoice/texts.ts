/** The texts of a rendered invoice, in German and English. */

export type InvoiceLanguage = 'de' | 'en'

export interface InvoiceTexts {
  readonly title: { readonly invoice: string, readonly creditNote: string }
  readonly issued: string
  readonly due: string
  readonly period: string
  readonly corrects: string
  readonly reason: string
  readonly seller: string
  readonly buyer: string
  readonly vatId: string
  readonly lines: string
  readonly vat: string
  readonly reverseCharge: string
  readonly net: string
  readonly gross: string
  readonly shares: string
  readonly payTo: string
  readonly paymentReference: string
  /** "per" before a unit price's base quantity. */
  readonly per: string
  /** Names of the UN/ECE units the invoices use, for one and for several; pieces (C62) have none. */
  readonly units: Readonly<Record<string, readonly [string, string]>>
}

export const invoiceTexts: Readonly<Record<InvoiceLanguage, InvoiceTexts>> = {
  en: {
    title: { invoice: 'Invoice', creditNote: 'Credit note' },
    issued: 'Issued',
    due: 'Due',
    period: 'Period',
    corrects: 'Corrects invoice',
    reason: 'Reason',
    seller: 'From',
    buyer: 'To',
    vatId: 'VAT ID',
    lines: 'Lines',
    vat: 'VAT',
    reverseCharge: 'reverse charge: the recipient owes the VAT',
    net: 'Net',
    gross: 'Total',
    shares: "Providers' shares (net + VAT)",
    payTo: 'Pay to',
    paymentReference: 'Reference',
    per: 'per',
    units: { C62: ['', ''], DAY: ['day', 'days'], MON: ['month', 'months'], MIN: ['minute', 'minutes'], HUR: ['hour', 'hours'] }
  },
  de: {
    title: { invoice: 'Rechnung', creditNote: 'Gutschrift' },
    issued: 'Ausgestellt',
    due: 'Fällig',
    period: 'Leistungszeitraum',
    corrects: 'Korrigiert Rechnung',
    reason: 'Grund',
    seller: 'Von',
    buyer: 'An',
    vatId: 'USt-IdNr.',
    lines: 'Positionen',
    vat: 'USt',
    reverseCharge: 'Steuerschuldnerschaft des Leistungsempfängers',
    net: 'Netto',
    gross: 'Gesamt',
    shares: 'Anteile der Anbieter (netto + USt)',
    payTo: 'Zahlbar an',
    paymentReference: 'Verwendungszweck',
    per: 'je',
    units: { C62: ['', ''], DAY: ['Tag', 'Tage'], MON: ['Monat', 'Monate'], MIN: ['Minute', 'Minuten'], HUR: ['Stunde', 'Stunden'] }
  }
}
