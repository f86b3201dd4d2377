// The graph of a bundle as SVG: members as boxes on a circle in wiring order, each link of the
// explanation as an arrow labelled with the interface type it carries (links both ways, as static
// wiring allows, as two curved arrows), adapters drawn dashed. The same facts follow as a list
// for screen readers. No inline styles: the look comes from classes in style.css.
import { h } from './dom.js'
import { t } from './i18n.js'
import { degreeName } from './format.js'

const svgNs = 'http://www.w3.org/2000/svg'
const width = 640
const box = { width: 176, height: 58 }
const lineLength = 22

/** An SVG element with attributes and children (text children become text nodes). */
function s (tag, attributes = {}, ...children) {
  const element = document.createElementNS(svgNs, tag)
  for (const [name, value] of Object.entries(attributes)) if (value !== undefined && value !== null) element.setAttribute(name, String(value))
  for (const child of children.flat(Infinity)) {
    if (child === undefined || child === null || child === false) continue
    element.append(typeof child === 'object' ? child : document.createTextNode(String(child)))
  }
  return element
}

/** Up to two lines of at most `lineLength` characters, cut at spaces, the rest shortened with "…". */
export function wrapLabel (text) {
  const lines = ['']
  for (const word of String(text).split(/\s+/)) {
    const last = lines.length - 1
    const joined = lines[last] === '' ? word : `${lines[last]} ${word}`
    if (joined.length <= lineLength || lines[last] === '') lines[last] = joined
    else if (lines.length < 2) lines.push(word)
    else { lines[last] = `${joined.slice(0, lineLength - 1)}…`; break }
  }
  return lines.map(line => line.length > lineLength ? `${line.slice(0, lineLength - 1)}…` : line)
}

/** Node centres on a circle, first member on the left, clockwise; two members side by side. */
export function circleLayout (count) {
  const height = count <= 2 ? 150 : 420
  const radius = Math.min(width / 2 - box.width / 2 - 8, height / 2 - box.height / 2 - 8)
  const points = Array.from({ length: count }, (_, i) => {
    const angle = Math.PI + (2 * Math.PI * i) / count
    return { x: Math.round(width / 2 + radius * Math.cos(angle)), y: Math.round(height / 2 + (count <= 2 ? 0 : radius * Math.sin(angle))) }
  })
  return { width, height, points }
}

/** Where the line from a box's centre towards `toward` leaves the box. */
function boxEdge (centre, toward) {
  const dx = toward.x - centre.x
  const dy = toward.y - centre.y
  if (dx === 0 && dy === 0) return centre
  const scale = Math.min(dx === 0 ? Infinity : (box.width / 2 + 4) / Math.abs(dx), dy === 0 ? Infinity : (box.height / 2 + 4) / Math.abs(dy))
  return { x: centre.x + dx * scale, y: centre.y + dy * scale }
}

const round = n => Math.round(n * 10) / 10

/**
 * The figure of bundle `number`: `name(iri)` labels services and interface types, `isAdapter(iri)`
 * marks members that bridge interfaces, `providerOf(iri)` names a member's provider ('' if none).
 */
export function bundleGraph (bundle, number, { name, isAdapter, providerOf }) {
  const explanation = bundle.explanation
  const order = [...explanation.wiringOrder, ...bundle.services.filter(s => !explanation.wiringOrder.includes(s))]
  const members = order.filter(s => bundle.services.includes(s))
  const layout = circleLayout(members.length)
  const at = new Map(members.map((iri, i) => [iri, layout.points[i]]))
  const links = explanation.links.filter(l => at.has(l.from) && at.has(l.to) && l.from !== l.to)
  const carried = link => name(link.path?.[link.path.length - 1] ?? link.interface)
  const both = new Set(links.map(l => `${l.from} ${l.to}`))
  const id = `graph-${number}`

  const edges = links.map((link, index) => {
    const a = at.get(link.from)
    const b = at.get(link.to)
    // A link that has a partner the other way bends to its left, so the two arrows part.
    const bend = both.has(`${link.to} ${link.from}`) ? 30 : 0
    const length = Math.hypot(b.x - a.x, b.y - a.y)
    const control = { x: (a.x + b.x) / 2 + (bend * (b.y - a.y)) / length, y: (a.y + b.y) / 2 - (bend * (b.x - a.x)) / length }
    const start = boxEdge(a, control)
    const end = boxEdge(b, control)
    const middle = { x: 0.25 * start.x + 0.5 * control.x + 0.25 * end.x, y: 0.25 * start.y + 0.5 * control.y + 0.25 * end.y }
    return s('g', { class: `edge edge-${link.degree}`, 'data-from': link.from, 'data-to': link.to },
      s('path', { d: `M ${round(start.x)} ${round(start.y)} Q ${round(control.x)} ${round(control.y)} ${round(end.x)} ${round(end.y)}`, 'marker-end': `url(#${id}-arrow)`, fill: 'none', id: `${id}-edge-${index}` }),
      s('text', { x: round(middle.x), y: round(middle.y - 4), 'text-anchor': 'middle', class: 'edge-label' }, carried(link)))
  })
  const nodes = members.map(iri => {
    const { x, y } = at.get(iri)
    const adapter = isAdapter(iri)
    const lines = wrapLabel(name(iri))
    const top = y - ((lines.length + (adapter ? 1 : 0)) - 1) * 8
    return s('g', { class: adapter ? 'node adapter' : 'node', 'data-service': iri },
      s('rect', { x: x - box.width / 2, y: y - box.height / 2, width: box.width, height: box.height, rx: 8, ry: 8 }),
      lines.map((line, i) => s('text', { x, y: top + i * 16 + 4, 'text-anchor': 'middle' }, line)),
      adapter ? s('text', { x, y: top + lines.length * 16 + 4, 'text-anchor': 'middle', class: 'node-note' }, t('adapter')) : null)
  })
  const svg = s('svg', {
    viewBox: `0 0 ${layout.width} ${layout.height}`,
    class: 'bundle-graph',
    role: 'img',
    'aria-label': t('graphAlt', number, members.length, links.length),
    focusable: 'false'
  },
  s('defs', {}, s('marker', { id: `${id}-arrow`, viewBox: '0 0 10 10', refX: 9, refY: 5, markerWidth: 8, markerHeight: 8, orient: 'auto-start-reverse' },
    s('path', { d: 'M 0 0 L 10 5 L 0 10 z', class: 'arrow' }))),
  edges, nodes)

  return h('figure', { class: 'graph', 'aria-labelledby': `${id}-caption` },
    h('figcaption', { id: `${id}-caption` }, t('bundleGraph')),
    svg,
    h('div', { class: 'visually-hidden' },
      h('p', {}, t('graphList')),
      h('ul', { 'aria-label': t('members') }, members.map(iri => h('li', {},
        t('memberItem', name(iri), providerOf(iri)), isAdapter(iri) ? ` — ${t('adapter')}` : null))),
      links.length === 0 ? null : h('ul', { 'aria-label': t('links') }, links.map(link => h('li', {},
        t('linkItem', name(link.from), name(link.to), carried(link), degreeName(link.degree)))))))
}
