// The tickets page (#/tickets): a customer reports a fault on a subscription, a member or a
// link and follows it; a provider sees the tickets routed to it, adds notes and moves them.
// Calls carry the signed-in account's token.
import { api } from './api.js'
import { namesIn } from './format.js'
import { currentAccount } from './signin.js'
import { announce, h, replace, uid } from './dom.js'
import { lang } from './i18n.js'
import { token } from './token.js'
import { ticketsTexts } from './texts-tickets.js'

const tt = (key, ...args) => {
  const value = ticketsTexts[lang()][key] ?? ticketsTexts.en[key]
  return typeof value === 'function' ? value(...args) : value
}
const call = (method, path, body) => method === 'GET' ? api.get(path) : api.post(path, body)

function field (label, control) {
  const id = uid('t')
  control.id = id
  return h('p', {}, h('label', { for: id }, label), ' ', control)
}

/** Renders the page into `main`. */
export async function renderTickets (main, context) {
  const rerender = () => renderTickets(main, context)
  if (token() === null) {
    replace(main, h('h1', {}, tt('ticketsTitle')), h('p', {}, h('a', { href: '#/signin' }, tt('signInFirst'))))
    return
  }
  const me = await call('GET', '/tickets')
  const subscriptions = await call('GET', '/subscriptions').catch(() => [])
  // Services by the names their subscriptions give them, providers by the catalog's (the last
  // part of the IRI when neither has one)
  const vocabulary = await api.get('/catalog/vocabulary')
  const name = namesIn(subscriptions, { names: Object.fromEntries(vocabulary.providers.map(p => [p.iri, p.label])) })
  // Only customers report faults (a provider's attempt is refused by the API with a message).
  const who = await currentAccount()
  replace(main, h('h1', {}, tt('ticketsTitle')),
    await reportForm(subscriptions, name, rerender),
    me.length === 0 ? h('p', {}, tt('noTickets')) : me.slice().reverse().map(ticket => ticketView(ticket, name, rerender)),
    who !== null && (who.role === 'provider' || who.role === 'operator') ? slaReport(name) : null)
}

async function reportForm (subscriptions, name, rerender) {
  const active = subscriptions.filter(s => s.state !== 'cancelled')
  if (active.length === 0) return null
  const subscription = h('select', {}, active.map(s => h('option', { value: s.id }, `${s.id.slice(0, 8)} (${s.members.filter(m => m.removedAt === undefined).map(m => name(m.service)).join(', ')})`)))
  const about = h('select', {})
  const fill = async () => {
    const chosen = active.find(s => s.id === subscription.value)
    const links = await call('GET', `/subscriptions/${encodeURIComponent(chosen.id)}/links`).catch(() => [])
    replace(about,
      h('option', { value: '[]' }, tt('wholeSubscription')),
      chosen.members.filter(m => m.removedAt === undefined).map(m => h('option', { value: JSON.stringify([m.service]) }, tt('member', name(m.service)))),
      links.map(l => h('option', { value: JSON.stringify([l.from, l.to]) }, tt('link', name(l.from), name(l.to)))))
  }
  subscription.addEventListener('change', fill)
  await fill()
  const summary = h('input', { type: 'text', required: true, maxlength: 300 })
  const text = h('textarea', { rows: 3 })
  const status = h('p', { role: 'status' })
  return h('form', {
    onsubmit: async event => {
      event.preventDefault()
      try {
        await call('POST', '/tickets', { subscription: subscription.value, services: JSON.parse(about.value), summary: summary.value, text: text.value })
        announce(status, tt('saved'))
        rerender()
      } catch (error) { status.textContent = error.message }
    }
  }, h('h2', {}, tt('reportFault')), field(tt('subscription'), subscription), field(tt('about'), about), field(tt('summary'), summary), field(tt('details'), text),
  h('button', { type: 'submit' }, tt('report')), status)
}

