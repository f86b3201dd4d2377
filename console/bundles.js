// The bundles of a composition answer: one table of all of them, sortable by rank, price, score
// and members (the cheapest marked), tick boxes to compare several side by side, and the chosen
// bundle's explanation and graph. Sort, chosen and compared bundles live in the route's query
// (`#/compose?…&sort=price-asc&bundle=2&compare=1,3`), so Back, reload and the language keep them.
import { announce, h, replace, scrollBox, uid } from './dom.js'
import { t } from './i18n.js'
import { hashParameters, money, regionName, scoreText, serviceHref } from './format.js'
import { bundleGraph } from './bundle-graph.js'

const sortKeys = {
  rank: { text: () => t('rank'), value: row => row.rank, first: 'asc' },
  members: { text: () => t('membersCount'), value: row => row.bundle.services.length, first: 'asc' },
  price: { text: () => t('pricePerMonth'), value: row => row.bundle.price.monthly, first: 'asc' },
  score: { text: () => t('score'), value: row => row.bundle.score, first: 'desc' }
}

/** The view's state read from the route's query, with defaults for what it does not say. */
export function viewState (count) {
  const parameters = hashParameters()
  const [key, order] = (parameters.get('sort') ?? '').split('-')
  const rank = value => { const n = Number(value); return Number.isInteger(n) && n >= 1 && n <= count ? n : null }
  return {
    sort: Object.hasOwn(sortKeys, key) && (order === 'asc' || order === 'desc') ? { key, order } : { key: 'rank', order: 'asc' },
    shown: rank(parameters.get('bundle')) ?? 1,
    compare: [...new Set((parameters.get('compare') ?? '').split(',').map(rank).filter(n => n !== null))].sort((a, b) => a - b)
  }
}

/** Writes the view's state into the route's query without a new history entry or a re-render. */
function remember (view) {
  const parameters = hashParameters()
  parameters.set('sort', `${view.sort.key}-${view.sort.order}`)
  parameters.set('bundle', String(view.shown))
  if (view.compare.length === 0) parameters.delete('compare')
  else parameters.set('compare', view.compare.join(','))
  const route = window.location.hash.split('?')[0]
  window.history.replaceState(window.history.state, '', `${route}?${parameters}`)
}

/** Rows in the chosen order; ties keep the answer's rank, so the order is always the same. */
export function sortRows (rows, { key, order }) {
  const value = sortKeys[key].value
  const sign = order === 'asc' ? 1 : -1
  return [...rows].sort((a, b) => (value(a) - value(b)) * sign || a.rank - b.rank)
}

/** Members' data locations (as names) and certifications with how many members hold each. */
function compliance (bundle, summaryOf) {
  const summaries = bundle.services.map(summaryOf).filter(s => s !== undefined)
  const locations = [...new Set(summaries.flatMap(s => s.dataLocations))].sort()
  const held = new Map()
  for (const s of summaries) for (const c of s.certifications) held.set(c.iri, { label: c.label, count: (held.get(c.iri)?.count ?? 0) + 1 })
  return { locations, certifications: [...held.values()].sort((a, b) => b.count - a.count || a.label.localeCompare(b.label)), members: summaries.length }
}

/**
 * The bundles view of `answer`. `name(iri)` labels IRIs; `summaryOf(iri)` is a member's catalog
 * summary (or undefined); `isAdapter(iri)` tells adapters; `detail(bundle, rank)` renders a bundle's card.
 */
