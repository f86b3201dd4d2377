// The configuration view: the joint form of the chosen services (and their links), submitted
// for checking; errors appear at their fields.
import { api, ApiError, query } from './api.js'
import { announce, h, replace } from './dom.js'
import { lang, t } from './i18n.js'
import { renderForm } from './form-renderer.js'
import { bookingSection, selectionKey } from './book.js'

/** The configuration property that holds the seats: prefilled with the seats the bundle was composed for. */
const seatCount = 'https://w3id.org/symphony/ontology#seatCount'

export async function renderConfigure (main, context) {
  const { state } = context
  const selection = state.selection
  if (selection === undefined || selection.services.length === 0) {
    replace(main, h('h1', {}, t('configureTitle')), h('p', {}, t('nothingToConfigure')), h('p', {}, h('a', { href: '#/compose' }, t('navCompose'))))
    return
  }
  // A bundle's links are found by the server among all its members (not only those the
  // composer needed), so every link that has settings gets its section.
  const request = selection.services.length === 1 && selection.links.length === 0
    ? { service: selection.services[0] }
    : { bundle: { services: selection.services } }
  const prefill = selection.seats === undefined ? undefined : { [seatCount]: selection.seats }
  const form = await api.post(`/forms${query({ lang: lang() })}`, prefill === undefined ? request : { ...request, prefill })
  const rendered = renderForm(form)
  const result = h('div', { 'aria-live': 'polite' })
  const submit = h('button', { type: 'submit', class: 'primary' }, t('submit'))
  const element = h('form', { novalidate: true, 'aria-labelledby': 'configure-heading' }, rendered.element, submit, result)
  element.addEventListener('submit', async event => {
    event.preventDefault()
    submit.disabled = true
    submit.textContent = t('saving')
    replace(result)
    try {
      const answer = await api.post(`/configurations${query({ lang: lang() })}`, { ...request, values: rendered.values() })
      rendered.showErrors([])
      if (answer.configuration !== undefined) {
        state.configurations = { ...state.configurations, [selectionKey(selection)]: answer.configuration }
        booking?.dispatchEvent(new window.Event('symphony:configuration'))
      }
      replace(result, h('p', { class: 'success', role: 'status' }, t('saved'), answer.configuration === undefined ? '' : [' ', h('code', {}, answer.configuration)]))
      announce(t('saved'))
    } catch (error) {
      if (error instanceof ApiError && Array.isArray(error.problem.errors)) {
        rendered.showErrors(error.problem.errors.map(e => ({ pointer: e.pointer ?? e.field ?? '', message: e.message })))
        announce(t('fixErrors', error.problem.errors.length))
      } else {
        replace(result, h('p', { class: 'alert', role: 'alert' }, error instanceof ApiError ? error.message : String(error)))
      }
    } finally {
      submit.disabled = false
      submit.textContent = t('submit')
    }
  })
  const booking = await bookingSection(context)
  replace(main,
    h('h1', { id: 'configure-heading' }, form.uiSchema.title || t('configureTitle')),
    h('p', {}, t('configureIntro')),
    element,
    booking)
}
