// The Symphony web console: hash routes #/catalog, #/discover, #/compose, #/configure, #/signin,
// #/service/<IRI>, #/orders[/<id>], #/subscriptions[/<id>], #/invoices[/<number>], #/provider,
// #/configurations[/<IRI>].
import { ApiError } from './api.js'
import { h, replace } from './dom.js'
import { lang, setLang, t, translatePage } from './i18n.js'
import { renderCatalog } from './catalog.js'
import { renderCompose } from './compose.js'
import { renderConfigure } from './configure.js'
import { renderDiscover } from './discover.js'
import { renderAccount, renderSignin } from './signin.js'
import { renderOrders } from './orders.js'
import { renderSubscriptions } from './subscriptions.js'
import { renderInvoices } from './invoices.js'
import { renderTickets } from './tickets.js'
import { renderService } from './service.js'
import { renderProvider } from './provider.js'
import { renderConfigurations } from './configurations.js'

const routes = { catalog: renderCatalog, discover: renderDiscover, compose: renderCompose, configure: renderConfigure }
Object.assign(routes, { signin: renderSignin, orders: renderOrders, subscriptions: renderSubscriptions, invoices: renderInvoices, tickets: renderTickets, service: renderService })
Object.assign(routes, { provider: renderProvider, configurations: renderConfigurations })
const state = {}

/** The route's path below the page name: `#/orders/o-12` has `['o-12']`. */
function pathOf () {
  return window.location.hash.replace(/^#\/?/, '').split('?')[0].split('/').map(decodeURIComponent)
}

function current () {
  const name = pathOf()[0]
  return Object.hasOwn(routes, name) ? name : 'catalog'
}

function navigate (name) {
  if (window.location.hash === `#/${name}`) show()
  else window.location.hash = `#/${name}`
}

/**
 * Draws the route's page. Each render draws into its own `<main id="main">`, which takes the
 * place of the previous one: a render the reader has left (a slow answer, a later click handler,
 * a poll) draws into a detached element and never into the page that replaced it. Its `navigate`
 * does nothing once it is left; its route and title writes check `main.isConnected` as well, and
 * `announce()` speaks only for an element that is still shown.
 */
async function show () {
  const previous = document.getElementById('main')
  const main = previous.cloneNode(false)
  previous.replaceWith(main)
  const name = current()
  for (const link of document.querySelectorAll('[data-route]')) {
    if (link.dataset.route === name) link.setAttribute('aria-current', 'page')
    else link.removeAttribute('aria-current')
  }
  document.title = `${t(`nav${name[0].toUpperCase()}${name.slice(1)}`)} — Symphony`
  replace(main, h('p', { class: 'loading' }, t('loading')))
  const live = () => main.isConnected
  const context = { state, navigate: to => { if (live()) navigate(to) }, path: pathOf().slice(1) }
  try {
    await routes[name](main, context)
  } catch (error) {
    if (!live()) return
    replace(main, h('h1', {}, t('error')), h('p', { class: 'alert', role: 'alert' }, error instanceof ApiError ? error.message : String(error)))
  }
  if (live()) main.focus({ preventScroll: true })
}

function updateLanguageButtons () {
  for (const button of document.querySelectorAll('[data-lang]')) button.setAttribute('aria-pressed', String(button.dataset.lang === lang()))
}

for (const button of document.querySelectorAll('[data-lang]')) {
  button.addEventListener('click', () => {
    setLang(button.dataset.lang)
    updateLanguageButtons()
    translatePage()
    renderAccount(navigate)
    show()
  })
}
window.addEventListener('hashchange', show)
updateLanguageButtons()
translatePage()
renderAccount(navigate)
show()
