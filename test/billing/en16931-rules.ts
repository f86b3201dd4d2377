/**
 * EN 16931 business rules our invoices can break, checked with XPath over both syntaxes. No
 * npm package ships the EN 16931 / XRechnung Schematron (nor the UBL 2.1 schemas), so the
 * rules on totals (BR-CO-10, -13, -14, -15, -16, -17, -18), standard rate (BR-S-01, -02, -05,
 * -08, -09) and reverse charge (BR-AE-01, -02, -05, -08, -09, -10) are stated here, each as in
 * the standard, over the business terms one table reads from UBL and from CII.
 */
import { XmlDocument, type XmlNode } from 'libxml2-wasm'
import { ciiNamespaces, ublNamespaces } from './e-invoice-validation.js'

export type Syntax = 'ubl' | 'cii'

/** The business terms the rules read: where each is in UBL and in CII (relative to its group for lines and VAT breakdowns). */
export const businessTerms = {
  /** BG-25 invoice lines */
  lines: { ubl: '/*/cac:InvoiceLine | /*/cac:CreditNoteLine', cii: '/rsm:CrossIndustryInvoice/rsm:SupplyChainTradeTransaction/ram:IncludedSupplyChainTradeLineItem' },
  /** BT-131 invoice line net amount */
  lineNet: { ubl: 'cbc:LineExtensionAmount', cii: 'ram:SpecifiedLineTradeSettlement/ram:SpecifiedTradeSettlementLineMonetarySummation/ram:LineTotalAmount' },
  /** BT-151 invoiced item VAT category code */
  lineCategory: { ubl: 'cac:Item/cac:ClassifiedTaxCategory/cbc:ID', cii: 'ram:SpecifiedLineTradeSettlement/ram:ApplicableTradeTax/ram:CategoryCode' },
  /** BT-152 invoiced item VAT rate */
  lineRate: { ubl: 'cac:Item/cac:ClassifiedTaxCategory/cbc:Percent', cii: 'ram:SpecifiedLineTradeSettlement/ram:ApplicableTradeTax/ram:RateApplicablePercent' },
  /** BG-23 VAT breakdown */
  breakdown: { ubl: '/*/cac:TaxTotal/cac:TaxSubtotal', cii: '//ram:ApplicableHeaderTradeSettlement/ram:ApplicableTradeTax' },
  /** BT-116 VAT category taxable amount */
  taxable: { ubl: 'cbc:TaxableAmount', cii: 'ram:BasisAmount' },
  /** BT-117 VAT category tax amount */
  tax: { ubl: 'cbc:TaxAmount', cii: 'ram:CalculatedAmount' },
  /** BT-118 VAT category code */
  category: { ubl: 'cac:TaxCategory/cbc:ID', cii: 'ram:CategoryCode' },
  /** BT-119 VAT category rate */
  rate: { ubl: 'cac:TaxCategory/cbc:Percent', cii: 'ram:RateApplicablePercent' },
  /** BT-120 VAT exemption reason text */
  exemptionReason: { ubl: 'cac:TaxCategory/cbc:TaxExemptionReason', cii: 'ram:ExemptionReason' },
  /** BT-121 VAT exemption reason code */
  exemptionCode: { ubl: 'cac:TaxCategory/cbc:TaxExemptionReasonCode', cii: 'ram:ExemptionReasonCode' },
  /** BT-106 sum of invoice line net amounts */
  lineTotal: { ubl: '/*/cac:LegalMonetaryTotal/cbc:LineExtensionAmount', cii: '//ram:SpecifiedTradeSettlementHeaderMonetarySummation/ram:LineTotalAmount' },
  /** BT-107 sum of allowances on document level */
  allowances: { ubl: '/*/cac:LegalMonetaryTotal/cbc:AllowanceTotalAmount', cii: '//ram:SpecifiedTradeSettlementHeaderMonetarySummation/ram:AllowanceTotalAmount' },
  /** BT-108 sum of charges on document level */
  charges: { ubl: '/*/cac:LegalMonetaryTotal/cbc:ChargeTotalAmount', cii: '//ram:SpecifiedTradeSettlementHeaderMonetarySummation/ram:ChargeTotalAmount' },
  /** BT-109 invoice total amount without VAT */
  taxExclusive: { ubl: '/*/cac:LegalMonetaryTotal/cbc:TaxExclusiveAmount', cii: '//ram:SpecifiedTradeSettlementHeaderMonetarySummation/ram:TaxBasisTotalAmount' },
  /** BT-110 invoice total VAT amount (in the invoice currency) */
  taxTotal: {
    ubl: '/*/cac:TaxTotal/cbc:TaxAmount[@currencyID = /*/cbc:DocumentCurrencyCode]',
    cii: '//ram:SpecifiedTradeSettlementHeaderMonetarySummation/ram:TaxTotalAmount[@currencyID = //ram:ApplicableHeaderTradeSettlement/ram:InvoiceCurrencyCode]'
  },
  /** BT-112 invoice total amount with VAT */
  taxInclusive: { ubl: '/*/cac:LegalMonetaryTotal/cbc:TaxInclusiveAmount', cii: '//ram:SpecifiedTradeSettlementHeaderMonetarySummation/ram:GrandTotalAmount' },
  /** BT-113 paid amount */
  prepaid: { ubl: '/*/cac:LegalMonetaryTotal/cbc:PrepaidAmount', cii: '//ram:SpecifiedTradeSettlementHeaderMonetarySummation/ram:TotalPrepaidAmount' },
  /** BT-114 rounding amount */
  rounding: { ubl: '/*/cac:LegalMonetaryTotal/cbc:PayableRoundingAmount', cii: '//ram:SpecifiedTradeSettlementHeaderMonetarySummation/ram:RoundingAmount' },
  /** BT-115 amount due for payment */
  due: { ubl: '/*/cac:LegalMonetaryTotal/cbc:PayableAmount', cii: '//ram:SpecifiedTradeSettlementHeaderMonetarySummation/ram:DuePayableAmount' },
  /** BT-31 seller VAT identifier */
  sellerVatId: {
    ubl: "/*/cac:AccountingSupplierParty/cac:Party/cac:PartyTaxScheme[cac:TaxScheme/cbc:ID = 'VAT']/cbc:CompanyID",
    cii: "//ram:ApplicableHeaderTradeAgreement/ram:SellerTradeParty/ram:SpecifiedTaxRegistration/ram:ID[@schemeID = 'VA']"
  },
  /** BT-63 seller tax representative VAT identifier */
  taxRepresentativeVatId: {
    ubl: "/*/cac:TaxRepresentativeParty/cac:PartyTaxScheme[cac:TaxScheme/cbc:ID = 'VAT']/cbc:CompanyID",
    cii: "//ram:ApplicableHeaderTradeAgreement/ram:SellerTaxRepresentativeTradeParty/ram:SpecifiedTaxRegistration/ram:ID[@schemeID = 'VA']"
  },
  /** BT-48 buyer VAT identifier */
  buyerVatId: {
    ubl: "/*/cac:AccountingCustomerParty/cac:Party/cac:PartyTaxScheme[cac:TaxScheme/cbc:ID = 'VAT']/cbc:CompanyID",
    cii: "//ram:ApplicableHeaderTradeAgreement/ram:BuyerTradeParty/ram:SpecifiedTaxRegistration/ram:ID[@schemeID = 'VA']"
  },
  /** BT-47 buyer legal registration identifier */
  buyerLegalId: {
    ubl: '/*/cac:AccountingCustomerParty/cac:Party/cac:PartyLegalEntity/cbc:CompanyID',
    cii: '//ram:ApplicableHeaderTradeAgreement/ram:BuyerTradeParty/ram:SpecifiedLegalOrganization/ram:ID'
  }
} as const satisfies Record<string, Record<Syntax, string>>

