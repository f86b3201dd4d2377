// "Notifications" on the subscriptions page: the customer's webhook (GET /me/webhook), set or
// replaced with a URL (PUT, whose answer shows the signing secret once) and removed after a
// confirmation (DELETE).
import { api, ApiError } from './api.js'
import { announce, h, replace, uid } from './dom.js'
import { t } from './i18n.js'
import { when } from './format.js'
import { problemView } from './problem-view.js'

/** The customer's webhook, or null when none is set (`404`). */
async function currentWebhook () {
  try {
    return await api.get('/me/webhook')
  } catch (error) {
    if (error instanceof ApiError && error.problem.status === 404) return null
    throw error
  }
}

/** The latest delivery as a sentence: the event, when, and whether the receiver took it. */
function deliveryLine (delivery) {
  if (delivery === undefined) return h('p', { class: 'meta' }, t('webhookNoDelivery'))
  const outcome = delivery.ok ? t('webhookDelivered') : t('webhookGivenUp')
  const status = delivery.status === undefined ? '' : ` (HTTP ${delivery.status})`
  return h('p', { class: delivery.ok ? 'meta' : 'alert' }, `${t('webhookLastDelivery')}: ${delivery.event} · ${when(delivery.at)} · ${outcome}${status}`,
    delivery.reason === undefined ? null : ` · ${delivery.reason}`)
}

/** The section for a customer; `null` for other roles (the operator acts for customers through the API). */
export async function webhookSection (who) {
  if (who.role !== 'customer') return null
  const area = h('div', {})
  const secretArea = h('div', { 'aria-live': 'polite' })
  const section = h('section', { class: 'card webhook', 'aria-labelledby': 'webhook-heading' },
    h('h2', { id: 'webhook-heading' }, t('webhookTitle')),
    h('p', {}, t('webhookIntro')),
    secretArea,
    area)

  const draw = async () => {
    let webhook
    try {
      webhook = await currentWebhook()
    } catch (error) {
      replace(area, problemView(error))
      return
    }
    replace(area,
      webhook === null
        ? h('p', { class: 'webhook-state' }, t('webhookNone'))
        : [h('p', { class: 'webhook-state' }, `${t('webhookCurrent')}: `, h('code', { class: 'webhook-url' }, webhook.url), ` · ${t('webhookSince')}: ${when(webhook.createdAt)}`),
            deliveryLine(webhook.lastDelivery)],
      urlForm(webhook),
      webhook === null ? null : removeArea())
  }

  const urlForm = webhook => {
    const id = uid('webhook-url')
    const helpId = `${id}-help`
    const errorId = `${id}-error`
    const input = h('input', { id, name: 'url', type: 'url', required: true, size: 40, maxlength: 2000, autocomplete: 'url', 'aria-describedby': helpId, value: webhook?.url ?? '' })
    const error = h('div', { id: errorId })
    const submit = h('button', { type: 'submit', class: 'primary' }, webhook === null ? t('webhookSet') : t('webhookReplace'))
    const form = h('form', { novalidate: true, class: 'webhook-form' },
      h('div', { class: 'field' },
        h('label', { for: id }, t('webhookUrl')),
        input,
        h('p', { class: 'help', id: helpId }, t('webhookSignature'))),
      submit, error)
    form.addEventListener('submit', async event => {
      event.preventDefault()
      const url = input.value.trim()
      replace(error)
      input.removeAttribute('aria-invalid')
      input.setAttribute('aria-describedby', helpId)
      if (url === '') {
        showError(t('webhookUrlMissing'))
        return
      }
      submit.disabled = true
      try {
        const answer = await api.put('/me/webhook', { url })
        replace(secretArea, answer.secret === undefined
          ? null
          : h('div', { class: 'success webhook-secret', role: 'status' },
            h('p', {}, t('webhookSaved', answer.url)),
            h('p', {}, `${t('webhookSecret')}: `, h('code', {}, answer.secret)),
            h('p', {}, t('webhookSecretOnce'))))
        announce(section, t('webhookSaved', answer.url))
        await draw()
      } catch (failure) {
        if (failure instanceof ApiError && failure.problem.status === 400) showError(failure.message)
        else replace(error, problemView(failure))
      } finally {
        submit.disabled = false
      }
    })
    const showError = message => {
      replace(error, h('p', { class: 'error', role: 'alert' }, message))
      input.setAttribute('aria-invalid', 'true')
      input.setAttribute('aria-describedby', `${helpId} ${errorId}`)
      input.focus()
    }
    return form
  }

  const removeArea = () => {
    const holder = h('div', {})
    const ask = () => {
      const yes = h('button', { type: 'button', class: 'primary' }, t('webhookRemoveYes'))
      const no = h('button', { type: 'button', class: 'secondary' }, t('webhookRemoveNo'))
      const result = h('div', { 'aria-live': 'polite' })
      yes.addEventListener('click', async () => {
        yes.disabled = true
        try {
          await api.delete('/me/webhook')
          replace(secretArea)
          announce(section, t('webhookRemoved'))
          await draw()
          replace(secretArea, h('p', { class: 'success', role: 'status' }, t('webhookRemoved')))
        } catch (error) {
          replace(result, problemView(error))
          yes.disabled = false
        }
      })
      no.addEventListener('click', () => { show(); holder.querySelector('button')?.focus() })
      replace(holder, h('div', { class: 'confirm', role: 'group', 'aria-labelledby': 'webhook-heading' },
        h('p', {}, t('webhookRemoveConfirm')), yes, ' ', no, result))
      no.focus()
    }
    const show = () => replace(holder, h('button', { type: 'button', class: 'secondary', onclick: ask }, t('webhookRemove')))
    show()
    return holder
  }

  await draw()
  return section
}
