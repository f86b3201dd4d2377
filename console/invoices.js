// "My invoices": the list (#/invoices, ?period= filters), one invoice (#/invoices/<number>)
// with a line per component and each provider's share, and its downloads: XRechnung (CII,
// UBL), ZUGFeRD PDF, JSON and Turtle, fetched with the account's token.
import { api, download, query } from './api.js'
import { announce, h, replace, uid } from './dom.js'
import { lang, t } from './i18n.js'
import { cents, hashParameters, shortName } from './format.js'
import { problemView } from './problem-view.js'
import { requireAccount } from './signin.js'

/** The downloads of a document: the query the API reads (`format`) and the Accept header sent with it. */
const formats = [
  { key: 'formatCii', format: 'xrechnung-cii', accept: 'application/xml', extension: 'xml' },
  { key: 'formatUbl', format: 'xrechnung-ubl', accept: 'application/xml', extension: 'xml' },
  { key: 'formatPdf', format: 'zugferd', accept: 'application/pdf', extension: 'pdf' },
  { key: 'formatJson', format: 'json', accept: 'application/json', extension: 'json' },
  { key: 'formatTurtle', accept: 'text/turtle', extension: 'ttl' }
]

function kindName (kind) {
  return kind === 'creditNote' || kind === 'credit-note' ? t('kindCreditNote') : t('kindInvoice')
}

/** A decimal text (a quantity, a unit price, a rate) as a number in the reader's language. */
function decimal (value, options = {}) {
  return new Intl.NumberFormat(lang(), { maximumFractionDigits: 20, ...options }).format(Number(value))
}

/** An amount of a unit (UN/ECE code): "324 days", "1,000.5 minutes"; a count of pieces (C62) or an unknown code as a number (with the code). */
function amountOf (value, unit) {
  const word = `unit${unit}`
  if (unit === 'C62') return decimal(value)
  const name = t(word, Number(value))
  return `${decimal(value)} ${name === word ? unit : name}`
}

/** The quantity of a line: seats × days (or months) when more than one seat is billed, else the amount. */
function lineQuantity (line) {
  const count = Number(line.count)
  if ((line.unit === 'DAY' || line.unit === 'MON') && count !== 1 && count > 0) return `${decimal(count)} × ${amountOf(Number(line.quantity) / count, line.unit)}`
  return amountOf(line.quantity, line.unit)
}

/** The unit price per its base quantity: "€4.50 per 31 days" (a monthly price billed by the day), "€0.19 per 10 minutes". */
function linePrice (line, currency) {
  let price
  try {
    price = new Intl.NumberFormat(lang(), { style: 'currency', currency, maximumFractionDigits: 20 }).format(Number(line.unitPrice))
  } catch {
    price = `${line.unitPrice} ${currency}`
  }
  if (line.unit === 'C62' && line.baseQuantity === 1) return price
  return t('pricePer', price, line.baseQuantity === 1 ? t(`unit${line.unit}`, 1) : amountOf(line.baseQuantity, line.unit))
}

/** The VAT rate as a percentage; reverse charge says so. */
function lineVat (vat) {
  const rate = new Intl.NumberFormat(lang(), { style: 'percent', maximumFractionDigits: 4 }).format(Number(vat.rate) / 100)
  return vat.category === 'AE' ? `${rate} (${t('reverseCharge')})` : rate
}

function text (langText, fallback) {
  if (langText === undefined || langText === null) return fallback
  return langText[lang()] ?? langText.en ?? Object.values(langText)[0] ?? fallback
}

export async function renderInvoices (main, context) {
  const who = await requireAccount(main, t('invoicesTitle'))
  if (who === null) return
  if (context.path[0] !== undefined && context.path[0] !== '') return renderInvoice(main, context.path[0])
  const wanted = hashParameters().get('period') ?? ''
  const { invoices } = await api.get('/invoices')
  const periods = [...new Set(invoices.map(i => i.period))].sort().reverse()
  const shown = invoices.filter(i => wanted === '' || i.period === wanted)
  const id = uid('period')
  const filter = h('form', { class: 'filters', onsubmit: event => {
    event.preventDefault()
    const value = event.target.elements.period.value
    window.location.hash = value === '' ? '#/invoices' : `#/invoices?period=${encodeURIComponent(value)}`
  } },
  h('label', { for: id }, t('period')), ' ',
  h('select', { id, name: 'period' }, h('option', { value: '' }, t('allPeriods')), periods.map(p => h('option', { value: p, selected: p === wanted }, p))),
  ' ', h('button', { type: 'submit', class: 'secondary' }, t('apply')))
  replace(main, h('h1', {}, t('invoicesTitle')), filter,
    shown.length === 0
      ? h('p', {}, t('noInvoices'))
      : h('table', { class: 'invoices' },
        h('thead', {}, h('tr', {}, [t('number'), t('kind'), t('period'), t('issued'), t('due'), t('net'), t('tax'), t('gross')].map(x => h('th', { scope: 'col' }, x)))),
        h('tbody', {}, shown.map(i => h('tr', {},
          h('td', {}, h('a', { href: `#/invoices/${encodeURIComponent(i.number)}` }, i.number)),
          h('td', {}, kindName(i.kind), i.corrects === undefined ? '' : ` (${t('corrects')} ${i.corrects})`),
          h('td', {}, i.period), h('td', {}, i.issueDate), h('td', {}, i.dueDate),
          h('td', { class: 'number' }, cents(i.net, i.currency)),
          h('td', { class: 'number' }, cents(i.tax, i.currency)),
          h('td', { class: 'number' }, cents(i.gross, i.currency)))))))
}