/** An amount in millionths, exact for the decimals an invoice states. */
type Micros = bigint

interface Line { readonly net: Micros, readonly category: string, readonly rate: string }
interface Breakdown { readonly taxable: Micros, readonly tax: Micros, readonly category: string, readonly rate: string, readonly reason: string, readonly code: string }

/** The business terms of one document, read with the table's XPaths. */
export interface InvoiceTerms {
  readonly lines: readonly Line[]
  readonly breakdowns: readonly Breakdown[]
  /** Document-level terms: every value the XPath selects (none when absent). */
  readonly terms: Readonly<Record<'lineTotal' | 'allowances' | 'charges' | 'taxExclusive' | 'taxTotal' | 'taxInclusive' | 'prepaid' | 'rounding' | 'due' | 'sellerVatId' | 'taxRepresentativeVatId' | 'buyerVatId' | 'buyerLegalId', readonly string[]>>
}

/** Reads the business terms of a UBL or CII document. */
export function readTerms (xml: string, syntax: Syntax): InvoiceTerms {
  const namespaces = syntax === 'ubl' ? ublNamespaces : ciiNamespaces
  const doc = XmlDocument.fromString(xml)
  try {
    const text = (node: XmlNode | XmlDocument, term: keyof typeof businessTerms): string => node.find(businessTerms[term][syntax], namespaces).map(n => n.content.trim()).join(' ')
    const lines = doc.find(businessTerms.lines[syntax], namespaces).map(n => ({ net: micros(text(n, 'lineNet')), category: text(n, 'lineCategory'), rate: text(n, 'lineRate') }))
    const breakdowns = doc.find(businessTerms.breakdown[syntax], namespaces).map(n => ({
      taxable: micros(text(n, 'taxable')), tax: micros(text(n, 'tax')), category: text(n, 'category'), rate: text(n, 'rate'), reason: text(n, 'exemptionReason'), code: text(n, 'exemptionCode')
    }))
    const all = (term: keyof typeof businessTerms): string[] => doc.find(businessTerms[term][syntax], namespaces).map(n => n.content.trim())
    const terms: InvoiceTerms['terms'] = {
      lineTotal: all('lineTotal'),
      allowances: all('allowances'),
      charges: all('charges'),
      taxExclusive: all('taxExclusive'),
      taxTotal: all('taxTotal'),
      taxInclusive: all('taxInclusive'),
      prepaid: all('prepaid'),
      rounding: all('rounding'),
      due: all('due'),
      sellerVatId: all('sellerVatId'),
      taxRepresentativeVatId: all('taxRepresentativeVatId'),
      buyerVatId: all('buyerVatId'),
      buyerLegalId: all('buyerLegalId')
    }
    return { lines, breakdowns, terms }
  } finally {
    doc.dispose()
  }
}