export function bundlesView (answer, { name, summaryOf, isAdapter, detail }) {
  const rows = answer.bundles.map((bundle, index) => ({ bundle, rank: index + 1 }))
  const view = viewState(rows.length)
  const cheapest = Math.min(...rows.map(r => r.bundle.price.monthly))
  const table = scrollBox(t('bundles'))
  const compared = h('section', { class: 'card compare', 'aria-labelledby': 'compare-heading' })
  const shown = h('div', { class: 'shown-bundle' })

  function headerCell (key) {
    const active = view.sort.key === key
    const sort = active ? (view.sort.order === 'asc' ? 'ascending' : 'descending') : null
    return h('th', { scope: 'col', 'aria-sort': sort, class: key === 'rank' ? null : 'number' },
      h('button', {
        type: 'button',
        class: 'sort',
        onclick: () => {
          const order = active ? (view.sort.order === 'asc' ? 'desc' : 'asc') : sortKeys[key].first
          view.sort = { key, order }
          remember(view)
          drawTable()
          table.querySelector(`th[aria-sort] button`)?.focus()
          announce(table, t('sorted', sortKeys[key].text(), t(order === 'asc' ? 'ascending' : 'descending')))
        }
      }, sortKeys[key].text(), h('span', { class: 'sort-mark', 'aria-hidden': 'true' }, active ? (view.sort.order === 'asc' ? ' ▲' : ' ▼') : ' ↕')))
  }

  function drawTable () {
    replace(table, h('table', { class: 'bundles-table' },
      h('caption', { class: 'visually-hidden' }, t('bundles')),
      h('thead', {}, h('tr', {},
        // The price right after the rank: on a phone it is in view before the table scrolls.
        headerCell('rank'), headerCell('price'),
        h('th', { scope: 'col' }, t('members')),
        headerCell('members'), headerCell('score'),
        h('th', { scope: 'col' }, t('compareTitle')))),
      h('tbody', {}, sortRows(rows, view.sort).map(({ bundle, rank }) => {
        const checkId = uid('compare')
        return h('tr', { class: rank === view.shown ? 'shown' : null, dataset: { rank: String(rank) } },
          h('th', { scope: 'row' },
            h('button', {
              type: 'button',
              class: 'link',
              'aria-pressed': String(rank === view.shown),
              'aria-label': t('showBundle', rank),
              onclick: () => { view.shown = rank; remember(view); drawTable(); drawShown(); shown.querySelector('h3')?.focus() }
            }, t('bundle', rank))),
          h('td', { class: 'number' }, money(bundle.price.monthly, bundle.price.currency),
            bundle.price.monthly === cheapest ? [' ', h('span', { class: 'badge' }, t('cheapest'))] : null),
          h('td', {}, bundle.services.map(name).join(' + ')),
          h('td', { class: 'number' }, String(bundle.services.length)),
          h('td', { class: 'number' }, scoreText(bundle.score)),
          h('td', {},
            h('input', {
              type: 'checkbox',
              id: checkId,
              checked: view.compare.includes(rank),
              onchange: event => {
                view.compare = event.target.checked ? [...view.compare, rank].sort((a, b) => a - b) : view.compare.filter(n => n !== rank)
                remember(view)
                drawCompare()
              }
            }),
            h('label', { for: checkId, class: 'visually-hidden' }, t('compareBundle', rank))))
      }))))
  }

  function drawCompare () {
    const heading = h('h3', { id: 'compare-heading' }, t('compareTitle'))
    const chosen = view.compare.map(rank => ({ rank, bundle: answer.bundles[rank - 1] }))
    if (chosen.length < 2) {
      replace(compared, heading, h('p', { class: 'meta' }, t('compareHint')))
      return
    }
    const facts = chosen.map(c => compliance(c.bundle, summaryOf))
    // Each cell names its bundle too: at phone width the rows stack and the column heads are hidden.
    const row = (label, cell) => h('tr', {}, h('th', { scope: 'row' }, label), chosen.map((c, i) => h('td', { 'data-bundle': t('bundle', c.rank) }, cell(c, facts[i]))))
    replace(compared, heading,
      scrollBox(t('compareTitle'),
        h('table', { class: 'compare-table' },
          h('caption', { class: 'visually-hidden' }, t('compareTitle')),
          h('thead', {}, h('tr', {}, h('td', {}), chosen.map(c => h('th', { scope: 'col' }, t('bundle', c.rank))))),
          h('tbody', {},
            row(t('members'), c => h('ul', { class: 'plain' }, c.bundle.services.map(iri => h('li', {}, h('a', { href: serviceHref(iri) }, name(iri)), isAdapter(iri) ? ` (${t('adapter')})` : null)))),
            row(t('pricePerMonth'), c => [money(c.bundle.price.monthly, c.bundle.price.currency), ' ', h('span', { class: 'meta' }, t('forSeats', c.bundle.price.seats))]),
            row(t('dataLocations'), (c, f) => f.locations.length === 0 ? t('notStated') : f.locations.map(regionName).join(', ')),
            row(t('certificationsHeld'), (c, f) => f.certifications.length === 0
              ? t('none')
              : h('ul', { class: 'plain' }, f.certifications.map(x => h('li', {}, `${x.label} (${t('heldBy', x.count, f.members)})`)))),
            row(t('score'), c => scoreText(c.bundle.score))))))
  }

  function drawShown () {
    const bundle = answer.bundles[view.shown - 1]
    replace(shown, detail(bundle, view.shown - 1, bundleGraph(bundle, view.shown, {
      name,
      isAdapter,
      providerOf: iri => summaryOf(iri)?.provider?.label ?? ''
    })))
  }

  drawTable()
  drawCompare()
  drawShown()
  return [table, compared, shown]
}