async function renderInvoice (main, number) {
  const path = `/invoices/${encodeURIComponent(number)}`
  const invoice = await api.get(path)
  const d = invoice.draft
  const money = amount => cents(amount, d.currency, d.minorDigits)
  const result = h('div', { 'aria-live': 'polite' })
  const buttons = formats.map(f => h('button', {
    type: 'button',
    class: 'secondary',
    dataset: { format: f.format ?? 'turtle' },
    onclick: async event => {
      const button = event.currentTarget
      button.disabled = true
      replace(result)
      try {
        const name = await download(`${path}${query({ format: f.format, lang: lang() })}`, f.accept, `${invoice.number}.${f.extension}`)
        announce(main, t('downloaded', name))
      } catch (error) {
        replace(result, problemView(error))
      } finally {
        button.disabled = false
      }
    }
  }, t(f.key)))
  replace(main,
    h('h1', {}, invoice.kind === 'invoice' ? t('invoiceTitle', invoice.number) : t('creditNoteTitle', invoice.number)),
    h('p', {}, h('a', { href: '#/invoices' }, t('invoicesTitle'))),
    h('p', {}, `${t('period')}: ${d.period.id} · ${t('issued')}: ${invoice.issueDate} · ${t('due')}: ${invoice.dueDate}`,
      invoice.corrects === undefined ? '' : ` · ${t('corrects')}: ${invoice.corrects.number}`),
    invoice.reason === undefined ? null : h('p', {}, `${t('reason')}: ${invoice.reason}`),
    h('section', { class: 'card', 'aria-labelledby': 'download-heading' },
      h('h2', { id: 'download-heading' }, t('download')),
      h('div', { class: 'downloads' }, buttons), result),
    h('h2', {}, t('lines')),
    h('div', { class: 'table-scroll', tabindex: 0, role: 'region', 'aria-label': t('lines') },
      h('table', { class: 'lines' },
        h('thead', {}, h('tr', {}, [t('service'), t('provider'), t('component'), t('period'), t('quantity'), t('unitPrice'), t('vatRate'), t('net')].map(x => h('th', { scope: 'col' }, x)))),
        h('tbody', {}, d.lines.map(line => h('tr', {},
          h('td', {}, text(line.serviceLabel, shortName(line.service))),
          h('td', {}, line.providerName),
          h('td', {}, text(line.componentLabel, shortName(line.component))),
          h('td', {}, `${line.from} – ${line.until}`),
          h('td', { class: 'number quantity' }, lineQuantity(line)),
          h('td', { class: 'number unit-price' }, linePrice(line, d.currency)),
          h('td', { class: 'number vat-rate' }, lineVat(line.vat)),
          h('td', { class: 'number' }, money(line.net))))),
        h('tfoot', {},
          h('tr', {}, h('th', { scope: 'row', colspan: 7 }, t('net')), h('td', { class: 'number' }, money(d.net))),
          h('tr', {}, h('th', { scope: 'row', colspan: 7 }, t('tax')), h('td', { class: 'number' }, money(d.tax))),
          h('tr', {}, h('th', { scope: 'row', colspan: 7 }, t('gross')), h('td', { class: 'number gross' }, money(d.gross)))))),
    h('h2', {}, t('shares')),
    h('div', { class: 'table-scroll', tabindex: 0, role: 'region', 'aria-label': t('shares') },
      h('table', { class: 'shares' },
        h('thead', {}, h('tr', {}, [t('provider'), t('net'), t('tax'), t('gross'), t('commission'), t('payout')].map(x => h('th', { scope: 'col' }, x)))),
        h('tbody', {}, d.shares.map(s => h('tr', { dataset: { provider: s.provider } },
          h('td', {}, s.name),
          h('td', { class: 'number' }, money(s.net)), h('td', { class: 'number' }, money(s.tax)), h('td', { class: 'number' }, money(s.gross)),
          h('td', { class: 'number' }, money(s.commission)), h('td', { class: 'number' }, money(s.payout))))))))
}
