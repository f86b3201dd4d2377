// Subscriptions: the list (#/subscriptions) with the customer's webhook, and one
// (#/subscriptions/<id>) with members, seats, monthly price and history; its customer changes
// seats or members and cancels it (confirmed first). Each change is an order: the page moves on
// to it.
import { api, ApiError, query } from './api.js'
import { announce, h, replace, rewriteRoute, uid } from './dom.js'
import { lang, t } from './i18n.js'
import { renderForm } from './form-renderer.js'
import { cents, hashParameters, historyTable, namesIn, shortName, stateBadge, when } from './format.js'
import { problemView } from './problem-view.js'
import { requireAccount } from './signin.js'
import { webhookSection } from './webhook.js'

export async function renderSubscriptions (main, context) {
  const who = await requireAccount(main, t('subscriptionsTitle'))
  if (who === null) return
  if (context.path[0] !== undefined && context.path[0] !== '') return renderSubscription(main, context.path[0], who, context)
  const [subscriptions, webhook] = await Promise.all([api.get('/subscriptions'), webhookSection(who)])
  const name = namesIn(subscriptions)
  replace(main, h('h1', {}, t('subscriptionsTitle')),
    subscriptions.length === 0
      ? h('p', {}, t('noSubscriptions'))
      : h('table', { class: 'subscriptions' },
        h('thead', {}, h('tr', {}, [t('subscription'), t('members'), t('seats'), t('monthly'), t('since'), t('state')].map(x => h('th', { scope: 'col' }, x)))),
        h('tbody', {}, subscriptions.map(s => h('tr', {},
          h('td', {}, h('a', { href: `#/subscriptions/${encodeURIComponent(s.id)}` }, s.id)),
          h('td', {}, s.members.filter(m => m.removedAt === undefined).map(m => name(m.service)).join(', ')),
          h('td', { class: 'number' }, String(s.seats)),
          h('td', { class: 'number' }, s.currency === null ? '' : cents(s.monthlyCents, s.currency)),
          h('td', {}, when(s.startedAt)),
          h('td', {}, stateBadge(s.state)))))),
    webhook)
}

/**
 * A form whose submit sends one change; the answer (a change order) opens its order page. The
 * subscription's route loses what the form kept in it (`?add=`, `?drop=`) first, so Back from the
 * order returns to the subscription, not to the filled form.
 */
function changeForm (legend, fields, button, send, { view, subscription, navigate }) {
  const result = h('div', { 'aria-live': 'polite' })
  const submit = h('button', { type: 'submit', class: 'primary' }, button)
  const form = h('form', { class: 'card', novalidate: true },
    h('fieldset', {}, h('legend', {}, legend), fields, submit), result)
  form.addEventListener('submit', async event => {
    event.preventDefault()
    submit.disabled = true
    submit.textContent = t('changing')
    replace(result)
    try {
      const order = await send(form)
      announce(view, t('orderTitle', order.id))
      rewriteRoute(view, subscriptionRoute(subscription.id))
      navigate(`orders/${encodeURIComponent(order.id)}`)
    } catch (error) {
      if (error instanceof FieldErrors) announce(view, error.message)
      else replace(result, problemView(error))
    } finally {
      submit.disabled = false
      submit.textContent = button
    }
  })
  return form
}

const subscriptionRoute = id => `#/subscriptions/${encodeURIComponent(id)}`

/** The configuration property that holds the seats: prefilled with the subscription's. */
const seatCount = 'https://w3id.org/symphony/ontology#seatCount'

/**
 * Keep or drop members and add one. For a new member the joint form of the new member set is
 * shown with the kept members as `existing`: it asks only for the new member and the links that
 * touch it. Its values are stored as a configuration first (errors at their fields), then the
 * change is sent with it; when the change is refused, that configuration is deleted again and the
 * form keeps the values to fix and resend.
 */