function ticketView (ticket, name, rerender) {
  const status = h('p', { role: 'status' })
  const act = async work => {
    try { await work(); announce(status, tt('saved')); rerender() } catch (error) { status.textContent = error.message }
  }
  const note = h('textarea', { rows: 2, required: true })
  const file = h('input', { type: 'file' })
  const next = { acknowledged: ['inProgress', 'resolved'], inProgress: ['resolved'], resolved: ['inProgress', 'closed'], closed: [] }[ticket.state]
  const target = h('select', {}, next.map(s => h('option', { value: s }, tt('states')[s])))
  const sendNote = async () => {
    const chosen = file.files?.[0]
    const attachments = chosen === undefined ? [] : [{ name: chosen.name, mediaType: chosen.type || 'application/octet-stream', content: await base64(chosen) }]
    await call('POST', `/tickets/${encodeURIComponent(ticket.id)}/notes`, { text: note.value, ...(attachments.length === 0 ? {} : { attachments }) })
  }
  return h('article', { class: 'ticket' },
    h('h2', {}, ticket.summary),
    h('p', {}, `${tt('state')}: `, h('strong', {}, tt('states')[ticket.state]), ` · ${tt('reported')} ${new Date(ticket.createdAt).toLocaleString(lang())} · ${ticket.services.map(name).join(' → ')}`),
    h('table', {}, h('thead', {}, h('tr', {}, h('th', {}, tt('routedTo')), h('th', {}, tt('why')))),
      h('tbody', {}, ticket.routes.map(r => h('tr', {}, h('td', {}, name(r.provider)), h('td', {}, r.why[lang()] ?? r.why.en))))),
    ticket.sla.length === 0 ? null : h('table', {}, h('caption', {}, tt('sla')),
      h('thead', {}, h('tr', {}, h('th', {}, tt('routedTo')), h('th', {}, tt('responseDue')), h('th', {}, tt('resolutionDue')))),
      h('tbody', {}, ticket.sla.map(s => h('tr', {}, h('td', {}, name(s.provider)),
        h('td', { class: 'response' }, due(s.responseDue, s.responseBreached, s.responseHours)), h('td', { class: 'resolution' }, due(s.resolutionDue, s.resolutionBreached, s.resolutionHours)))))),
    h('h3', {}, tt('notes')),
    h('ul', {}, ticket.notes.map(n => h('li', {}, `${new Date(n.at).toLocaleString(lang())} · ${name(n.by.id)}: ${n.text}`, n.attachments.map(a => ` [${a.name}, ${a.size} B]`)))),
    ticket.state === 'closed'
      ? null
      : h('form', { onsubmit: event => { event.preventDefault(); act(sendNote) } }, field(tt('addNote'), note), field(tt('attachment'), file), h('button', { type: 'submit' }, tt('addNote'))),
    next.length === 0
      ? null
      : h('form', { onsubmit: event => { event.preventDefault(); act(() => call('POST', `/tickets/${encodeURIComponent(ticket.id)}/state`, { state: target.value })) } },
        field(tt('moveTo'), target), h('button', { type: 'submit' }, tt('move'))),
    status)
}

/**
 * The service-level report of a month (`GET /reports/sla`): per provider, the tickets reported
 * in it, how many were answered and resolved, and how many of each missed their target. A
 * provider sees its own row, the operator every provider's.
 */
function slaReport (name) {
  const now = new Date()
  const month = h('input', { type: 'month', required: true, value: `${now.getUTCFullYear()}-${String(now.getUTCMonth() + 1).padStart(2, '0')}` })
  const result = h('div', { 'aria-live': 'polite' })
  const show = async () => {
    const [year, number] = month.value.split('-').map(Number)
    if (!(year > 0 && number >= 1 && number <= 12)) return
    const from = new Date(Date.UTC(year, number - 1, 1)).toISOString()
    const to = new Date(Date.UTC(year, number, 1)).toISOString()
    try {
      const report = await call('GET', `/reports/sla?from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}`)
      replace(result, report.providers.length === 0
        ? h('p', {}, tt('slaReportEmpty'))
        : h('table', { class: 'sla-report' },
          h('thead', {}, h('tr', {}, [tt('routedTo'), tt('slaTickets'), tt('slaResponded'), tt('slaResponseMissed'), tt('slaResolved'), tt('slaResolutionMissed')].map(x => h('th', { scope: 'col' }, x)))),
          h('tbody', {}, report.providers.map(row => h('tr', {},
            h('td', {}, name(row.provider)),
            [row.tickets, row.responded, row.responseBreached, row.resolved, row.resolutionBreached].map(n => h('td', { class: 'number' }, new Intl.NumberFormat(lang()).format(n))))))))
    } catch (error) {
      replace(result, h('p', { role: 'alert' }, error.message))
    }
  }
  void show()
  return h('section', { class: 'card', 'aria-labelledby': 'sla-report-heading' },
    h('h2', { id: 'sla-report-heading' }, tt('slaReport')),
    h('form', { onsubmit: event => { event.preventDefault(); void show() } }, field(tt('slaMonth'), month), h('button', { type: 'submit', class: 'secondary' }, tt('slaShow'))),
    result)
}

/** A target: when it is due, whether it was missed, kept or is still open, and how many support hours it took once it ended. */
function due (at, breached, hours) {
  if (at === null) return '–'
  const outcome = breached ? tt('missed') : hours === null || hours === undefined ? tt('open') : tt('inTime')
  const took = hours === null || hours === undefined ? '' : `, ${tt('took', hours)}`
  return `${new Date(at).toLocaleString(lang())} (${outcome}${took})`
}

async function base64 (file) {
  const bytes = new Uint8Array(await file.arrayBuffer())
  let binary = ''
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000))
  return globalThis.btoa(binary)
}