/** A rule: its identifier, what the standard says, and the violations it finds (empty: kept). */
export interface BusinessRule {
  readonly id: string
  readonly says: string
  check (invoice: InvoiceTerms): string[]
}

const sum = (values: readonly Micros[]): Micros => values.reduce((a, b) => a + b, 0n)
const one = (invoice: InvoiceTerms, term: keyof InvoiceTerms['terms']): Micros => micros(invoice.terms[term][0] ?? '0')
const equal = (what: string, stated: Micros, expected: Micros): string[] => stated === expected ? [] : [`${what}: stated ${show(stated)}, expected ${show(expected)}`]
const linesOf = (invoice: InvoiceTerms, category: string, rate?: string): Line[] => invoice.lines.filter(l => l.category === category && (rate === undefined || same(l.rate, rate)))
const groupsOf = (invoice: InvoiceTerms, category: string): Breakdown[] => invoice.breakdowns.filter(b => b.category === category)
const present = (invoice: InvoiceTerms, term: keyof InvoiceTerms['terms']): boolean => invoice.terms[term].some(v => v !== '')

/** The rules, by identifier. No document-level allowances or charges are issued, so their terms count as stated (absent: 0). */
export const businessRules: readonly BusinessRule[] = [
  { id: 'BR-CO-10', says: 'Sum of Invoice line net amount (BT-106) = Σ Invoice line net amount (BT-131)', check: i => equal('BT-106', one(i, 'lineTotal'), sum(i.lines.map(l => l.net))) },
  { id: 'BR-CO-13', says: 'Invoice total amount without VAT (BT-109) = Σ line net amounts (BT-131) − allowances (BT-107) + charges (BT-108)', check: i => equal('BT-109', one(i, 'taxExclusive'), sum(i.lines.map(l => l.net)) - one(i, 'allowances') + one(i, 'charges')) },
  { id: 'BR-CO-14', says: 'Invoice total VAT amount (BT-110) = Σ VAT category tax amount (BT-117)', check: i => equal('BT-110', one(i, 'taxTotal'), sum(i.breakdowns.map(b => b.tax))) },
  { id: 'BR-CO-15', says: 'Invoice total amount with VAT (BT-112) = BT-109 + BT-110', check: i => equal('BT-112', one(i, 'taxInclusive'), one(i, 'taxExclusive') + one(i, 'taxTotal')) },
  { id: 'BR-CO-16', says: 'Amount due for payment (BT-115) = BT-112 − paid amount (BT-113) + rounding amount (BT-114)', check: i => equal('BT-115', one(i, 'due'), one(i, 'taxInclusive') - one(i, 'prepaid') + one(i, 'rounding')) },
  { id: 'BR-CO-17', says: 'VAT category tax amount (BT-117) = VAT category taxable amount (BT-116) × (VAT category rate (BT-119) / 100), rounded to two decimals', check: i => i.breakdowns.flatMap(b => equal(`BT-117 of ${b.category} ${b.rate} %`, b.tax, percentOf(b.taxable, b.rate))) },
  { id: 'BR-CO-18', says: 'An Invoice shall at least have one VAT breakdown group (BG-23)', check: i => i.breakdowns.length > 0 ? [] : ['no VAT breakdown'] },
  { id: 'BR-S-01', says: 'An Invoice with an item of VAT category Standard rated (S) shall contain at least one VAT breakdown (BG-23) with category S', check: i => linesOf(i, 'S').length > 0 && groupsOf(i, 'S').length === 0 ? ['S lines without an S VAT breakdown'] : [] },
  { id: 'BR-S-02', says: 'An Invoice with an item of VAT category S shall contain the Seller VAT identifier (BT-31) or the tax representative\'s (BT-63)', check: i => linesOf(i, 'S').length > 0 && !present(i, 'sellerVatId') && !present(i, 'taxRepresentativeVatId') ? ['S lines without a seller VAT identifier'] : [] },
  { id: 'BR-S-05', says: 'In an Invoice line of VAT category S the invoiced item VAT rate (BT-152) shall be greater than zero', check: i => linesOf(i, 'S').filter(l => !(micros(l.rate) > 0n)).map(l => `S line with rate ${JSON.stringify(l.rate)}`) },
  { id: 'BR-S-08', says: 'For each different rate of category S, the VAT category taxable amount (BT-116) = Σ line net amounts (BT-131) of category S at that rate (no document-level allowances or charges)', check: i => groupsOf(i, 'S').flatMap(b => equal(`BT-116 of S ${b.rate} %`, b.taxable, sum(linesOf(i, 'S', b.rate).map(l => l.net)))) },
  { id: 'BR-S-09', says: 'The VAT category tax amount (BT-117) of category S = BT-116 × (BT-119 / 100), rounded to two decimals', check: i => groupsOf(i, 'S').flatMap(b => equal(`BT-117 of S ${b.rate} %`, b.tax, percentOf(b.taxable, b.rate))) },
  { id: 'BR-AE-01', says: 'An Invoice with an item of VAT category Reverse charge (AE) shall contain exactly one VAT breakdown (BG-23) with category AE', check: i => linesOf(i, 'AE').length > 0 && groupsOf(i, 'AE').length !== 1 ? [`${groupsOf(i, 'AE').length} AE VAT breakdowns, expected 1`] : [] },
  { id: 'BR-AE-02', says: 'An Invoice with an item of category AE shall contain the Seller VAT identifier (BT-31) or tax representative\'s (BT-63), and the Buyer VAT identifier (BT-48) or legal registration identifier (BT-47)', check: i => linesOf(i, 'AE').length === 0 ? [] : [...(present(i, 'sellerVatId') || present(i, 'taxRepresentativeVatId') ? [] : ['AE lines without a seller VAT identifier']), ...(present(i, 'buyerVatId') || present(i, 'buyerLegalId') ? [] : ['AE lines without a buyer VAT or legal registration identifier'])] },
  { id: 'BR-AE-05', says: 'In an Invoice line of category AE the invoiced item VAT rate (BT-152) shall be 0', check: i => linesOf(i, 'AE').filter(l => micros(l.rate) !== 0n).map(l => `AE line with rate ${l.rate}`) },
  { id: 'BR-AE-08', says: 'In a VAT breakdown of category AE the taxable amount (BT-116) = Σ line net amounts (BT-131) of category AE (no document-level allowances or charges)', check: i => groupsOf(i, 'AE').flatMap(b => equal('BT-116 of AE', b.taxable, sum(linesOf(i, 'AE').map(l => l.net)))) },
  { id: 'BR-AE-09', says: 'The VAT category tax amount (BT-117) in a VAT breakdown of category AE shall be 0', check: i => groupsOf(i, 'AE').flatMap(b => equal('BT-117 of AE', b.tax, 0n)) },
  { id: 'BR-AE-10', says: 'A VAT breakdown of category AE shall have a VAT exemption reason code (BT-121) VATEX-EU-AE or a reason text (BT-120)', check: i => groupsOf(i, 'AE').filter(b => b.code !== 'VATEX-EU-AE' && b.reason === '').map(() => 'AE VAT breakdown without exemption reason') }
]