function membersForm (subscription, current, addable, name, page) {
  const base = `/subscriptions/${encodeURIComponent(subscription.id)}`
  const addId = uid('add')
  const findId = uid('find')
  const listedId = uid('listed')
  const configuration = h('div', { class: 'member-form', 'aria-live': 'polite' })
  // What the change adds and drops is kept in the route (`?add=<IRI>&drop=<IRI>`), the values
  // typed into the new member's form as a draft in the tab: reload, Back and the language switch
  // open the same form with the same input.
  const routed = hashParameters()
  const routedAdd = addable.services.some(s => s.iri === routed.get('add')) ? routed.get('add') : ''
  const dropped = new Set(routed.getAll('drop'))
  // Every service listed so far keeps its label: the new member's settings are headed by it.
  const labels = new Map(addable.services.map(s => [s.iri, s.label]))
  const label = iri => labels.get(iri) ?? name(iri)
  const select = h('select', { id: addId, name: 'add', 'aria-describedby': listedId })
  const listed = h('div', { id: listedId, class: 'meta', 'aria-live': 'polite' })
  /** Lists the services found for `text`, keeping the one chosen listed and chosen. */
  const list = ({ services, listed: count, total }, text, chosen = select.value) => {
    for (const s of services) labels.set(s.iri, s.label)
    const options = services.some(s => s.iri === chosen) || chosen === '' ? services : [{ iri: chosen, label: label(chosen) }, ...services]
    replace(select, h('option', { value: '' }, t('noneToAdd')), options.map(s => h('option', { value: s.iri, selected: s.iri === chosen }, s.label)))
    replace(listed, total === 0 && text !== '' ? t('addableNone', text) : count < total ? t('addableMore', total) : '')
  }
  list(addable, '', routedAdd)
  const find = h('input', { type: 'search', id: findId, autocomplete: 'off', 'aria-controls': addId })
  let asked = 0
  let pause
  find.addEventListener('input', () => {
    window.clearTimeout(pause)
    pause = window.setTimeout(async () => {
      const text = find.value.trim()
      const ask = ++asked
      try {
        const found = await addableServices(new Set(current.map(m => m.service)), text, '')
        if (ask === asked) list(found, text)
      } catch (error) {
        if (ask === asked) replace(listed, problemView(error))
      }
    }, 250)
  })
  // Enter in the search field searches; it does not send the change.
  find.addEventListener('keydown', event => { if (event.key === 'Enter') event.preventDefault() })
  let shown
  const chosen = form => ({
    keep: [...form.querySelectorAll('input[name=keep]:checked')].map(box => box.value),
    add: form.elements.add.value
  })
  const target = ({ keep, add }) => ({ bundle: { services: [...keep, add], existing: keep } })
  const draftKey = ({ keep, add }) => `symphony.member-form ${subscription.id} ${[...keep].sort().join(' ')} + ${add}`
  const refresh = async form => {
    const { keep, add } = chosen(form)
    rememberChange(page.view, subscription.id, current.map(m => m.service).filter(s => !keep.includes(s)), add)
    shown = undefined
    if (add === '') return replace(configuration)
    try {
      const answer = await api.post(`/forms${query({ lang: lang() })}`, { ...target({ keep, add }), prefill: { [seatCount]: subscription.seats } })
      if (answer.uiSchema.sections.length === 0) return replace(configuration, h('p', { class: 'meta' }, t('nothingNewToConfigure', label(add))))
      const key = draftKey({ keep, add })
      const draft = readDraft(key)
      shown = { add, keep, key, rendered: renderForm(answer, draft === null ? {} : { values: draft }) }
      replace(configuration, h('h3', {}, t('configureNewMember', label(add))), shown.rendered.element)
    } catch (error) {
      replace(configuration, problemView(error))
    }
  }
  const form = changeForm(t('changeMembers'),
    [current.map(m => {
      const box = uid('keep')
      return h('div', { class: 'field' }, h('input', { type: 'checkbox', id: box, name: 'keep', value: m.service, checked: !dropped.has(m.service) }), ' ', h('label', { for: box, class: 'inline' }, t('keepMember', name(m.service))))
    }),
    h('div', { class: 'field' }, h('label', { for: findId }, t('findService')), find),
    h('div', { class: 'field' }, h('label', { for: addId }, t('addMember')), select, listed),
    configuration],
    t('changeMembersButton'),
    async form => {
      const { keep, add } = chosen(form)
      const services = [...keep, ...(add === '' ? [] : [add])]
      if (shown === undefined || shown.add !== add) return api.post(`${base}/members`, { services })
      let saved
      try {
        saved = await api.post(`/configurations${query({ lang: lang() })}`, { ...target({ keep, add }), values: shown.rendered.values() })
      } catch (error) {
        if (!(error instanceof ApiError) || !Array.isArray(error.problem.errors)) throw error
        shown.rendered.showErrors(error.problem.errors.map(e => ({ pointer: e.pointer ?? e.field ?? '', message: e.message })))
        throw new FieldErrors(t('fixErrors', error.problem.errors.length))
      }
      shown.rendered.showErrors([])
      let order
      try {
        order = await api.post(`${base}/members`, { services, configurations: [saved.configuration] })
      } catch (error) {
        // Refused: the configuration stored for it goes too. The API keeps one an order names.
        await api.delete(`/configurations/${encodeURIComponent(saved.configuration)}`).catch(() => {})
        throw error
      }
      dropDraft(shown.key)
      return order
    },
    page)
  const keepDraft = () => { if (shown !== undefined) writeDraft(shown.key, shown.rendered.values()) }
  form.addEventListener('input', event => { if (configuration.contains(event.target)) keepDraft() })
  form.addEventListener('change', event => {
    if (event.target.name === 'add' || event.target.name === 'keep') void refresh(form)
    else if (configuration.contains(event.target)) keepDraft()
  })
  if (routedAdd !== '' || dropped.size > 0) void refresh(form)
  return form
}

