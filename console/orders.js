// Orders: the list (#/orders, ?state= filters) and one order (#/orders/<id>) with its items per
// provider, their states and history; an open order is polled until it completes or fails.
import { api } from './api.js'
import { announce, h, replace, uid } from './dom.js'
import { t } from './i18n.js'
import { cents, hashParameters, historyTable, namesIn, shortName, stateBadge, stateName, when } from './format.js'
import { requireAccount } from './signin.js'

const pollMs = 1500
const orderStates = ['acknowledged', 'inProgress', 'completed', 'failed']

function kindName (kind) {
  return t(`kind${kind[0].toUpperCase()}${kind.slice(1)}`)
}

export async function renderOrders (main, context) {
  const who = await requireAccount(main, t('ordersTitle'))
  if (who === null) return
  if (context.path[0] !== undefined && context.path[0] !== '') return renderOrder(main, context.path[0])
  const wanted = hashParameters().get('state') ?? ''
  const orders = await api.get('/orders')
  const shown = orders.filter(o => wanted === '' || o.state === wanted).sort((a, b) => b.createdAt.localeCompare(a.createdAt))
  const id = uid('state')
  const filter = h('form', { class: 'filters', onsubmit: event => {
    event.preventDefault()
    const value = event.target.elements.state.value
    window.location.hash = value === '' ? '#/orders' : `#/orders?state=${encodeURIComponent(value)}`
  } },
  h('label', { for: id }, t('filterState')), ' ',
  h('select', { id, name: 'state' }, h('option', { value: '' }, t('allStates')), orderStates.map(s => h('option', { value: s, selected: s === wanted }, stateName(s)))),
  ' ', h('button', { type: 'submit', class: 'secondary' }, t('apply')))
  replace(main, h('h1', {}, t('ordersTitle')), filter,
    shown.length === 0
      ? h('p', {}, t('noOrders'))
      : h('table', { class: 'orders' },
        h('thead', {}, h('tr', {}, [t('order'), t('kind'), t('created'), t('state'), t('monthly')].map(x => h('th', { scope: 'col' }, x)))),
        h('tbody', {}, shown.map(o => h('tr', {},
          h('td', {}, h('a', { href: `#/orders/${encodeURIComponent(o.id)}` }, o.id)),
          h('td', {}, kindName(o.kind)),
          h('td', {}, when(o.createdAt)),
          h('td', {}, stateBadge(o.state)),
          h('td', { class: 'number' }, o.currency === null ? '' : cents(o.monthlyCents, o.currency)))))))
}

/**
 * Why a booking or change failed, in the page's language: which provider could not deliver and
 * why (the API words the reason in the page's language, quoting a provider's own words), what
 * was cancelled again, and what that means (all or nothing).
 */
function failureView (order, name) {
  const failed = order.items.filter(item => item.state === 'failed')
  const undone = order.items.filter(item => item.state === 'cancelled')
  const stuck = order.items.filter(item => item.undo === 'failed')
  const providers = items => [...new Set(items.map(item => name(item.provider)))].join(', ')
  return h('section', { class: 'alert failure', 'aria-labelledby': 'failure-heading' },
    h('h2', { id: 'failure-heading' }, t('failureTitle')),
    h('p', {}, t(order.kind === 'book' ? 'failedBooking' : 'failedChange')),
    h('ul', {}, failed.map(item => h('li', { dataset: { provider: item.provider } }, t('itemFailedBy', name(item.provider), item.reason ?? '')))),
    undone.length === 0 ? null : h('p', {}, t('itemsUndone', providers(undone))),
    stuck.length === 0 ? null : h('p', {}, t('itemsNotUndone', providers(stuck))))
}

function orderBody (order, name) {
  // A failed booking or change is explained in the page's language; a cancellation keeps the platform's account.
  const explained = order.state === 'failed' && order.kind !== 'cancel'
  return [
    h('p', {}, `${t('kind')}: ${kindName(order.kind)} · ${t('created')}: ${when(order.createdAt)} · ${t('state')}: `, stateBadge(order.state),
      order.subscription === undefined ? null : [' · ', h('a', { href: `#/subscriptions/${encodeURIComponent(shortName(order.subscription))}` }, t('subscriptionLink'))]),
    explained ? failureView(order, name) : null,
    order.reason === undefined || explained ? null : h('p', { class: 'alert' }, `${t('reason')}: ${order.reason}`),
    h('p', {}, `${t('seats')}: ${order.seats} · ${t('monthly')}: ${order.currency === null ? t('unpriced') : cents(order.monthlyCents, order.currency)}`),
    h('h2', {}, t('items')),
    h('ul', { class: 'items-list' }, order.items.map(item => h('li', { class: 'card item', dataset: { provider: item.provider, state: item.state } },
      h('h3', {}, `${t('item')} ${item.id}: ${name(item.provider)} `, stateBadge(item.state)),
      h('p', {}, `${t('action')}: ${t(`action${item.action[0].toUpperCase()}${item.action.slice(1)}`)} · ${t('attempts')}: ${item.attempts}`,
        item.reference === undefined ? null : ` · ${t('reference')}: ${item.reference}`),
      h('ul', {}, item.lines.map(line => h('li', {}, name(line.service), line.monthlyCents === null || order.currency === null ? '' : `: ${cents(line.monthlyCents, order.currency)} ${t('perMonth')}`))),
      item.reason === undefined ? null : h('p', { class: 'alert' }, `${t('reason')}: ${item.reason}`),
      h('details', {}, h('summary', {}, t('history')), historyTable(item.history))))),
    h('h2', {}, t('history')),
    historyTable(order.history)
  ]
}

/**
 * The order with the subscription it belongs to: a change or cancellation names it; a completed
 * booking is found among the subscriptions by its order, so its page links to what it created.
 */
async function withSubscription (order) {
  if (order.subscription !== undefined || order.kind !== 'book' || order.state !== 'completed') return order
  const subscriptions = await api.get('/subscriptions').catch(() => [])
  const created = subscriptions.find(s => s.orders.includes(order.id))
  return created === undefined ? order : { ...order, subscription: created.id }
}

async function renderOrder (main, id) {
  let order = await withSubscription(await api.get(`/orders/${encodeURIComponent(id)}`))
  const body = h('div', {})
  const settled = () => order.state === 'completed' || order.state === 'failed'
  const watching = h('p', { class: 'meta' }, settled() ? '' : t('watching'))
  replace(body, orderBody(order, namesIn(order)))
  replace(main, h('h1', {}, t('orderTitle', order.id)), h('p', {}, h('a', { href: '#/orders' }, t('allOrders'))), watching, body)
  // Polls while the page is shown; a new render (route or language) takes it out and ends this.
  const poll = async () => {
    if (!main.isConnected || settled()) return
    try {
      const next = await withSubscription(await api.get(`/orders/${encodeURIComponent(id)}`))
      if (!main.isConnected) return
      const changed = JSON.stringify(next) !== JSON.stringify(order)
      order = next
      if (changed) {
        // Keep open history panels open across the refresh.
        const open = [...body.querySelectorAll('details')].map(d => d.open)
        replace(body, orderBody(order, namesIn(order)))
        body.querySelectorAll('details').forEach((d, i) => { d.open = open[i] ?? false })
      }
      if (settled()) {
        replace(watching)
        announce(main, t('orderSettled', order.id, stateName(order.state)))
        return
      }
    } catch { /* a failed poll is retried on the next tick */ }
    window.setTimeout(poll, pollMs)
  }
  if (!settled()) window.setTimeout(poll, pollMs)
}