/** The violations of every rule in a document, by rule identifier (only rules broken). */
export function brokenRules (xml: string, syntax: Syntax): Record<string, string[]> {
  const terms = readTerms(xml, syntax)
  return Object.fromEntries(businessRules.map(rule => [rule.id, rule.check(terms)] as const).filter(([, violations]) => violations.length > 0))
}

function micros (text: string): Micros {
  const match = /^\s*([+-]?)(\d*)(?:\.(\d*))?\s*$/.exec(text)
  if (match === null || (match[2] === '' && (match[3] ?? '') === '')) throw new Error(`not a decimal amount: ${JSON.stringify(text)}`)
  const fraction = (match[3] ?? '').padEnd(6, '0')
  if (fraction.length > 6) throw new Error(`more than six decimals: ${text}`)
  const value = BigInt(match[2] === '' ? '0' : match[2]!) * 1_000_000n + BigInt(fraction)
  return match[1] === '-' ? -value : value
}

/** `amount × rate / 100`, rounded half away from zero to two decimals. */
function percentOf (amount: Micros, rate: string): Micros {
  const exact = amount * micros(rate) // in 10^-12
  const cent = 100n * 10_000n * 1_000_000n // 10^-12 per cent, times 100 for the percent
  const cents = (exact < 0n ? -exact : exact) * 2n / cent
  const rounded = (cents + 1n) / 2n
  return (exact < 0n ? -rounded : rounded) * 10_000n
}

function same (a: string, b: string): boolean {
  return micros(a) === micros(b)
}

function show (value: Micros): string {
  const sign = value < 0n ? '-' : ''
  const abs = value < 0n ? -value : value
  return `${sign}${abs / 1_000_000n}.${(abs % 1_000_000n).toString().padStart(6, '0').replace(/0{1,4}$/, '')}`
}