/** Writes the member change into the route without a new history entry or a re-render. */
function rememberChange (view, id, drop, add) {
  const parameters = new URLSearchParams()
  if (add !== '') parameters.set('add', add)
  for (const service of drop) parameters.append('drop', service)
  const search = parameters.toString()
  rewriteRoute(view, `${subscriptionRoute(id)}${search === '' ? '' : `?${search}`}`)
}

function readDraft (key) {
  try {
    const values = JSON.parse(globalThis.sessionStorage?.getItem(key) ?? 'null')
    return values !== null && typeof values === 'object' && !Array.isArray(values) ? values : null
  } catch { return null }
}

function writeDraft (key, values) {
  try { globalThis.sessionStorage?.setItem(key, JSON.stringify(values)) } catch { /* storage full or unavailable: the values live until reload */ }
}

function dropDraft (key) {
  try { globalThis.sessionStorage?.removeItem(key) } catch { /* storage unavailable */ }
}

/** Values the form shows at their fields: the change is not sent. */
class FieldErrors extends Error {}

/** Catalog services listed to add at once; the search field finds the others (the catalog's own text search). */
const addablePage = 50

/**
 * One page of the catalog's services whose label, description or IRI contains `text` (all when
 * empty), without the subscription's current members, and how many match in the catalog. A
 * service the route names to add is listed first even when the page does not hold it.
 */
async function addableServices (current, text, routed) {
  const answer = await api.get(`/catalog/services${query({ q: text, limit: addablePage, lang: lang() })}`)
  const services = answer.services.filter(s => !current.has(s.iri)).map(s => ({ iri: s.iri, label: s.label ?? shortName(s.iri) }))
  if (routed !== '' && !current.has(routed) && !services.some(s => s.iri === routed)) {
    const one = await api.get(`/catalog/services/${encodeURIComponent(routed)}${query({ lang: lang() })}`).catch(() => null)
    if (one !== null) services.unshift({ iri: routed, label: one.summary.label ?? shortName(routed) })
  }
  return { services, listed: answer.services.length, total: answer.total }
}

function cancelSection (subscription, navigate) {
  const reasonId = uid('reason')
  const area = h('div', {})
  const base = `/subscriptions/${encodeURIComponent(subscription.id)}`
  const ask = () => {
    const yes = h('button', { type: 'button', class: 'primary' }, t('cancelYes'))
    const no = h('button', { type: 'button', class: 'secondary' }, t('cancelNo'))
    const result = h('div', { 'aria-live': 'polite' })
    const reason = h('input', { id: reasonId, type: 'text', name: 'reason', maxlength: 2000, size: 40 })
    yes.addEventListener('click', async () => {
      yes.disabled = true
      try {
        const order = await api.post(`${base}/cancel`, reason.value.trim() === '' ? {} : { reason: reason.value.trim() })
        navigate(`orders/${encodeURIComponent(order.id)}`)
      } catch (error) {
        replace(result, problemView(error))
        yes.disabled = false
      }
    })
    no.addEventListener('click', () => { show(); area.querySelector('button')?.focus() })
    replace(area, h('div', { class: 'confirm', role: 'group', 'aria-labelledby': 'cancel-heading' },
      h('p', {}, t('cancelConfirm')),
      h('div', { class: 'field' }, h('label', { for: reasonId }, t('cancelReason')), reason),
      yes, ' ', no, result))
    reason.focus()
  }
  const show = () => replace(area, h('button', { type: 'button', class: 'secondary', onclick: ask }, t('cancelButton')))
  show()
  return h('section', { class: 'card', 'aria-labelledby': 'cancel-heading' }, h('h2', { id: 'cancel-heading' }, t('cancelTitle')), area)
}

