// The configuration view: the joint form of the chosen services (and their links), submitted
// for checking; errors appear at their fields. What is configured lives in the route
// (`#/configure?service=<IRI>&service=<IRI>&seats=12&request=<JSON>`), so reload, Back and the
// language switch show the same form; typed values are kept as a draft in the tab's
// sessionStorage, keyed by the set of services, until they are saved or discarded.
import { api, ApiError, query } from './api.js'
import { announce, h, replace } from './dom.js'
import { lang, t } from './i18n.js'
import { hashParameters } from './format.js'
import { renderForm } from './form-renderer.js'
import { bookingSection, selectionKey } from './book.js'

/** The configuration property that holds the seats: prefilled with the seats the bundle was composed for. */
const seatCount = 'https://w3id.org/symphony/ontology#seatCount'

/**
 * The route of the form for `services`; `seats` prefills the seat count and `request` (the
 * composition request the bundle answers) lets the page book the bundle and keeps the form's
 * location fields inside the request's data-location demand.
 */
export function configureRoute ({ services, seats, request }) {
  const parameters = new URLSearchParams()
  for (const service of services) parameters.append('service', service)
  if (seats !== undefined) parameters.set('seats', String(seats))
  if (request !== undefined) parameters.set('request', JSON.stringify(request))
  return `configure?${parameters}`
}

/** What the route asks to configure: the services (each once), the seats and the composition request. */
function selectionInRoute () {
  const parameters = hashParameters()
  const services = [...new Set(parameters.getAll('service').filter(s => s !== ''))]
  const seats = Number(parameters.get('seats'))
  let request
  try {
    const value = JSON.parse(parameters.get('request') ?? 'null')
    if (value !== null && typeof value === 'object' && !Array.isArray(value)) request = value
  } catch { /* not JSON: the form is shown without booking */ }
  return { services, seats: Number.isInteger(seats) && seats >= 1 ? seats : undefined, request }
}

const draftKey = selection => `symphony.form ${selectionKey(selection)}`

/** The unsaved values of the form of `selection`, or null. */
function loadFormDraft (selection) {
  try {
    const stored = JSON.parse(globalThis.sessionStorage?.getItem(draftKey(selection)) ?? 'null')
    return stored !== null && typeof stored === 'object' && stored.values !== null && typeof stored.values === 'object' ? stored.values : null
  } catch { return null }
}

function saveFormDraft (selection, values) {
  try { globalThis.sessionStorage?.setItem(draftKey(selection), JSON.stringify({ values })) } catch { /* storage full or unavailable: the draft lives until reload */ }
}

function clearFormDraft (selection) {
  try { globalThis.sessionStorage?.removeItem(draftKey(selection)) } catch { /* storage unavailable */ }
}

/** The last form's route in this tab: the navigation's "Configure" comes back to it. */
const lastRouteKey = 'symphony.configure'

export async function renderConfigure (main, context) {
  const { state } = context
  const selection = selectionInRoute()
  if (selection.services.length === 0) {
    const last = globalThis.sessionStorage?.getItem(lastRouteKey)
    if (typeof last === 'string' && last.startsWith('configure?')) {
      globalThis.location.replace(`#/${last}`)
      return
    }
    replace(main, h('h1', {}, t('configureTitle')), h('p', {}, t('nothingToConfigure')), h('p', {}, h('a', { href: '#/compose' }, t('navCompose'))))
    return
  }
  // A bundle's links are found by the server among all its members (not only those the
  // composer needed), so every link that has settings gets its section.
  const target = selection.services.length === 1
    ? { service: selection.services[0] }
    : { bundle: { services: selection.services } }
  // The composition request's data-location demand (if any) narrows the location fields and is checked on saving.
  const demand = selection.request?.constraints
  const constraints = Array.isArray(demand?.dataLocation)
    ? { dataLocation: demand.dataLocation, ...(demand.dataLocationMode === undefined ? {} : { dataLocationMode: demand.dataLocationMode }) }
    : undefined
  const request = constraints === undefined ? target : { ...target, constraints }
  try { globalThis.sessionStorage?.setItem(lastRouteKey, configureRoute(selection)) } catch { /* storage unavailable: the navigation opens an empty form page */ }
  const prefill = selection.seats === undefined ? undefined : { [seatCount]: selection.seats }
  const form = await api.post(`/forms${query({ lang: lang() })}`, prefill === undefined ? request : { ...request, prefill })
  const draft = loadFormDraft(selection)
  const rendered = renderForm(form, draft === null ? {} : { values: draft })
  const result = h('div', { 'aria-live': 'polite' })
  const submit = h('button', { type: 'submit', class: 'primary' }, t('submit'))
  const discard = h('button', { type: 'button', class: 'secondary', hidden: draft === null }, t('discardDraft'))
  const draftNote = h('p', { class: 'meta draft-note', hidden: draft === null }, t('draftRestored'))
  const element = h('form', { novalidate: true, 'aria-labelledby': 'configure-heading' },
    draftNote, rendered.element, h('div', { class: 'actions' }, submit, discard), result)
  const keep = () => {
    saveFormDraft(selection, rendered.values())
    discard.hidden = false
  }
  element.addEventListener('input', keep)
  element.addEventListener('change', keep)
  discard.addEventListener('click', async () => {
    clearFormDraft(selection)
    await renderConfigure(main, context)
    announce(main, t('draftDiscarded'))
    main.querySelector('h1')?.focus()
  })
  element.addEventListener('submit', async event => {
    event.preventDefault()
    submit.disabled = true
    submit.textContent = t('saving')
    replace(result)
    try {
      const answer = await api.post(`/configurations${query({ lang: lang() })}`, { ...request, values: rendered.values() })
      rendered.showErrors([])
      clearFormDraft(selection)
      discard.hidden = true
      draftNote.hidden = true
      if (answer.configuration !== undefined) {
        state.configurations = { ...state.configurations, [selectionKey(selection)]: answer.configuration }
        booking?.dispatchEvent(new window.Event('symphony:configuration'))
      }
      replace(result, h('p', { class: 'success', role: 'status' }, t('saved'), answer.configuration === undefined
        ? ''
        : [' ', h('a', { href: `#/configurations/${encodeURIComponent(answer.configuration)}` }, h('code', {}, answer.configuration))]))
      announce(main, t('saved'))
    } catch (error) {
      if (error instanceof ApiError && Array.isArray(error.problem.errors)) {
        rendered.showErrors(error.problem.errors.map(e => ({ pointer: e.pointer ?? e.field ?? '', message: e.message })))
        announce(main, t('fixErrors', error.problem.errors.length))
      } else {
        replace(result, h('p', { class: 'alert', role: 'alert' }, error instanceof ApiError ? error.message : String(error)))
      }
    } finally {
      submit.disabled = false
      submit.textContent = t('submit')
    }
  })
  const booking = await bookingSection(context, selection)
  replace(main,
    h('h1', { id: 'configure-heading', tabindex: '-1' }, form.uiSchema.title || t('configureTitle')),
    h('p', {}, t('configureIntro')),
    element,
    booking)
}
