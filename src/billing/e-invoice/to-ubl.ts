/**
 * An issued invoice as the EN 16931 invoice model in the UBL-shaped JSON that
 * `@e-invoice-eu/core` turns into XRechnung (CII or UBL) and Factur-X/ZUGFeRD. The fields
 * XRechnung requires beyond EN 16931 are filled: buyer reference (BT-10), seller contact
 * (BG-6), electronic addresses (BT-34, BT-49), payment account (BG-17).
 */
import type { Invoice } from '@e-invoice-eu/core'
import { formatMinor } from '../decimal.js'
import type { IssuedInvoice, PostalAddress } from '../issued.js'
import type { InvoiceLine, VatBreakdown } from '../types.js'

/** UNTDID 1001: commercial invoice, credit note. */
const typeCodes = { invoice: '380', creditNote: '381' } as const

/** The issued document in the library's invoice model. */
export function toUblInvoice (issued: IssuedInvoice): Invoice {
  const { draft, seller, buyer, customer } = issued
  const currency = draft.currency
  const amount = (minor: number): string => formatMinor(minor, draft.minorDigits)
  const document: Record<string, unknown> = {
    'cbc:CustomizationID': 'urn:cen.eu:en16931:2017#compliant#urn:xeinkauf.de:kosit:xrechnung_3.0',
    'cbc:ProfileID': 'urn:fdc:peppol.eu:2017:poacc:billing:01:1.0',
    'cbc:ID': issued.number,
    'cbc:IssueDate': issued.issueDate,
    'cbc:DueDate': issued.dueDate,
    'cbc:InvoiceTypeCode': typeCodes[issued.kind],
    ...(note(issued) === undefined ? {} : { 'cbc:Note': [note(issued)] }),
    'cbc:DocumentCurrencyCode': currency,
    'cbc:BuyerReference': buyer.reference ?? customer.id,
    'cac:InvoicePeriod': { 'cbc:StartDate': draft.period.start, 'cbc:EndDate': lastDay(draft.period.end) },
    ...(issued.corrects === undefined
      ? {}
      : { 'cac:BillingReference': [{ 'cac:InvoiceDocumentReference': { 'cbc:ID': issued.corrects.number, 'cbc:IssueDate': issued.corrects.issueDate } }] }),
    'cac:AccountingSupplierParty': {
      'cac:Party': {
        'cbc:EndpointID': seller.email,
        'cbc:EndpointID@schemeID': 'EM',
        'cac:PartyName': { 'cbc:Name': seller.name },
        'cac:PostalAddress': address(seller.address),
        'cac:PartyTaxScheme': [{ 'cbc:CompanyID': seller.vatId, 'cac:TaxScheme': { 'cbc:ID': 'VAT' } }],
        'cac:PartyLegalEntity': { 'cbc:RegistrationName': seller.name },
        'cac:Contact': { 'cbc:Name': seller.contactName, 'cbc:Telephone': seller.phone, 'cbc:ElectronicMail': seller.email }
      }
    },
    'cac:AccountingCustomerParty': {
      'cac:Party': {
        'cbc:EndpointID': buyer.email,
        'cbc:EndpointID@schemeID': 'EM',
        'cac:PartyIdentification': { 'cbc:ID': customer.id },
        'cac:PartyName': { 'cbc:Name': customer.name },
        'cac:PostalAddress': address(buyer.address),
        ...(customer.vatId === undefined ? {} : { 'cac:PartyTaxScheme': { 'cbc:CompanyID': customer.vatId, 'cac:TaxScheme': { 'cbc:ID': 'VAT' } } }),
        'cac:PartyLegalEntity': { 'cbc:RegistrationName': customer.name }
      }
    },
    // CII requires the delivery block; for a period of service its date is the period's last day.
    'cac:Delivery': { 'cbc:ActualDeliveryDate': lastDay(draft.period.end) },
    'cac:PaymentMeans': [{
      'cbc:PaymentMeansCode': '58',
      'cbc:PaymentID': issued.number,
      'cac:PayeeFinancialAccount': {
        'cbc:ID': seller.iban,
        'cbc:Name': seller.name,
        ...(seller.bic === undefined ? {} : { 'cac:FinancialInstitutionBranch': { 'cbc:ID': seller.bic } })
      }
    }],
    'cac:PaymentTerms': { 'cbc:Note': `Payable by ${issued.dueDate} without deduction.` },
    'cac:TaxTotal': [{
      'cbc:TaxAmount': amount(draft.tax),
      'cbc:TaxAmount@currencyID': currency,
      'cac:TaxSubtotal': draft.vat.map(group => taxSubtotal(group, currency, amount))
    }],
    'cac:LegalMonetaryTotal': {
      'cbc:LineExtensionAmount': amount(draft.net),
      'cbc:LineExtensionAmount@currencyID': currency,
      'cbc:TaxExclusiveAmount': amount(draft.net),
      'cbc:TaxExclusiveAmount@currencyID': currency,
      'cbc:TaxInclusiveAmount': amount(draft.gross),
      'cbc:TaxInclusiveAmount@currencyID': currency,
      'cbc:PayableAmount': amount(draft.gross),
      'cbc:PayableAmount@currencyID': currency
    },
    'cac:InvoiceLine': draft.lines.map((line, index) => invoiceLine(line, index, currency, amount))
  }
  return { 'ubl:Invoice': document } as unknown as Invoice
}