async function renderSubscription (main, id, who, { navigate }) {
  const page = { view: main, subscription: { id }, navigate }
  const subscription = await api.get(`/subscriptions/${encodeURIComponent(id)}`)
  let name = namesIn(subscription)
  const base = `/subscriptions/${encodeURIComponent(subscription.id)}`
  const current = subscription.members.filter(m => m.removedAt === undefined)
  const mayChange = subscription.state === 'active' && (who.role === 'customer' || who.role === 'operator')
  const seatsId = uid('seats')
  const changes = []
  if (mayChange) {
    const addable = await addableServices(new Set(current.map(m => m.service)), '', hashParameters().get('add') ?? '')
    // A service to add is named as the catalog lists it.
    name = namesIn(subscription, { names: Object.fromEntries(addable.services.map(s => [s.iri, s.label])) })
    changes.push(
      changeForm(t('changeSeats'),
        h('div', { class: 'field' }, h('label', { for: seatsId }, t('seats')), h('input', { id: seatsId, name: 'seats', type: 'number', min: 1, step: 1, value: subscription.seats, required: true })),
        t('changeSeatsButton'),
        form => api.post(`${base}/seats`, { seats: Number(form.elements.seats.value) }),
        page),
      membersForm(subscription, current, addable, name, page),
      cancelSection(subscription, navigate))
  }
  replace(main,
    h('h1', {}, t('subscriptionTitle', subscription.id)),
    h('p', {}, h('a', { href: '#/subscriptions' }, t('subscriptionsTitle'))),
    h('p', {}, `${t('state')}: `, stateBadge(subscription.state), ` · ${t('since')}: ${when(subscription.startedAt)}`,
      subscription.cancelledAt === undefined ? '' : ` · ${t('stateCancelled')}: ${when(subscription.cancelledAt)}`),
    h('p', { class: 'summary' }, `${t('seats')}: `, h('strong', { class: 'seats' }, String(subscription.seats)), ` · ${t('monthly')}: `,
      h('strong', { class: 'price' }, subscription.currency === null ? t('unpriced') : cents(subscription.monthlyCents, subscription.currency))),
    h('h2', {}, t('members')),
    h('table', { class: 'members' },
      h('thead', {}, h('tr', {}, [t('service'), t('provider'), t('monthly'), t('added'), t('removedAt')].map(x => h('th', { scope: 'col' }, x)))),
      h('tbody', {}, subscription.members.map(m => h('tr', {},
        h('td', {}, name(m.service)), h('td', {}, name(m.provider)),
        // A provider is not shown another provider's price (no monthlyCents at all).
        h('td', { class: 'number' }, m.monthlyCents === undefined ? '' : m.monthlyCents === null || subscription.currency === null ? t('unpriced') : cents(m.monthlyCents, subscription.currency)),
        h('td', {}, when(m.addedAt)), h('td', {}, when(m.removedAt)))))),
    changes,
    h('h2', {}, t('seatChanges')),
    h('table', {},
      h('thead', {}, h('tr', {}, [t('when'), t('seats'), t('concurrentSeats'), t('monthly'), t('order')].map(x => h('th', { scope: 'col' }, x)))),
      h('tbody', {}, subscription.seatChanges.map(c => h('tr', {},
        h('td', {}, when(c.at)), h('td', { class: 'number' }, String(c.seats)), h('td', { class: 'number' }, String(c.concurrentSeats)),
        h('td', { class: 'number' }, subscription.currency === null || c.monthlyCents === undefined ? '' : cents(c.monthlyCents, subscription.currency)),
        h('td', {}, h('a', { href: `#/orders/${encodeURIComponent(c.order)}` }, c.order)))))),
    h('h2', {}, t('ordersOfSubscription')),
    h('ul', {}, subscription.orders.map(o => h('li', {}, h('a', { href: `#/orders/${encodeURIComponent(o)}` }, o)))),
    h('h2', {}, t('history')),
    historyTable(subscription.history))
}
