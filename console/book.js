// "Book this bundle": below the joint configuration form of a composed bundle, the booking with
// seats and the saved configuration; the answer opens the new order's page.
import { api } from './api.js'
import { announce, h, replace, uid } from './dom.js'
import { t } from './i18n.js'
import { problemView } from './problem-view.js'
import { currentAccount } from './signin.js'

/** The key a saved configuration is kept under: the selection's members, so another bundle has none. */
export function selectionKey (selection) {
  return [...selection.services].sort().join(' ')
}

/**
 * The booking section for the bundle `selection` (`{ services, seats, request }` from the route),
 * or null when it did not come from a composition (no `request`).
 */
export async function bookingSection ({ state, navigate }, selection) {
  const composition = selection.request
  if (composition === undefined || selection.services.length < 2) return null
  const heading = h('h2', { id: 'book-heading' }, t('bookTitle'))
  const who = await currentAccount()
  if (who === null || who.role !== 'customer') {
    return h('section', { class: 'card book', 'aria-labelledby': 'book-heading' }, heading,
      h('p', {}, t('bookNeedsSignin'), ' ', h('a', { href: '#/signin' }, t('navSignin'))))
  }
  const configuration = () => state.configurations?.[selectionKey(selection)]
  const note = h('p', { class: 'meta' })
  const showNote = () => {
    const id = configuration()
    replace(note, id === undefined ? t('bookWithoutConfiguration') : [t('bookWithConfiguration'), ' ', h('code', {}, id)])
  }
  showNote()
  const seatsId = uid('seats')
  const seats = h('input', { id: seatsId, name: 'seats', type: 'number', min: 1, step: 1, required: true, value: selection.seats ?? composition.seats ?? 1 })
  const submit = h('button', { type: 'submit', class: 'primary' }, t('bookButton'))
  const result = h('div', { 'aria-live': 'polite' })
  const form = h('form', { novalidate: true, 'aria-labelledby': 'book-heading' },
    h('div', { class: 'field' }, h('label', { for: seatsId }, t('seats')), seats), note, submit, result)
  form.addEventListener('submit', async event => {
    event.preventDefault()
    submit.disabled = true
    submit.textContent = t('booking')
    replace(result)
    try {
      const id = configuration()
      const order = await api.post('/orders', {
        request: composition,
        services: selection.services,
        seats: Number(seats.value),
        ...(id === undefined ? {} : { configurations: [id] })
      })
      announce(form, t('orderTitle', order.id))
      navigate(`orders/${encodeURIComponent(order.id)}`)
    } catch (error) {
      replace(result, problemView(error))
    } finally {
      submit.disabled = false
      submit.textContent = t('bookButton')
    }
  })
  const section = h('section', { class: 'card book', 'aria-labelledby': 'book-heading' }, heading, h('p', {}, t('bookIntro')), form)
  section.addEventListener('symphony:configuration', showNote)
  return section
}