/** The name of a line's item: service and component, in English (the labels' `en`, else their IRIs' local names). */
export function itemName (line: InvoiceLine, language = 'en'): string {
  return `${label(line.serviceLabel, line.service, language)} – ${label(line.componentLabel, line.component, language)}`
}

function invoiceLine (line: InvoiceLine, index: number, currency: string, amount: (minor: number) => string): Record<string, unknown> {
  return {
    'cbc:ID': String(index + 1),
    'cbc:Note': `Provider: ${line.providerName} (${line.provider})`,
    'cbc:InvoicedQuantity': line.quantity,
    'cbc:InvoicedQuantity@unitCode': line.unit,
    'cbc:LineExtensionAmount': amount(line.net),
    'cbc:LineExtensionAmount@currencyID': currency,
    'cac:InvoicePeriod': { 'cbc:StartDate': line.from, 'cbc:EndDate': line.until },
    'cac:Item': {
      'cbc:Description': `${line.offer} · ${line.priceComponent}`,
      'cbc:Name': itemName(line),
      'cac:SellersItemIdentification': { 'cbc:ID': line.priceComponent },
      'cac:ClassifiedTaxCategory': { 'cbc:ID': line.vat.category, 'cbc:Percent': line.vat.rate, 'cac:TaxScheme': { 'cbc:ID': 'VAT' } },
      'cac:AdditionalItemProperty': [
        { 'cbc:Name': 'Provider', 'cbc:Value': line.providerName },
        { 'cbc:Name': 'Service', 'cbc:Value': line.service },
        { 'cbc:Name': 'Subscription', 'cbc:Value': line.subscription }
      ]
    },
    'cac:Price': priceOf(line, currency)
  }
}

/**
 * The line's net price (BT-146) per base quantity (BT-149). The e-invoice model takes prices
 * with at most two decimals: a finer price (0.019 per minute, a converted price) is stated per
 * a base quantity ten, a hundred, … times larger (1.90 per 100 minutes), which is the same price.
 */
function priceOf (line: InvoiceLine, currency: string): Record<string, string> {
  const [whole = '0', fraction = ''] = line.unitPrice.replace(/^-/, '').split('.')
  const shift = Math.max(0, fraction.replace(/0+$/, '').length - 2)
  const price = shift === 0 ? line.unitPrice : `${line.unitPrice.startsWith('-') ? '-' : ''}${(whole + fraction.slice(0, shift)).replace(/^0+(?=\d)/, '')}.${fraction.slice(shift).padEnd(2, '0')}`
  const base = line.baseQuantity * 10 ** shift
  return {
    'cbc:PriceAmount': price,
    'cbc:PriceAmount@currencyID': currency,
    ...(base === 1 ? {} : { 'cbc:BaseQuantity': String(base), 'cbc:BaseQuantity@unitCode': line.unit })
  }
}

function taxSubtotal (group: VatBreakdown, currency: string, amount: (minor: number) => string): Record<string, unknown> {
  return {
    'cbc:TaxableAmount': amount(group.taxable),
    'cbc:TaxableAmount@currencyID': currency,
    'cbc:TaxAmount': amount(group.tax),
    'cbc:TaxAmount@currencyID': currency,
    'cac:TaxCategory': {
      'cbc:ID': group.category,
      'cbc:Percent': group.rate,
      ...(group.category === 'AE' ? { 'cbc:TaxExemptionReasonCode': 'VATEX-EU-AE', 'cbc:TaxExemptionReason': 'Reverse charge' } : {}),
      'cac:TaxScheme': { 'cbc:ID': 'VAT' }
    }
  }
}

/**
 * One note (BT-22) with the invoice a credit note corrects and why: the library writes one
 * note per document validly, and its CII output drops the preceding-invoice reference (BG-3).
 */
function note (issued: IssuedInvoice): string | undefined {
  const parts = [
    ...(issued.corrects === undefined ? [] : [`Corrects invoice ${issued.corrects.number} of ${issued.corrects.issueDate}.`]),
    ...(issued.reason === undefined ? [] : [issued.reason])
  ]
  return parts.length === 0 ? undefined : parts.join(' ')
}

function address (a: PostalAddress): Record<string, unknown> {
  return { 'cbc:StreetName': a.street, 'cbc:CityName': a.city, 'cbc:PostalZone': a.postcode, 'cac:Country': { 'cbc:IdentificationCode': a.country } }
}

function label (text: Readonly<Record<string, string>> | undefined, iri: string, language: string): string {
  return text?.[language] ?? text?.en ?? text?.[''] ?? iri.replace(/^.*[#/]/, '')
}

function lastDay (end: string): string {
  return new Date(Date.parse(`${end}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10)
}
