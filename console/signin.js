// Signing in with a pasted token (checked with GET /me before it is kept), signing out, and
// the header's "signed in as" line.
import { api, ApiError } from './api.js'
import { announce, h, replace, uid } from './dom.js'
import { t } from './i18n.js'
import { clearToken, setToken, token } from './token.js'
import { problemView } from './problem-view.js'

let account = null

/** The signed-in account (`{ role, id, name? }`), or null; asks the API once per token. */
export async function currentAccount () {
  if (token() === null) {
    account = null
    return null
  }
  if (account !== null) return account
  try {
    account = await api.get('/me')
  } catch (error) {
    // A revoked or unknown token is forgotten; other failures leave it for the next try.
    if (error instanceof ApiError && error.problem.status === 401) clearToken()
    account = null
  }
  return account
}

/** A short name for an account: a customer's name, else the end of the provider IRI, or "operator". */
export function accountName (who) {
  if (who.name !== undefined) return who.name
  return who.id.replace(/^.*[#/]/, '') || who.id
}

/** Shows the navigation entries meant for the signed-in account's role (`data-roles`), hides the others. */
function showRoleLinks (who) {
  for (const item of document.querySelectorAll('[data-roles]')) item.hidden = who === null || !item.dataset.roles.split(' ').includes(who.role)
}

/** Fills the header's account area: who is signed in and a sign-out button, or a sign-in link. */
export async function renderAccount (navigate) {
  const area = document.getElementById('account')
  if (area === null) return
  const who = await currentAccount()
  showRoleLinks(who)
  if (who === null) {
    replace(area, h('a', { href: '#/signin', dataset: { route: 'signin' } }, t('navSignin')))
    return
  }
  replace(area,
    h('span', {}, `${t('signedInAs')} `, h('strong', {}, accountName(who)), ` (${t(`role${who.role[0].toUpperCase()}${who.role.slice(1)}`)})`),
    ' ',
    h('button', {
      type: 'button',
      class: 'secondary small',
      onclick: async () => {
        clearToken()
        account = null
        announce(area, t('signedOut'))
        await renderAccount(navigate)
        navigate('signin')
      }
    }, t('signOut')))
}

/** The page content when a page needs an account and nobody is signed in; null otherwise. */
export async function requireAccount (main, title) {
  const who = await currentAccount()
  if (who !== null) return who
  replace(main, h('h1', {}, title), h('p', {}, t('needSignin')), h('p', {}, h('a', { href: '#/signin' }, t('navSignin'))))
  return null
}

export async function renderSignin (main, { navigate }) {
  const id = uid('token')
  const result = h('div', { 'aria-live': 'polite' })
  const field = h('input', { id, name: 'token', type: 'password', autocomplete: 'off', spellcheck: 'false', required: true, size: 40 })
  const submit = h('button', { type: 'submit', class: 'primary' }, t('signinButton'))
  const form = h('form', { class: 'card', novalidate: true },
    h('div', { class: 'field' }, h('label', { for: id }, t('token')), field),
    submit, result)
  form.addEventListener('submit', async event => {
    event.preventDefault()
    const value = field.value.trim()
    if (value === '') return
    submit.disabled = true
    submit.textContent = t('signingIn')
    replace(result)
    try {
      const who = await api.get('/me', value)
      setToken(value)
      account = who
      announce(form, t('signedIn', accountName(who)))
      await renderAccount(navigate)
      navigate(who.role === 'provider' ? 'provider' : 'subscriptions')
    } catch (error) {
      replace(result, problemView(error))
      field.setAttribute('aria-invalid', 'true')
      field.focus()
    } finally {
      submit.disabled = false
      submit.textContent = t('signinButton')
    }
  })
  const who = await currentAccount()
  replace(main,
    h('h1', {}, t('signinTitle')),
    h('p', {}, t('signinIntro')),
    who === null ? null : h('p', { class: 'success' }, t('signedIn', accountName(who))),
    form)
}
